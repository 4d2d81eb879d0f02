package dev.flagbench.harness.report;

import dev.flagbench.harness.data.Timeline;
import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial's timeline as index.html's over-time chart reads it: seconds since its first sample, the server's
 * requests in flight, the responses per second of each interval, and its phases in seconds.
 *
 * @param label the menu's name of the trial
 * @param x seconds since the timeline's first sample
 * @param inFlight the server's requests in flight at each sample
 * @param throughput responses per second over the interval ending at each sample ({@code null} at the first)
 * @param phases phase name to {@code [fromSeconds, toSeconds]}
 */
record TimelineView(String label, List<Double> x, List<Integer> inFlight, List<Double> throughput,
                    Map<String, List<Double>> phases) {

    /** The view of trial {@code t}, which has a timeline, named {@code label}. */
    static TimelineView of(String label, TrialRecord t) {
        Timeline tl = t.timeline();
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < tl.samples(); i++) {
            x.add(i * tl.intervalMillis() / 1000.0);
        }
        List<Double> rate = new ArrayList<>(tl.throughputPerSecond());
        if (!rate.isEmpty()) {
            rate.set(0, null);
        }
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        tl.phases().forEach((name, span) -> phases.put(name, List.of(span.get(0) / 1000.0, span.get(1) / 1000.0)));
        return new TimelineView(label, x, tl.inFlight(), java.util.Collections.unmodifiableList(rate), phases);
    }
}
