package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.TrialRecord;
import java.util.Locale;

/**
 * One trial to run: {@code model} is the series' name, {@code impl} its model ({@code null} for the Netty
 * baseline); {@code sweep} is null for echo; {@code faults} the measured server's, {@code null} for the plan's.
 */
record Task(String sweep, String model, ConcurrencyModel impl, TrialWorkload workload, int level, int repetition,
                    FaultProfile faults) {
    String id() {
        String prefix = sweep == null || TrialRecord.THROUGHPUT.equals(sweep) ? "" : sweep + "/";
        return prefix + workload.label() + "/" + model + "/C" + level + "/r" + repetition;
    }

    /** The workload as the report's series reads it: {@code capacity/flags}, {@code cold/flags}, or the label. */
    String series() {
        return sweep == null || TrialRecord.THROUGHPUT.equals(sweep) ? workload.label() : sweep + "/" + workload.label();
    }

    String seriesKey() {
        return sweep + "|" + model + "|" + workload.label();
    }

    String label() {
        String prefix = sweep == null || TrialRecord.THROUGHPUT.equals(sweep) ? "" : sweep + " ";
        return String.format(Locale.ROOT, "%s%s %s %s=%d r%d", prefix, workload.label(), model,
                workload.isEcho() ? "conns" : "C", level, repetition);
    }
}
