package dev.flagbench.harness.report;

import dev.flagbench.core.Traits;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.external.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tutorial's own models beside the JVM's: for each model that runs as an external program (the Python models),
 * its throughput and CPU per request at the throughput sweep's highest level, and how many times each JVM model of
 * the same Table 1 column, and the run's fastest JVM model, exceed them; nothing when the run had no such model.
 */
final class RuntimesSection extends ReportSection {
    /** The section over {@code ctx}'s run. */
    RuntimesSection(Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        List<String> models = modelOrder(run);
        List<String> external = models.stream().filter(m -> ModelCatalog.external(m).isPresent()).toList();
        List<String> jvm = models.stream().filter(m -> ModelCatalog.external(m).isEmpty() && traits.apply(m).isPresent())
                .toList();
        if (external.isEmpty() || jvm.isEmpty()) {
            return;
        }
        int level = groups.stream().filter(g -> g.workload().equals(FLAGS) && external.contains(g.model()))
                .mapToInt(TrialGroup::level).max().orElse(0);
        Optional<String> fastest = jvm.stream().filter(m -> group(FLAGS, m, level).isPresent())
                .max((a, b) -> Double.compare(throughput(a, level), throughput(b, level)));
        if (level <= 1 || fastest.isEmpty()) {
            return;
        }
        doc.heading(2, "The tutorial's Python beside the JVM");
        doc.paragraph("On flags at C = " + Fmt.count(level) + " in the throughput sweep (L = " + Fmt.millis(delayMillis)
                + ", far more than two cores can serve, so each model runs at its own ceiling), per model that runs as an"
                + " external program, against the JVM models of its Table 1 column and the run's fastest JVM model ("
                + fastest.get() + "). A ratio above 1 says how many times the JVM model serves more items per second,"
                + " or spends less CPU per request.");
        List<List<String>> rows = new ArrayList<>();
        for (String e : external) {
            if (group(FLAGS, e, level).isEmpty()) {
                continue;
            }
            Traits.Column column = traits.apply(e).map(Traits::column).orElse(null);
            List<String> peers = new ArrayList<>(jvm.stream()
                    .filter(m -> traits.apply(m).map(Traits::column).orElse(null) == column).toList());
            if (!peers.contains(fastest.get())) {
                peers.add(fastest.get());
            }
            for (String m : peers) {
                if (group(FLAGS, m, level).isEmpty()) {
                    continue;
                }
                rows.add(List.of(e, Fmt.num(throughput(e, level)) + "/s", Fmt.micros(cpu(e, level)), m,
                        Fmt.num(throughput(m, level)) + "/s", Fmt.micros(cpu(m, level)),
                        ratio(throughput(m, level) / throughput(e, level)), ratio(cpu(e, level) / cpu(m, level))));
            }
        }
        doc.add(new Doc.Table(List.of("external model", "items/s", "CPU / request", "JVM model", "items/s",
                "CPU / request", "JVM ÷ external, items/s", "external ÷ JVM, CPU / request"), rows));
    }

    private double throughput(String model, int level) {
        return group(FLAGS, model, level).map(g -> g.median(TrialRecord::throughput)).orElse(Double.NaN);
    }

    private double cpu(String model, int level) {
        return group(FLAGS, model, level).map(g -> g.median(Metric.CPU_PER_REQUEST::of)).orElse(Double.NaN);
    }

    private static String ratio(double r) {
        return Double.isFinite(r) && r > 0 ? String.format(Locale.ROOT, "%.1f×", r) : Fmt.NONE;
    }
}
