package dev.flagbench.harness.data;

import java.util.List;
import java.util.Map;

/**
 * One scenario of a run as stored in run.json's {@code scenarios} list (absent from files written before them): a
 * lesson of the tutorial measured in forked JVMs, its steps in the order they ran, and the fits computed from them.
 *
 * @param name the scenario's name on the command line, e.g. {@code blocked-loop}
 * @param summary what it shows, in one line
 * @param steps every step that ran, failed or was skipped, in run order
 * @param fits straight lines fitted to the steps' numbers (memory against the task count), or none
 */
public record ScenarioRecord(String name, String summary, List<Step> steps, List<Fit> fits) {
    /** A step that measured what it was asked to. */
    public static final String OK = "OK";
    /** A step whose JVM failed or whose measured operation failed (the failure is its finding). */
    public static final String FAILED = "FAILED";
    /** A step not run, with the reason. */
    public static final String SKIPPED = "SKIPPED";

    /** Copies the lists. */
    public ScenarioRecord {
        steps = steps == null ? List.of() : List.copyOf(steps);
        fits = fits == null ? List.of() : List.copyOf(fits);
    }

    /**
     * One forked JVM's measurement.
     *
     * @param id e.g. {@code blocked-loop/reactive-blocking-call/C100}
     * @param series the model, variant, spinner or thread kind measured
     * @param role what the series is in the scenario: {@code MISTAKE}, {@code FIX}, {@code MODEL}, {@code BASELINE},
     *             {@code BLOCKHOUND}, {@code platform}, {@code virtual}, {@code spinner}
     * @param level C, the blocked-task count, or 1
     * @param state {@link #OK}, {@link #FAILED} or {@link #SKIPPED}
     * @param failure why it failed or was skipped, or {@code null}
     * @param loop the throughput measured, for a blocked-loop step
     * @param threads the blocked tasks, for a thread-limits step
     * @param spinner the spinner's run and cancellation, for a spinner step
     * @param blockingCall what BlockHound caught, for a BlockHound step
     */
    public record Step(String id, String series, String role, int level, String state, String failure, Loop loop,
                       Threads threads, SpinnerRun spinner, BlockingCall blockingCall) {
        /** A step that did not produce its figures, with the reason. */
        public static Step notMeasured(String id, String series, String role, int level, String state, String why) {
            return new Step(id, series, role, level, state, why, null, null, null, null);
        }

        /** This step with the server's peak in flight during it. */
        public Step withServerPeak(int peak) {
            return loop == null ? this : new Step(id, series, role, level, state, failure, new Loop(loop.delayMillis(),
                    loop.throughput(), loop.windowResponses(), loop.windowMillis(), peak, loop.settings()), threads,
                    spinner, blockingCall);
        }
    }

    /**
     * Responses per second in a fixed window of one long job, after its ramp; the job is cancelled at the window's end.
     *
     * @param delayMillis the server's delay L
     * @param throughput responses per second in the window
     * @param windowResponses responses in the window
     * @param windowMillis the window's length
     * @param serverPeakInFlight the most requests the server held at once during the step, or {@code null}
     * @param settings the client settings as applied
     */
    public record Loop(double delayMillis, double throughput, long windowResponses, double windowMillis,
                       Integer serverPeakInFlight, Map<String, String> settings) {
    }

    /**
     * Tasks started and held blocked until all had started, then released.
     *
     * @param kind {@code platform} or {@code virtual}
     * @param requested tasks asked for
     * @param started tasks that started
     * @param rssBytes the JVM's resident memory with every started task blocked
     * @param heapBytes the heap in use after a GC with every started task blocked
     * @param startMillis time to start them all (or until the failure)
     * @param releaseMillis time from the release to the last task's end
     * @param error the error that stopped the starts, e.g. {@code OutOfMemoryError: unable to create native thread},
     *              or {@code null}
     * @param limit the machine limit nearest to the counts observed at the failure, in words, or {@code null}
     * @param limits the machine's limits as read from /proc ({@code pid_max}, {@code threads-max},
     *               {@code max_map_count}, {@code ulimit -u})
     * @param observed the counts those limits bound, read with every task blocked (tasks on the machine, this JVM's
     *                 threads and memory maps)
     */
    public record Threads(String kind, int requested, int started, long rssBytes, long heapBytes, double startMillis,
                          double releaseMillis, String error, String limit, Map<String, Long> limits,
                          Map<String, Long> observed) {
    }

    /**
     * The spinner's run and its cancellation.
     *
     * @param answer what the slow call returned
     * @param frames frames shown before the clear
     * @param slowCallMillis how long the slow call was asked to take
     * @param answerMillis how long {@code spin} took to answer
     * @param clearedLast whether the last frame was the clear, and no frame followed within three periods
     * @param cancelledByException whether interrupting the caller ended {@code spin} with InterruptedException
     * @param cancelMillis time from the interrupt to {@code spin}'s end
     * @param framesAfterCancel frames shown after the cancelled {@code spin} ended (within three periods)
     */
    public record SpinnerRun(int answer, int frames, double slowCallMillis, double answerMillis, boolean clearedLast,
                             boolean cancelledByException, double cancelMillis, int framesAfterCancel) {
    }

    /**
     * The blocking call BlockHound caught on a non-blocking thread.
     *
     * @param method the blocking method, as BlockHound names it, e.g. {@code java.net.Socket#connect}
     * @param thread the thread it was called on
     * @param calledFrom the first frame of the project's code on the stack
     * @param stack the stack's frames below BlockHound's, top first (at most 40)
     */
    public record BlockingCall(String method, String thread, String calledFrom, List<String> stack) {
        /** Copies the list. */
        public BlockingCall {
            stack = stack == null ? List.of() : List.copyOf(stack);
        }
    }

    /**
     * A least-squares line y = slope x + intercept through a series' points.
     *
     * @param series e.g. {@code platform}
     * @param measure what y is, e.g. {@code rss} or {@code heap} (bytes), against x, the task count
     * @param points how many points were fitted
     * @param slope bytes per task
     * @param intercept bytes at no task
     * @param r2 the coefficient of determination, or NaN with fewer than three points
     */
    public record Fit(String series, String measure, int points, double slope, double intercept, double r2) {
    }
}
