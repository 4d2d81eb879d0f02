package dev.flagbench.harness.trial;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts a trial's virtual-thread JFR events inside its measured phase, from the recording the trial dumped.
 *
 * @param virtualThreadsStarted jdk.VirtualThreadStart events
 * @param pinnedEvents jdk.VirtualThreadPinned events
 */
public record JfrCounts(long virtualThreadsStarted, long pinnedEvents) {
    /** A virtual thread started. */
    static final String VIRTUAL_START = "jdk.VirtualThreadStart";
    /** A virtual thread parked while pinned to its carrier (threshold 0 ms: every one). */
    static final String PINNED = "jdk.VirtualThreadPinned";

    /** Counts the events of {@code file} that started in [{@code fromEpochNanos}, {@code toEpochNanos}]. */
    public static JfrCounts read(Path file, long fromEpochNanos, long toEpochNanos) throws IOException {
        long started = 0;
        long pinned = 0;
        try (RecordingFile f = new RecordingFile(file)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                long t = epochNanos(e.getStartTime());
                if (t < fromEpochNanos || t > toEpochNanos) {
                    continue;
                }
                String type = e.getEventType().getName();
                if (type.equals(VIRTUAL_START)) {
                    started++;
                } else if (type.equals(PINNED)) {
                    pinned++;
                }
            }
        }
        return new JfrCounts(started, pinned);
    }

    /** Nanoseconds since the epoch. */
    static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
