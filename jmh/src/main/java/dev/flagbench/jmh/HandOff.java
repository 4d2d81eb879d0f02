package dev.flagbench.jmh;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What one hand-off costs in each model: a round trip between two tasks that are already running.
 *
 * <p>One operation is a ping and a pong: the benchmark thread hands a number to a partner started once per trial,
 * which hands back the number plus one; both sides block in between. Over a {@link SynchronousQueue} that is
 * two park/unpark pairs of OS threads for platform threads, and two unmount/mount pairs of continuations on the
 * carrier pool for virtual threads. For the virtual case JMH's own worker runs as a virtual thread
 * ({@code -Djmh.executor=VIRTUAL}, set on that method's fork), so that both ends are virtual. The Reactor
 * equivalent is a {@code publishOn} hop to a single-thread scheduler (the partner) and back to the caller through
 * {@code block()}. This is the cost a model pays each time a request waits and is woken: the unit of work of any
 * I/O-bound program, where a task mostly waits. The platform and Reactor scores are mostly OS-thread wakes, whose
 * cost on a small VM depends on whether the other cores are idle: compare scores within one run on an otherwise
 * quiet machine.
 *
 * <p>Run alone: {@code java -jar jmh/target/benchmarks.jar HandOff -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 16, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Thread)
public class HandOff {

    /** Two synchronous queues and a partner thread that answers every ping on one with a pong on the other. */
    public abstract static class Partner {
        private final SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        private final SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        private Thread partner;

        /** The kind of thread the partner is. */
        abstract Thread.Builder builder();

        /** Starts the partner, which loops until interrupted. */
        @Setup(Level.Trial)
        public void start() {
            partner = builder().name("hand-off-partner").start(this::answer);
        }

        /** Interrupts the partner and waits for it to end. */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            partner.interrupt();
            partner.join();
        }

        /** Sends {@code value} to the partner and returns its answer. */
        int roundTrip(int value) throws InterruptedException {
            ping.put(value);
            return pong.take();
        }

        private void answer() {
            try {
                while (true) {
                    pong.put(ping.take() + 1);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A platform-thread partner. */
    @State(Scope.Benchmark)
    public static class PlatformPartner extends Partner {
        @Override
        Thread.Builder builder() {
            return Thread.ofPlatform();
        }
    }

    /** A virtual-thread partner. */
    @State(Scope.Benchmark)
    public static class VirtualPartner extends Partner {
        @Override
        Thread.Builder builder() {
            return Thread.ofVirtual();
        }
    }

    /** A single-thread Reactor scheduler that plays the partner for the {@code publishOn} hop. */
    @State(Scope.Benchmark)
    public static class ReactorPartner {
        private Scheduler partner;

        /** Creates the partner scheduler. */
        @Setup(Level.Trial)
        public void start() {
            partner = Schedulers.newSingle("hand-off-partner");
        }

        /** Disposes of the partner scheduler. */
        @TearDown(Level.Trial)
        public void stop() {
            partner.dispose();
        }
    }

    private int value;

    /** One round trip between the (platform) benchmark thread and a platform partner thread. */
    @Benchmark
    public int platformThreads(PlatformPartner partner) throws InterruptedException {
        value = partner.roundTrip(value);
        return value;
    }

    /** One round trip between a virtual benchmark thread and a virtual partner thread. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC", "-Djmh.executor=VIRTUAL"})
    public int virtualThreads(VirtualPartner partner) throws InterruptedException {
        value = partner.roundTrip(value);
        return value;
    }

    /** One round trip through Reactor: a {@code publishOn} hop to the partner, then {@code block()} back. */
    @Benchmark
    public int reactor(ReactorPartner partner) {
        value = Mono.just(value).publishOn(partner.partner).map(v -> v + 1).block();
        return value;
    }
}
