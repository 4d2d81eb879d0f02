package dev.flagbench.harness.trial;

/**
 * The lines a trial JVM and the harness exchange on the trial's stdout and stdin.
 *
 * <p>Trial: {@code READY [port]} after warm-up; harness resets the server's stats and answers {@code GO}.
 * Downloads then run the measured phase. Echo trials print {@code MEASURING}, the harness drives load at the trial's
 * echo server and answers {@code STOP}. Both then take their resource figures, print {@code MEASURED} (the harness
 * may start the next trial's JVM: nothing of this one is measured any more), write the result file and print
 * {@code DONE}. An external program (docs/trial-protocol.md) waits after MEASURED for {@code COLLECTED}: the harness
 * reads its resources from /proc in between.
 */
public final class Protocol {
    /** Every protocol line starts with this, so that a model's own output is never mistaken for one. */
    public static final String PREFIX = "@@flagbench ";
    /** Warm-up done (echo: the server's port follows). */
    public static final String READY = "READY";
    /** Start the measured phase. */
    public static final String GO = "GO";
    /** Echo: the measured phase has begun. */
    public static final String MEASURING = "MEASURING";
    /** Echo: end the measured phase. */
    public static final String STOP = "STOP";
    /** The measured phase is over and its resources are read; the result file follows. */
    public static final String MEASURED = "MEASURED";
    /**
     * External programs only: the harness has read the process's resources from /proc after {@link #MEASURED}; the
     * program writes its result file now (so that neither its exit nor that work is in the figures).
     */
    public static final String COLLECTED = "COLLECTED";
    /** The result file is written. */
    public static final String DONE = "DONE";

    private Protocol() {
    }
}
