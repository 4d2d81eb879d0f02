package dev.flagbench.harness.report;

import dev.flagbench.core.scenario.ScenarioVariant;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.data.ScenarioRecord.Step;
import dev.flagbench.harness.scenario.Scenario;
import dev.flagbench.harness.scenario.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's section on the named scenarios (the tutorial's lessons): a table per scenario and sentences generated
 * from its numbers; nothing when the run had none.
 */
final class ScenarioSection extends ReportSection {
    private static final String OK = ScenarioRecord.OK;
    private static final int QUOTED_FRAMES = 8;

    /** The section over {@code ctx}'s run. */
    ScenarioSection(Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        append(doc, run);
    }

    /** Appends the section for {@code run}'s scenarios to {@code doc}, if it has any. */
    static void append(Doc doc, RunRecord run) {
        if (run.scenarios().isEmpty()) {
            return;
        }
        doc.heading(2, "Scenarios: the tutorial's lessons");
        doc.paragraph("Each step below ran in a fresh JVM after the trials (`run --scenarios "
                + run.scenarios().stream().map(ScenarioRecord::name).collect(Collectors.joining(",")) + "`).");
        for (ScenarioRecord s : run.scenarios()) {
            doc.heading(3, s.name());
            doc.paragraph(capitalised(s.summary()) + ".");
            switch (Scenario.find(s.name()).orElse(null)) {
                case BLOCKED_LOOP -> blockedLoop(doc, s);
                case THREAD_LIMITS -> threadLimits(doc, s);
                case SPINNER -> spinner(doc, s);
                case null -> doc.paragraph("A scenario this version does not know: its " + s.steps().size()
                        + " steps are in run.json.");
            }
            List<String> problems = s.steps().stream().filter(t -> !OK.equals(t.state()) && t.threads() == null)
                    .map(t -> t.id() + ": " + t.state() + ", " + t.failure()).toList();
            if (!problems.isEmpty()) {
                doc.add(new Doc.Bullets(problems));
            }
        }
    }

    private static void blockedLoop(Doc doc, ScenarioRecord s) {
        List<Step> loops = s.steps().stream().filter(t -> t.loop() != null && OK.equals(t.state())).toList();
        if (loops.isEmpty()) {
            doc.paragraph("No step was measured.");
            return;
        }
        Step any = loops.getFirst();
        doc.paragraph("Method: a JIT warm-up of 300 ms on a server without delay, then one long job against the server"
                + " with L = " + Fmt.millis(any.loop().delayMillis()) + "; throughput is the responses read in a window of "
                + Fmt.millis(loops.stream().mapToDouble(t -> t.loop().windowMillis()).max().orElse(0))
                + " after a ramp (shorter when the job ended first), and the job is cancelled when the window ends."
                + " (The trials' steady-state method does not fit: its warm-up runs rounds of C items, which the mistake,"
                + " at one request per L, would take minutes to finish.) The ideal is C / L; the peak in flight is the"
                + " mock server's count.");
        List<List<String>> rows = new ArrayList<>();
        for (Step t : loops) {
            rows.add(List.of(t.series(), t.role(), Fmt.count(t.level()), Fmt.num(t.loop().throughput()),
                    Fmt.num(t.level() * 1000.0 / t.loop().delayMillis()),
                    Fmt.percent(t.loop().throughput() / (t.level() * 1000.0 / t.loop().delayMillis())),
                    t.loop().serverPeakInFlight() == null ? "–" : Fmt.count(t.loop().serverPeakInFlight())));
        }
        doc.add(new Doc.Table(List.of("series", "role", "C", "responses/s", "ideal C / L", "of ideal",
                "server's peak in flight"), rows));
        Optional<Step> baseline = loops.stream().filter(t -> t.role().equals(ScenarioRunner.BASELINE)).findFirst();
        List<String> sentences = new ArrayList<>();
        for (int c : loops.stream().map(Step::level).distinct().sorted().toList()) {
            Optional<Step> model = at(loops, c, ScenarioRunner.MODEL);
            Optional<Step> mistake = at(loops, c, ScenarioVariant.Role.MISTAKE.name());
            Optional<Step> fix = at(loops, c, ScenarioVariant.Role.FIX.name());
            if (model.isEmpty() || mistake.isEmpty()) {
                continue;
            }
            double correct = model.get().loop().throughput();
            StringBuilder sb = new StringBuilder("At C = ").append(Fmt.count(c)).append(": the blocking call on the loop (")
                    .append(mistake.get().series()).append(") served ").append(Fmt.num(mistake.get().loop().throughput()))
                    .append(" responses/s against ").append(Fmt.num(correct)).append(" for ").append(model.get().series())
                    .append(", a collapse ratio of ").append(Fmt.num(mistake.get().loop().throughput() / correct))
                    .append(peak(mistake.get()));
            baseline.ifPresent(b -> sb.append("; the baseline ").append(b.series()).append(" serves ")
                    .append(Fmt.num(b.loop().throughput())).append(" responses/s at C = 1"));
            fix.ifPresent(f -> sb.append(". Offloaded (").append(f.series()).append("), it served ")
                    .append(Fmt.num(f.loop().throughput())).append(" responses/s, a recovery of ")
                    .append(Fmt.percent(f.loop().throughput() / correct)).append(" of the model").append(peak(f))
                    .append(Optional.ofNullable(f.loop().settings().get("blockingCalls")).map(b -> ": " + b).orElse("")));
            sentences.add(sb.append('.').toString());
        }
        if (!sentences.isEmpty()) {
            doc.add(new Doc.Bullets(sentences));
        }
        for (Step b : s.steps()) {
            if (b.blockingCall() != null) {
                ScenarioRecord.BlockingCall call = b.blockingCall();
                doc.paragraph("BlockHound, installed in a JVM of " + b.series() + ", named the blocking call: `"
                        + call.method() + "` on thread `" + call.thread() + "`, made from `" + call.calledFrom()
                        + "`. The top of its stack:");
                doc.add(new Doc.Code(call.stack().stream().limit(QUOTED_FRAMES).map(f -> "at " + f)
                        .collect(Collectors.joining("\n"))));
            }
        }
    }

    private static Optional<Step> at(List<Step> loops, int c, String role) {
        return loops.stream().filter(t -> t.level() == c && t.role().equals(role)).findFirst();
    }

    private static String peak(Step t) {
        return t.loop().serverPeakInFlight() == null ? "" : " (the server held at most "
                + Fmt.count(t.loop().serverPeakInFlight()) + " of its requests at once)";
    }

    private static void threadLimits(Doc doc, ScenarioRecord s) {
        List<List<String>> rows = new ArrayList<>();
        for (Step t : s.steps()) {
            ScenarioRecord.Threads th = t.threads();
            rows.add(th == null ? List.of(t.series(), Fmt.count(t.level()), "–", "–", "–", "–", t.state() + ": " + t.failure())
                    : List.of(th.kind(), Fmt.count(th.requested()), Fmt.count(th.started()), Fmt.bytes(th.rssBytes()),
                    Fmt.bytes(th.heapBytes()), Fmt.millis(th.startMillis()), th.error() == null ? "all blocked, released in "
                            + Fmt.millis(th.releaseMillis()) : th.error()));
        }
        doc.add(new Doc.Table(List.of("threads", "tasks asked", "started", "RSS", "heap after GC", "time to start",
                "result"), rows));
        List<String> sentences = new ArrayList<>();
        for (String kind : s.steps().stream().map(Step::series).distinct().toList()) {
            List<Step> of = s.steps().stream().filter(t -> t.series().equals(kind)).toList();
            Optional<Step> failed = of.stream().filter(t -> t.threads() != null && t.threads().error() != null).findFirst();
            Optional<Step> top = of.stream().filter(t -> OK.equals(t.state())).reduce((a, b) -> b);
            StringBuilder sb = new StringBuilder(capitalised(kind)).append(" threads ");
            if (failed.isPresent()) {
                ScenarioRecord.Threads th = failed.get().threads();
                sb.append("stopped at ").append(Fmt.count(th.started())).append(" of ").append(Fmt.count(th.requested()))
                        .append(" tasks: ").append(th.error());
                if (th.limit() != null) {
                    sb.append("; the limit nearest its count: ").append(th.limit());
                }
                sb.append(" (limits read: ").append(describe(th.limits())).append(")");
                top.ifPresent(t -> sb.append("; the highest count held: ").append(Fmt.count(t.threads().started())));
            } else if (top.isPresent()) {
                sb.append("held every count asked, up to ").append(Fmt.count(top.get().threads().started()))
                        .append(" tasks blocked at once");
            } else {
                sb.append("measured no count");
            }
            sentences.add(sb.append('.').toString());
        }
        doc.add(new Doc.Bullets(sentences));
        if (!s.fits().isEmpty()) {
            doc.paragraph("Memory per blocked task: a least-squares line of the JVM's RSS and of its heap after a GC"
                    + " against the number of tasks blocked, over the counts that held (each a fresh JVM). The heap is"
                    + " fixed at 1 GiB and touched before the tasks start, without huge pages, so that RSS grows only"
                    + " with what lives outside the heap (a platform thread's stack and native structures) and the heap"
                    + " with what lives on it (a virtual thread's stack).");
            doc.add(new Doc.Table(List.of("threads", "memory", "points", "slope per task", "intercept", "r²"),
                    s.fits().stream().map(f -> List.of(f.series(), f.measure(), Fmt.count(f.points()),
                            Fmt.bytes(f.slope()), Fmt.bytes(f.intercept()), Fmt.num(f.r2()))).toList()));
            List<String> costs = new ArrayList<>();
            for (String kind : s.fits().stream().map(ScenarioRecord.Fit::series).distinct().toList()) {
                Optional<ScenarioRecord.Fit> rss = fit(s, kind, "rss");
                Optional<ScenarioRecord.Fit> heap = fit(s, kind, "heap");
                if (rss.isPresent() && Double.isFinite(rss.get().slope())) {
                    costs.add("A blocked " + kind + " thread costs " + Fmt.bytes(rss.get().slope()) + " of RSS (r² = "
                            + Fmt.num(rss.get().r2()) + " over " + rss.get().points() + " counts)"
                            + heap.filter(h -> Double.isFinite(h.slope())).map(h -> " and " + Fmt.bytes(h.slope())
                            + " of heap (r² = " + Fmt.num(h.r2()) + ")").orElse("") + ".");
                }
            }
            if (!costs.isEmpty()) {
                doc.paragraph(String.join(" ", costs));
            }
        }
    }

    private static Optional<ScenarioRecord.Fit> fit(ScenarioRecord s, String kind, String measure) {
        return s.fits().stream().filter(f -> f.series().equals(kind) && f.measure().equals(measure)).findFirst();
    }

    private static String describe(Map<String, Long> limits) {
        return limits.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() < 0 ? "unlimited"
                : Fmt.count(e.getValue()))).collect(Collectors.joining(", "));
    }

    private static void spinner(Doc doc, ScenarioRecord s) {
        List<String> sentences = new ArrayList<>();
        for (Step t : s.steps()) {
            ScenarioRecord.SpinnerRun r = t.spinner();
            if (r == null) {
                continue;
            }
            sentences.add(t.series() + ": answered " + r.answer() + " after " + Fmt.millis(r.answerMillis())
                    + " (a slow call of " + Fmt.millis(r.slowCallMillis()) + ") with " + r.frames() + " frames, "
                    + (r.clearedLast() ? "then cleared its line" : "but did not clear its line last") + "; interrupting"
                    + " its caller ended spin in " + Fmt.millis(r.cancelMillis())
                    + (r.cancelledByException() ? " with InterruptedException" : " without InterruptedException")
                    + (r.framesAfterCancel() == 0 ? ", and no frame followed." : ", and " + r.framesAfterCancel()
                    + " frames followed."));
        }
        if (sentences.isEmpty()) {
            doc.paragraph("No spinner was measured.");
        } else {
            doc.add(new Doc.Bullets(sentences));
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
