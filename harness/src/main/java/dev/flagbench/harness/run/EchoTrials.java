package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.echo.EchoLoadResult;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/** Turns an echo trial's load result (measured here) and resources (measured in the trial JVM) into its record. */
final class EchoTrials {
    private EchoTrials() {
    }

    /**
     * The record: OK when every attempted message came back intact on every connection; INVALID with one line per
     * shortfall otherwise. Counts: OK = intact echoes, ERROR = attempted messages that did not come back intact.
     */
    static TrialRecord record(String id, String model, int level, int repetition, EchoLoadResult load, TrialResult trial,
                              Path hgrm, Path hlog) throws IOException {
        Histogram h = load.latencyHistogram();
        writeHgrm(h, hgrm);
        writeHlog(h, hlog);
        EchoLoadResult.Failures f = load.failures();
        List<String> problems = new ArrayList<>();
        if (load.connectionsEstablished() < level) {
            problems.add(String.format(Locale.ROOT, "%,d of %,d connections opened", load.connectionsEstablished(), level));
        }
        if (f.integrityErrors() > 0) {
            problems.add(f.integrityErrors() + " echoes differed from what was sent");
        }
        if (load.messages() < load.attempted()) {
            problems.add(String.format(Locale.ROOT, "%,d of %,d messages not echoed (resets %d, timeouts %d)",
                    load.attempted() - load.messages(), load.attempted(), f.resets(), f.timeouts()));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("OK", load.messages());
        counts.put("ERROR", load.attempted() - load.messages());
        double wall = load.elapsed().toNanos() / 1e6;
        TrialRecord.Latency lat = h.getTotalCount() == 0 ? null : new TrialRecord.Latency(h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1e6, false,
                "hgrm/" + hgrm.getFileName(), "hgrm/" + hlog.getFileName());
        TrialRecord.Resources r = trial.resources();
        TrialRecord.Resources perMessage = r == null ? null : r.per(load.messages());
        TrialRecord.EchoStats echo = new TrialRecord.EchoStats(load.connectionsEstablished(), load.config().messageSize(),
                load.messages(), load.bytesPerSecond(), load.connectTime().toNanos() / 1e6, f.integrityErrors(), f.resets(),
                f.connectFailures(), f.timeouts(), load.connectionsEstablished() - load.connectionsEchoed());
        String state = problems.isEmpty() ? TrialRecord.OK : TrialRecord.INVALID;
        return TrialRecord.builder(id, model, TrialWorkload.ECHO.label(), level, repetition).state(state)
                .failureReason(problems.isEmpty() ? null : String.join("; ", problems)).items(load.attempted())
                .wallMillis(wall).throughput(load.messagesPerSecond()).latency(lat).counts(counts)
                .serverCounts(Map.of()).accountingMismatches(problems)
                .achievedConcurrency(load.connectionsEstablished()).resources(perMessage).jvm(trial.jvm())
                .clientSettings(trial.clientSettings()).echo(echo).build();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void writeHgrm(Histogram h, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(ps, 1e6);
        }
    }

    private static void writeHlog(Histogram h, Path file) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(h.getStartTimeStamp() > 0 ? h.getStartTimeStamp() : System.currentTimeMillis());
            w.outputLegend();
            w.outputIntervalHistogram(h);
        }
    }
}
