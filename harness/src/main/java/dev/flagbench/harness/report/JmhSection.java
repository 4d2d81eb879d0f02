package dev.flagbench.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report's section on the JMH micro-benchmarks of jmh/: reads the JSON that JMH wrote and turns it into a table
 * of JMH's own scores, sentences generated from them, and a bar chart.
 */
final class JmhSection {
    /** The section's heading. */
    static final String HEADING = "Micro-benchmarks (JMH)";
    /** The stem of the chart's files under charts/. */
    static final String CHART = "jmh-scores";
    /** The size of FanOut's fixed pool of platform threads ({@code FanOut.POOL_SIZE} in jmh/). */
    static final int FAN_OUT_POOL_SIZE = 200;
    /** ParkedMemoryProfiler's secondary result: live heap per parked task. */
    static final String HEAP_PER_TASK = "heapBytesPerTask";
    /** ParkedMemoryProfiler's secondary result: resident memory outside the heap per parked task. */
    static final String OFF_HEAP_RSS_PER_TASK = "offHeapRssBytesPerTask";

    /** Column titles of the secondary results this section knows; others are titled with their own names. */
    private static final Map<String, String> SECONDARY_TITLES = Map.of(
            HEAP_PER_TASK, "heap per task", OFF_HEAP_RSS_PER_TASK, "off-heap RSS per task");
    /** JMH's mode abbreviations in words. */
    private static final Map<String, String> MODES = Map.of("avgt", "average time", "ss", "single shot",
            "thrpt", "throughput", "sample", "sampling");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Result> results;

    /**
     * One score as JMH reports it.
     *
     * @param score the mean over the measurement iterations (of all forks)
     * @param error the half-width of JMH's 99.9 % confidence interval; NaN when JMH had too few iterations for one
     * @param unit JMH's unit, e.g. {@code us/op} or {@code B/task}
     */
    record Score(double score, double error, String unit) {
        /** Whether the error bar exceeds half the score. */
        boolean noisy() {
            return error > Math.abs(score) / 2;
        }

        /** The score in microseconds, when its unit is a time per operation; NaN otherwise. */
        double micros() {
            double factor = switch (unit) {
                case "ns/op" -> 1e-3;
                case "us/op" -> 1;
                case "ms/op" -> 1e3;
                case "s/op" -> 1e6;
                default -> Double.NaN;
            };
            return score * factor;
        }
    }

    /**
     * How JMH ran one benchmark.
     *
     * @param forks the forks
     * @param warmupIterations the warm-up iterations per fork
     * @param warmupTime the length of one warm-up iteration as JMH wrote it ({@code 500 ms}, {@code single-shot})
     * @param measurementIterations the measurement iterations per fork
     * @param measurementTime the length of one measurement iteration as JMH wrote it
     * @param jvmArgs the options of the forked JVM, as JMH recorded them
     */
    record Setup(int forks, int warmupIterations, String warmupTime, int measurementIterations,
                 String measurementTime, List<String> jvmArgs) {
        /** Copies the list. */
        Setup {
            jvmArgs = List.copyOf(jvmArgs);
        }

        /** The iterations in words, e.g. {@code 3 × 500 ms warm-up, 16 × 500 ms measured}. */
        String iterationsText() {
            return iterations(warmupIterations, warmupTime) + " warm-up, "
                    + iterations(measurementIterations, measurementTime) + " measured";
        }

        /** {@code n × time}, or {@code n single-shot}. */
        private static String iterations(int n, String time) {
            return time.isEmpty() || "single-shot".equals(time) ? n + " single-shot" : n + " × " + time;
        }
    }

    /**
     * The JVM and JMH a benchmark ran on.
     *
     * @param jmhVersion JMH's version
     * @param jdkVersion the JDK's version
     * @param vmName the VM's name
     * @param vmVersion the VM's version
     */
    record Jvm(String jmhVersion, String jdkVersion, String vmName, String vmVersion) {
    }

    /**
     * One benchmark method at one set of parameters.
     *
     * @param benchmark the fully qualified name, e.g. {@code dev.flagbench.jmh.TaskCost.virtualThread}
     * @param mode JMH's mode abbreviation, e.g. {@code avgt}
     * @param params the parameters, in JMH's order
     * @param setup how JMH ran it
     * @param jvm what it ran on
     * @param primary the score
     * @param secondary the secondary results by name, in JMH's order
     */
    record Result(String benchmark, String mode, Map<String, String> params, Setup setup, Jvm jvm, Score primary,
                  Map<String, Score> secondary) {
        /** Copies the maps, keeping their order. */
        Result {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
        }

        /** The class and method without the package, e.g. {@code TaskCost.virtualThread}. */
        String name() {
            int method = benchmark.lastIndexOf('.');
            int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
            return benchmark.substring(type + 1);
        }

        /** The class without the package, e.g. {@code TaskCost}. */
        String className() {
            String name = name();
            int dot = name.indexOf('.');
            return dot < 0 ? name : name.substring(0, dot);
        }

        /** The parameters as {@code count = 1,000, ...}, or empty without any. */
        String paramsText() {
            return params.entrySet().stream().map(e -> e.getKey() + " = " + numberText(e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        /** The name, with the parameters in parentheses when there are any. */
        String label() {
            return params.isEmpty() ? name() : name() + " (" + paramsText() + ")";
        }

        /** A parameter as a number, or NaN when it is absent or not a number. */
        double param(String key) {
            try {
                return Double.parseDouble(params.getOrDefault(key, ""));
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }
    }

    /** Why a file is not JMH JSON. */
    private static final class Malformed extends Exception {
        /** A reason, in words. */
        Malformed(String reason) {
            super(reason);
        }
    }

    /** A section over JMH's results, in the file's order. */
    private JmhSection(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /**
     * Reads the JSON that JMH wrote ({@code -rf json}).
     *
     * @param jmhJson the file
     * @return the section, or empty when the file does not exist
     * @throws IOException when the file cannot be read or is not JMH JSON; the message names the file and the reason
     */
    static Optional<JmhSection> read(Path jmhJson) throws IOException {
        if (!Files.exists(jmhJson)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(jmhJson.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(jmhJson + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException(jmhJson + ": not JMH JSON: the file is empty");
        }
        if (!root.isArray()) {
            throw new IOException(jmhJson + ": not JMH JSON: expected an array of benchmark results, found "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                results.add(result(root.get(i)));
            } catch (Malformed e) {
                throw new IOException(jmhJson + ": not JMH JSON: result " + (i + 1) + " " + e.getMessage(), e);
            }
        }
        return Optional.of(new JmhSection(results));
    }

    /** The results, in the file's order. */
    List<Result> results() {
        return results;
    }

    /**
     * Appends the section: heading, what was run, the table of scores, the generated sentences and the chart.
     *
     * @param doc the report
     * @param chart where the bar chart of the scores is written
     */
    void render(Doc doc, JmhChart chart) throws IOException {
        doc.heading(2, HEADING);
        if (results.isEmpty()) {
            doc.paragraph("JMH's results file holds no results: no benchmark completed.");
            return;
        }
        doc.paragraph(setupText());
        doc.add(table());
        List<String> sentences = sentences();
        if (!sentences.isEmpty()) {
            doc.add(new Doc.Bullets(sentences));
        }
        List<JmhChart.Bar> bars = results.stream().map(r -> new JmhChart.Bar(chartLabel(r), r.primary().micros()))
                .toList();
        chart.logBars(CHART, "JMH scores: time per operation (µs, log scale)", "µs per operation", bars)
                .ifPresent(c -> doc.add(new Doc.Figure(c)));
    }

    /** A bar's label: the name, and the parameters' values only when the name has more than one set of them. */
    private String chartLabel(Result r) {
        boolean several = results.stream().filter(o -> o.name().equals(r.name())).map(Result::params).distinct()
                .count() > 1;
        return several ? r.name() + " " + r.params().values().stream().map(JmhSection::numberText)
                .collect(Collectors.joining(", ")) : r.name();
    }

    /** The sentences generated from the scores, each only when its figures are present, then the noisy ones. */
    List<String> sentences() {
        List<String> out = new ArrayList<>();
        taskCostSentence().ifPresent(out::add);
        poolAndMonoSentence().ifPresent(out::add);
        handOffSentence().ifPresent(out::add);
        out.addAll(fanOutSentences());
        memorySentence().ifPresent(out::add);
        noisySentence().ifPresent(out::add);
        return out;
    }

    /** What ran, on what, how often, with which JVM options, and what the scores are. */
    private String setupText() {
        String jvm = distinct(r -> "JDK " + r.jvm().jdkVersion() + " (" + r.jvm().vmName() + " "
                + r.jvm().vmVersion() + ")");
        String forks = grouped(r -> r.setup().forks() + (r.setup().forks() == 1 ? " fork" : " forks"));
        String iterations = grouped(r -> r.setup().iterationsText());
        String jvmArgs = grouped(r -> r.setup().jvmArgs().isEmpty() ? "none" : String.join(" ", r.setup().jvmArgs()));
        return "JMH " + distinct(r -> r.jvm().jmhVersion()) + " ran " + Fmt.count(results.size())
                + " benchmarks of jmh/ (" + String.join(", ", new LinkedHashSet<>(results.stream()
                .map(Result::className).toList())) + ") on " + jvm + ". Forks: " + forks + ". Iterations: "
                + iterations + ". JVM options, as JMH recorded them: " + jvmArgs + ". The scores are JMH's own: the"
                + " mean over the measurement iterations, ± JMH's error, the half-width of its 99.9 % confidence"
                + " interval.";
    }

    /** The distinct values of {@code key} over the results, joined with {@code ; }. */
    private String distinct(Function<Result, String> key) {
        return String.join("; ", new LinkedHashSet<>(results.stream().map(key).toList()));
    }

    /**
     * The distinct values of {@code key}, each followed by the benchmarks that have it when they are not all:
     * a whole class by its name, else the methods.
     */
    private String grouped(Function<Result, String> key) {
        Map<String, Set<Result>> byValue = new LinkedHashMap<>();
        results.forEach(r -> byValue.computeIfAbsent(key.apply(r), k -> new LinkedHashSet<>()).add(r));
        if (byValue.size() == 1) {
            return byValue.keySet().iterator().next() + " for every benchmark";
        }
        List<String> parts = new ArrayList<>();
        byValue.forEach((value, members) -> {
            Set<String> names = new LinkedHashSet<>();
            for (Result r : members) {
                boolean wholeClass = results.stream().filter(o -> o.className().equals(r.className()))
                        .allMatch(members::contains);
                names.add(wholeClass ? r.className() : r.name());
            }
            parts.add(value + " (" + String.join(", ", names) + ")");
        });
        return String.join("; ", parts);
    }

    /** One row per benchmark and parameters: name, parameters, mode, score ± error, unit, then secondary results. */
    private Doc.Table table() {
        Set<String> secondaries = new LinkedHashSet<>();
        results.forEach(r -> secondaries.addAll(r.secondary().keySet()));
        List<String> header = new ArrayList<>(List.of("benchmark", "params", "mode", "score ± error", "unit"));
        secondaries.forEach(s -> header.add(SECONDARY_TITLES.getOrDefault(s, s)));
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            List<String> row = new ArrayList<>(List.of(r.name(), r.params().isEmpty() ? Fmt.NONE : r.paramsText(),
                    MODES.getOrDefault(r.mode(), r.mode()), scoreText(r.primary()), unitText(r.primary().unit())));
            secondaries.forEach(s -> row.add(Optional.ofNullable(r.secondary().get(s)).map(JmhSection::secondaryText)
                    .orElse(Fmt.NONE)));
            rows.add(row);
        }
        return new Doc.Table(header, rows);
    }

    /** {@code score ± error}, or the score alone when JMH gave no error. */
    private static String scoreText(Score s) {
        return Double.isFinite(s.error()) ? Fmt.num(s.score()) + " ± " + Fmt.num(s.error()) : Fmt.num(s.score());
    }

    /** A secondary result with its unit: bytes in binary units, anything else as JMH's number and unit. */
    private static String secondaryText(Score s) {
        if (s.unit().startsWith("B/")) {
            return Double.isFinite(s.error()) ? Fmt.bytes(s.score()) + " ± " + Fmt.bytes(s.error())
                    : Fmt.bytes(s.score());
        }
        return scoreText(s) + " " + unitText(s.unit());
    }

    /** JMH's unit with {@code us} written {@code µs}. */
    private static String unitText(String unit) {
        return unit.startsWith("us/") ? "µs" + unit.substring(2) : unit;
    }

    /** The first result of the benchmark {@code name} (class.method), if any. */
    private Optional<Result> find(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The score of {@code name} in microseconds per operation, if it is present and a time per operation. */
    private Optional<Double> micros(String name) {
        return find(name).map(r -> r.primary().micros()).filter(Double::isFinite);
    }

    /** {@code N times less than} or {@code N times more than}: {@code mine} against {@code other}. */
    private static String timesLess(double mine, double other) {
        return mine <= other ? Fmt.num(other / mine) + " times less than" : Fmt.num(mine / other) + " times more than";
    }

    /** Starting and joining a virtual thread against a platform thread (TaskCost). */
    private Optional<String> taskCostSentence() {
        Optional<Double> virtual = micros("TaskCost.virtualThread");
        Optional<Double> platform = micros("TaskCost.platformThread");
        if (virtual.isEmpty() || platform.isEmpty()) {
            return Optional.empty();
        }
        String sentence = "Starting and joining a virtual thread costs " + Fmt.micros(virtual.get()) + ", "
                + timesLess(virtual.get(), platform.get()) + " a platform thread (" + Fmt.micros(platform.get())
                + "), both from JMH's platform worker thread";
        return Optional.of(sentence + micros("TaskCost.virtualThreadFromVirtual")
                .map(v -> "; from a virtual thread, as in a program written wholly in virtual threads, "
                        + Fmt.micros(v) + ".")
                .orElse("."));
    }

    /** The same trivial task through a fixed pool's CompletableFuture and through Reactor (TaskCost). */
    private Optional<String> poolAndMonoSentence() {
        Optional<Double> future = micros("TaskCost.completableFuture");
        Optional<Double> mono = micros("TaskCost.mono");
        if (future.isEmpty() || mono.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The same trivial task costs " + Fmt.micros(future.get())
                + " through supplyAsync on a fixed pool and join(), and " + Fmt.micros(mono.get())
                + " through Mono.fromCallable(...).subscribeOn(Schedulers.parallel()).block().");
    }

    /** A round trip between two virtual threads against two platform threads, and through Reactor (HandOff). */
    private Optional<String> handOffSentence() {
        Optional<Double> virtual = micros("HandOff.virtualThreads");
        Optional<Double> platform = micros("HandOff.platformThreads");
        if (virtual.isEmpty() || platform.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("A hand-off round trip over a SynchronousQueue between two virtual threads costs "
                + Fmt.micros(virtual.get()) + ", " + timesLess(virtual.get(), platform.get())
                + " between two platform threads (" + Fmt.micros(platform.get()) + ")"
                + micros("HandOff.reactor").map(r -> "; a publishOn hop to a single-thread Reactor scheduler and"
                        + " block() back costs " + Fmt.micros(r) + ".").orElse("."));
    }

    /** JEP 444's fan-out, one sentence per set of parameters that both executors ran (FanOut). */
    private List<String> fanOutSentences() {
        List<String> out = new ArrayList<>();
        for (Result pool : results.stream().filter(r -> r.name().equals("FanOut.platformPool")).toList()) {
            Optional<Result> perTask = results.stream().filter(r -> r.name().equals("FanOut.virtualPerTask")
                    && r.params().equals(pool.params())).findFirst();
            double poolMillis = pool.primary().micros() / 1000;
            double virtualMillis = perTask.map(r -> r.primary().micros() / 1000).orElse(Double.NaN);
            if (!Double.isFinite(poolMillis) || !Double.isFinite(virtualMillis)) {
                continue;
            }
            double tasks = pool.param("tasks");
            double sleep = pool.param("sleepMillis");
            boolean known = Double.isFinite(tasks) && Double.isFinite(sleep);
            String ratio = virtualMillis <= poolMillis ? Fmt.num(poolMillis / virtualMillis) + " times faster"
                    : Fmt.num(virtualMillis / poolMillis) + " times slower";
            StringBuilder sb = new StringBuilder(known ? Fmt.count(Math.round(tasks)) + " tasks sleeping "
                    + Fmt.millis(sleep) + ": " : "The fan-out: ");
            sb.append("a pool of ").append(FAN_OUT_POOL_SIZE).append(" platform threads takes ")
                    .append(Fmt.millis(poolMillis)).append(", a virtual thread per task ").append(Fmt.millis(virtualMillis))
                    .append(" (").append(ratio).append("); JEP 444 quotes about 50 s against about 1 s for its")
                    .append(" 10,000 × 1 s version.");
            if (known) {
                long rounds = (long) Math.ceil(tasks / FAN_OUT_POOL_SIZE);
                sb.append(" The pool's ideal is ").append(Fmt.count(rounds)).append(" rounds of ")
                        .append(Fmt.millis(sleep)).append(", ").append(Fmt.millis(rounds * sleep))
                        .append("; the virtual threads' is one sleep, ").append(Fmt.millis(sleep)).append('.');
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * The memory of a parked platform thread against a parked virtual thread, at the largest count both parked, and
     * the virtual threads' figure at a larger count when they ran one (ParkedMemory).
     */
    private Optional<String> memorySentence() {
        Map<Double, Result> platform = parked("ParkedMemory.platformThreads");
        Map<Double, Result> virtual = parked("ParkedMemory.virtualThreads");
        Optional<Double> count = platform.keySet().stream().filter(virtual::containsKey).max(Double::compare);
        if (count.isEmpty()) {
            return Optional.empty();
        }
        Result p = platform.get(count.get());
        Result v = virtual.get(count.get());
        double pTotal = totalPerTask(p);
        double vTotal = totalPerTask(v);
        StringBuilder sb = new StringBuilder("With " + Fmt.count(Math.round(count.get()))
                + " tasks parked, a platform thread holds " + Fmt.bytes(pTotal) + " per task (" + memoryParts(p)
                + "), a virtual thread " + Fmt.bytes(vTotal) + " (" + memoryParts(v) + "): "
                + timesLess(vTotal, pTotal).replace(" than", "") + ".");
        virtual.keySet().stream().filter(c -> c > count.get()).max(Double::compare).ifPresent(c -> sb
                .append(" Virtual threads also parked ").append(Fmt.count(Math.round(c))).append(" at once, at ")
                .append(Fmt.bytes(totalPerTask(virtual.get(c)))).append(" each."));
        return Optional.of(sb.toString());
    }

    /** The results of {@code name} that carry both memory results, by their {@code count} parameter. */
    private Map<Double, Result> parked(String name) {
        Map<Double, Result> byCount = new LinkedHashMap<>();
        results.stream().filter(r -> r.name().equals(name) && Double.isFinite(r.param("count"))
                        && r.secondary().containsKey(HEAP_PER_TASK) && r.secondary().containsKey(OFF_HEAP_RSS_PER_TASK))
                .forEach(r -> byCount.putIfAbsent(r.param("count"), r));
        return byCount;
    }

    /** Heap plus off-heap resident memory per parked task, in bytes. */
    private static double totalPerTask(Result r) {
        return r.secondary().get(HEAP_PER_TASK).score() + r.secondary().get(OFF_HEAP_RSS_PER_TASK).score();
    }

    /** {@code 280 B of heap, 12 KiB of RSS outside the heap}. */
    private static String memoryParts(Result r) {
        return Fmt.bytes(r.secondary().get(HEAP_PER_TASK).score()) + " of heap, "
                + Fmt.bytes(r.secondary().get(OFF_HEAP_RSS_PER_TASK).score()) + " of RSS outside the heap";
    }

    /** The scores, primary and secondary, whose error bar exceeds half the score, in one sentence. */
    private Optional<String> noisySentence() {
        List<String> noisy = new ArrayList<>();
        for (Result r : results) {
            if (r.primary().noisy()) {
                noisy.add(r.label() + ": " + scoreText(r.primary()) + " " + unitText(r.primary().unit()));
            }
            r.secondary().forEach((name, s) -> {
                if (s.noisy()) {
                    noisy.add(r.label() + " " + SECONDARY_TITLES.getOrDefault(name, name) + ": " + secondaryText(s));
                }
            });
        }
        return noisy.isEmpty() ? Optional.empty() : Optional.of("Error bar above half the score, noisy on this"
                + " machine: compare within one run: " + String.join("; ", noisy) + ".");
    }

    /** One result from its JSON object. */
    private static Result result(JsonNode node) throws Malformed {
        if (node == null || !node.isObject()) {
            throw new Malformed("is not an object");
        }
        String benchmark = text(node, "benchmark");
        String mode = text(node, "mode");
        JsonNode primary = node.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw new Malformed("(" + benchmark + ") has no primaryMetric object");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.path("params");
        paramsNode.properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        List<String> jvmArgs = new ArrayList<>();
        node.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        Setup setup = new Setup(node.path("forks").asInt(), node.path("warmupIterations").asInt(),
                node.path("warmupTime").asText(""), node.path("measurementIterations").asInt(),
                node.path("measurementTime").asText(""), jvmArgs);
        Jvm jvm = new Jvm(node.path("jmhVersion").asText("?"), node.path("jdkVersion").asText("?"),
                node.path("vmName").asText("?"), node.path("vmVersion").asText("?"));
        Map<String, Score> secondary = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.path("secondaryMetrics").properties()) {
            secondary.put(e.getKey(), score(e.getValue(), benchmark, "secondaryMetrics." + e.getKey()));
        }
        return new Result(benchmark, mode, params, setup, jvm, score(primary, benchmark, "primaryMetric"), secondary);
    }

    /** A text field that must be present. */
    private static String text(JsonNode node, String field) throws Malformed {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new Malformed("has no " + field);
        }
        return value.asText();
    }

    /** A metric's score, error and unit; the score and unit must be present. */
    private static Score score(JsonNode metric, String benchmark, String path) throws Malformed {
        if (!metric.hasNonNull("score")) {
            throw new Malformed("(" + benchmark + ") has no " + path + ".score");
        }
        double score = number(metric.get("score"));
        JsonNode unit = metric.get("scoreUnit");
        if (unit == null || !unit.isTextual()) {
            throw new Malformed("(" + benchmark + ") has no " + path + ".scoreUnit");
        }
        return new Score(score, number(metric.get("scoreError")), unit.asText());
    }

    /** A number as JMH writes it: a JSON number, or a string such as {@code "NaN"}; NaN when absent. */
    private static double number(JsonNode node) throws Malformed {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                throw new Malformed("has a score that is not a number: " + node);
            }
        }
        throw new Malformed("has a score that is not a number: " + node);
    }

    /** A parameter's value for people: a whole number with thousands separators, anything else as it is. */
    private static String numberText(String value) {
        try {
            return Fmt.count(Long.parseLong(value));
        } catch (NumberFormatException notWhole) {
            return value;
        }
    }
}
