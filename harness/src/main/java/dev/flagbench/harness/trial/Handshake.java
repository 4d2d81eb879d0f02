package dev.flagbench.harness.trial;

import dev.flagbench.harness.external.ProcMeter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of the {@link Protocol} with one forked trial: READY, GO, (MEASURING, STOP), MEASURED,
 * (COLLECTED), DONE, each awaited within the trial's deadline, with the harness's {@link TrialProcess.Hooks} between.
 */
final class Handshake {
    /** What {@link #drive} returns when the trial said DONE: its result is written, its JVM is exiting. */
    static final String DONE_SEEN = "\u0000DONE";

    /** What the runner does at its own points of the handshake. */
    interface Runner {
        /** Before GO: waits for the previous trial's process to be gone. */
        void awaitPrevious() throws InterruptedException;

        /** After MEASURED: forks the next trial ahead of its turn. */
        void forkNext();
    }

    private final ForkedTrial f;
    private final TrialProcess.Hooks hooks;
    private final Runner runner;
    private final long deadline;
    private final Duration limit;

    Handshake(ForkedTrial f, TrialProcess.Hooks hooks, Runner runner, long deadline, Duration limit) {
        this.f = f;
        this.hooks = hooks;
        this.runner = runner;
        this.deadline = deadline;
        this.limit = limit;
    }

    /**
     * Runs the handshake; returns {@link #DONE_SEEN} when the trial said DONE, null when its stdout ended first (read
     * its exit code), or a failure reason.
     */
    String drive() throws InterruptedException {
        Process p = f.process;
        try (Writer stdin = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = await(Protocol.READY);
            if (ready == null) {
                return ended();
            }
            String argument = ready.substring(Protocol.READY.length()).trim();
            f.trace("ready");
            runner.awaitPrevious();
            try {
                hooks.beforeGo(argument);
            } catch (IOException e) {
                return "the harness could not prepare the measured phase: " + TrialFailures.describe(e);
            }
            send(stdin, Protocol.GO);
            ProcMeter meter = f.external != null ? ProcMeter.start(p.pid()) : null;
            if (f.spec.isEcho()) {
                if (await(Protocol.MEASURING) == null) {
                    return ended();
                }
                hooks.measure(argument);
                send(stdin, Protocol.STOP);
            }
            String measured = await(Protocol.MEASURED);
            if (meter != null) {
                f.usage = meter.stop();
            }
            if (measured == null) {
                return ended();
            }
            if (meter != null) {
                send(stdin, Protocol.COLLECTED);
            }
            f.trace("measured");
            try {
                hooks.afterMeasured();
            } catch (IOException e) {
                return "the harness could not read the server after the measured phase: " + TrialFailures.describe(e);
            }
            runner.forkNext();
            return await(Protocol.DONE) != null ? DONE_SEEN : null;
        } catch (IOException e) {
            return p.isAlive() ? "lost the trial's stdin: " + TrialFailures.describe(e) : null;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return "harness step failed: " + e;
        }
    }

    /** The handshake stopped (stdout closed or deadline): the time limit, or null to read the exit code. */
    private String ended() throws InterruptedException {
        return f.process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS) ? null : TrialFailures.overTime(limit);
    }

    private String await(String word) throws InterruptedException {
        while (true) {
            String line = f.lines.poll(remaining(deadline), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(ForkedTrial.EOF)) {
                return null;
            }
            if (line.startsWith(word)) {
                return line;
            }
        }
    }

    private static void send(Writer stdin, String word) throws IOException {
        stdin.write(word + "\n");
        stdin.flush();
    }

    /** The nanoseconds left until {@code deadline}, never negative. */
    static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
