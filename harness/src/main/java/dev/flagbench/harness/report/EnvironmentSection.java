package dev.flagbench.harness.report;

import dev.flagbench.harness.data.Environment;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The machine, the mock server, the trial JVMs' options and the fairness settings of each model. */
final class EnvironmentSection extends ReportSection {
    /** The environment of ctx's run. */
    EnvironmentSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        environment(doc);
    }

    private void environment(Doc doc) {
        Environment env = run.environment();
        doc.heading(2, "Environment");
        if (env == null) {
            doc.paragraph("Not recorded in run.json.");
            return;
        }
        doc.add(new Doc.Bullets(List.of(
                "machine: " + machine(),
                "open files limit (per process): " + Fmt.count(env.openFilesLimit()) + "; pid_max: "
                        + Fmt.count(env.pidMax()),
                "java of the trials: " + env.javaCommand(),
                "code: git " + env.gitCommit() + "; host " + env.hostname())));
        RunRecord.ServerInfo server = run.server();
        if (server != null) {
            doc.heading(3, "Mock server and load generator");
            doc.add(new Doc.Bullets(List.of(
                    "mode: " + server.mode() + " at " + server.baseUrl(),
                    "preset: " + server.preset() + "; faults: " + server.faults() + "; seed " + server.seed(),
                    "server CPU over the whole run: " + (server.cpuMillis() == null ? "not measured"
                            : Fmt.millis(server.cpuMillis())))));
        }
        doc.heading(3, "JVM options of the trial JVMs");
        doc.add(new Doc.Code(String.join(" ", env.trialJvmArgs())));
        if (env.trialJvmArgs().contains("-XX:TieredStopAtLevel=1")) {
            doc.paragraph("C1 only: a trial lasts seconds in a fresh JVM, and on a few cores C2 compiling during those"
                    + " seconds would take a large share of the CPU and charge each model for the size of its code"
                    + " rather than for its concurrency. CPU per request is therefore that of C1-compiled code, the same"
                    + " for every model; add --jvm-option=-XX:TieredStopAtLevel=4 to a run for C2.");
        }
        String futex = futexHash();
        if (futex != null) {
            doc.paragraph(futex);
        }
        otherOptions(doc, env.trialJvmArgs());
        doc.heading(3, "Fairness: client settings per model");
        doc.paragraph("As each model applied them, deduplicated across its trials; a setting that differed between"
                + " trials lists each value with the levels that used it.");
        List<String> models = modelOrder(run).stream()
                .filter(m -> run.trials().stream().anyMatch(t -> t.model().equals(m) && !t.clientSettings().isEmpty()))
                .toList();
        Set<String> keys = new TreeSet<>();
        run.trials().forEach(t -> keys.addAll(t.clientSettings().keySet()));
        List<List<String>> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(row(key, models, model -> settingText(model, key)));
        }
        List<String> header = new ArrayList<>();
        header.add("setting");
        header.addAll(models);
        doc.add(rows.isEmpty() ? new Doc.Paragraph("No client settings recorded.") : new Doc.Table(header, rows));
    }

    /**
     * The options trials got beyond (or without) the run's common ones, grouped by the difference, each with how many
     * trials of which models had it: said of every trial when all had the same difference, of some when not.
     */
    private void otherOptions(Doc doc, List<String> common) {
        List<TrialRecord> withJvm = run.trials().stream().filter(t -> t.jvm() != null).toList();
        Map<String, List<TrialRecord>> byDifference = new LinkedHashMap<>();
        for (TrialRecord t : withJvm) {
            List<String> extra = t.jvm().args().stream().filter(a -> !common.contains(a)).toList();
            List<String> missing = common.stream().filter(a -> !t.jvm().args().contains(a)).toList();
            if (!extra.isEmpty() || !missing.isEmpty()) {
                String key = String.join(" ", extra) + (missing.isEmpty() ? "" : (extra.isEmpty() ? "" : "; ")
                        + "without " + String.join(" ", missing));
                byDifference.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            }
        }
        if (byDifference.isEmpty()) {
            return;
        }
        if (byDifference.size() == 1 && byDifference.values().iterator().next().size() == withJvm.size()) {
            doc.paragraph("Every trial JVM also got, per trial:");
            doc.add(new Doc.Code(byDifference.keySet().iterator().next()));
            return;
        }
        doc.paragraph("Some trial JVMs got other options than the ones above, as they recorded them:");
        doc.add(new Doc.Bullets(byDifference.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().size()
                + " of " + withJvm.size() + " trials: " + e.getValue().stream().map(TrialRecord::model).distinct()
                .collect(Collectors.joining(", ")) + ")").toList()));
    }

    /**
     * What the trial JVMs did with their futex hash, in a sentence, or {@code null} when no trial recorded it (runs
     * before the setting existed).
     */
    private String futexHash() {
        Set<Integer> used = new TreeSet<>();
        Set<Integer> kernel = new TreeSet<>();
        for (TrialRecord t : run.trials()) {
            if (t.jvm() != null && t.jvm().futexHashSlots() != null) {
                used.add(t.jvm().futexHashSlots());
                kernel.add(t.jvm().kernelFutexHashSlots());
            }
        }
        if (used.isEmpty()) {
            return null;
        }
        if (used.equals(Set.of(-1))) {
            return "Futex hash: this kernel has no per-process futex hash (prctl PR_FUTEX_HASH, Linux 6.16+); the"
                    + " trial JVMs used the kernel's global one.";
        }
        String slots = used.stream().map(n -> n == -1 ? "none (not supported)" : Fmt.count(n))
                .collect(Collectors.joining(", "));
        String given = kernel.stream().map(n -> n == -1 ? "none" : Fmt.count(n)).collect(Collectors.joining(", "));
        int asked = run.config() == null ? 0 : run.config().futexHashSlots();
        return asked == 0
                ? "Futex hash: the kernel's, " + slots + " slots per trial JVM. Linux 6.16+ sizes it from the CPUs,"
                        + " not the threads, so thousands of parked platform threads share each slot."
                : "Futex hash: every trial JVM resized its own to " + slots + " slots before its model started (the"
                        + " kernel had given it " + given + "). Linux 6.16+ sizes a process's futex hash from its CPUs,"
                        + " not its threads: with a few slots, every wake-up among thousands of parked platform threads"
                        + " walks a long chain of waiters, a cost of the small machine rather than of the model."
                        + " --futex-hash-slots 0 keeps the kernel's.";
    }

    /** One model's values of one client setting over its trials, each with its levels when they differ. */
    private String settingText(String model, String key) {
        Map<String, Set<Integer>> values = new LinkedHashMap<>();
        run.trials().stream().filter(t -> t.model().equals(model) && t.clientSettings().containsKey(key))
                .forEach(t -> values.computeIfAbsent(t.clientSettings().get(key), v -> new TreeSet<>())
                        .add(t.level()));
        if (values.isEmpty()) {
            return Fmt.NONE;
        }
        return values.size() == 1 ? values.keySet().iterator().next() : values.entrySet().stream()
                .map(e -> e.getKey() + " (C = " + joinLevels(List.copyOf(e.getValue())) + ")")
                .collect(Collectors.joining("; "));
    }
}
