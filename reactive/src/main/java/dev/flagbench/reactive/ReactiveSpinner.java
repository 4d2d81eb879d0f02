package dev.flagbench.reactive;

import dev.flagbench.core.Spinner;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The spinner as one Reactor pipeline: {@link Flux#interval} ticks the frames until the slow call's {@link Mono}
 * (a {@code Mono.delay}, which holds no thread) emits, which cancels the interval's subscription; interrupting the
 * caller disposes the whole pipeline.
 */
public final class ReactiveSpinner implements Spinner {

    @Override
    public String model() {
        return "reactive";
    }

    /** Builds the pipeline and blocks the calling thread until it answers. */
    @Override
    public int spin(Duration slowCall, Consumer<String> frames) throws InterruptedException {
        Mono<Integer> slow = Mono.delay(slowCall).thenReturn(ANSWER).cache();
        Mono<Integer> spinning = Flux.interval(Duration.ZERO, PERIOD) // ticks on Schedulers.parallel()
                .map(Spinner::frame)
                .takeUntilOther(slow)
                .concatWithValues(CLEAR)
                .publishOn(Schedulers.boundedElastic()) // frames may block (they print): not on a parallel thread
                .doOnNext(frames)
                .then(slow);
        try {
            return spinning.block();
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof InterruptedException interrupted) {
                Thread.interrupted(); // block() disposed the pipeline and re-set the flag: report it by the exception
                throw interrupted;
            }
            throw e;
        }
    }
}
