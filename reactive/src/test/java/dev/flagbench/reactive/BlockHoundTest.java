package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proves that the tests of this module run with BlockHound installed, so that their "no blocking" checks mean something. */
class BlockHoundTest {

    @Test
    void sleepOnTheParallelScheduler_throwsBlockingOperationError() {
        BlockHoundSession.clear();
        Mono<Integer> sleeper = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> sleeper.block(Duration.ofSeconds(5)))
                .as("BlockHound caught Thread.sleep on a non-blocking thread")
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(BlockingOperationError.class));
        assertThat(BlockHoundSession.violations()).as("the session recorded the call")
                .singleElement().asString().contains("java.lang.Thread.sleep").contains("parallel-");
        BlockHoundSession.clear();
    }

    @Test
    void sleepOnBoundedElastic_isAllowed() {
        Mono<Integer> sleeper = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.boundedElastic());

        assertThat(sleeper.block(Duration.ofSeconds(5))).as("boundedElastic is where blocking work belongs").isEqualTo(1);
    }
}
