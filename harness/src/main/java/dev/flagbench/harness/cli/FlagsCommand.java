package dev.flagbench.harness.cli;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.ProgressListener;
import dev.flagbench.core.Status;
import dev.flagbench.core.Workload;
import dev.flagbench.core.mock.Preset;
import dev.flagbench.harness.external.ModelCatalog;
import dev.flagbench.harness.run.ServerHandle;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fluent Python's flags2 for one model: the same arguments and the same report ("20 flags downloaded.",
 * "Elapsed time: 1.23s"), against an in-process mock server preset or a running server's URL.
 */
@Command(name = "flags", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download flags for country codes, as Fluent Python's flags2 does, with one model.",
                "Default: top 20 countries by population."})
public final class FlagsCommand implements Callable<Integer> {
    /** flags2_common.POP20_CC. */
    static final List<String> POP20_CC = List.of("CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR".split(" "));
    /** flags2_threadpool's DEFAULT_CONCUR_REQ. */
    static final int DEFAULT_CONCUR_REQ = 30;
    /** Above flags2's MAX_CONCUR_REQ of 1,000: the point here is to go further. */
    static final int MAX_CONCUR_REQ = 10_000;
    private static final String A_Z = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, converter = Converters.ModelConverter.class,
            completionCandidates = Converters.ModelNames.class,
            description = "The model that downloads: ${COMPLETION-CANDIDATES}.")
    ConcurrencyModel model;

    @Parameters(paramLabel = "CC", arity = "0..*", description = "Country code or 1st letter (eg. B for BA...BZ).")
    List<String> cc = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Get all available flags (AD to ZW).")
    boolean all;

    @Option(names = {"-e", "--every"}, description = "Get flags for every possible code (AA...ZZ).")
    boolean every;

    @Option(names = {"-l", "--limit"}, paramLabel = "N", description = "Limit to N first codes.")
    Integer limit;

    @Option(names = {"-m", "--max-req", "--max_req"}, paramLabel = "CONCURRENT", defaultValue = "" + DEFAULT_CONCUR_REQ,
            description = "Maximum concurrent requests (default=${DEFAULT-VALUE}).")
    int maxReq;

    @Option(names = {"-s", "--server"}, paramLabel = "LABEL", defaultValue = "LOCAL",
            description = "Server to hit: LOCAL, DELAY, ERROR (an in-process mock server with that preset) or the flags URL "
                    + "of a running one, e.g. http://localhost:8001/flags (default=${DEFAULT-VALUE}).")
    String server;

    @Option(names = {"-v", "--verbose"}, description = "Output detailed progress info.")
    boolean verbose;

    @Option(names = "--metadata", description = "Fetch metadata.json first and save each flag under its country's name (flags3).")
    boolean metadata;

    @Option(names = "--out", paramLabel = "DIR", description = "Save the files in DIR (default: keep them in memory).")
    Path outDir;

    @Option(names = "--timeout", converter = Converters.DurationConverter.class, defaultValue = "10s",
            description = "Per-request timeout (default=${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (maxReq < 1 || maxReq > MAX_CONCUR_REQ) {
            throw bad("--max-req", String.valueOf(maxReq), "must be in 1.." + MAX_CONCUR_REQ);
        }
        if (limit != null && limit < 1) {
            throw bad("--limit", String.valueOf(limit), "must be >= 1");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw bad("--timeout", Converters.text(timeout), "must be > 0");
        }
        if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw bad("--out", outDir.toString(), "is a file, not a directory: the flags are saved as files in it");
        }
        if (outDir != null) {
            try {
                OutputFolder.prepare(outDir);
            } catch (IllegalArgumentException e) {
                throw bad("--out", outDir.toString(), e.getMessage());
            }
        }
        String label = server.toUpperCase(Locale.ROOT);
        Preset preset = null;
        URI external = null;
        if (label.equals("REMOTE")) {
            throw bad("--server", server, "is not available here (no network): use LOCAL, DELAY, ERROR or a URL");
        }
        try {
            preset = Preset.valueOf(label);
        } catch (IllegalArgumentException notAPreset) {
            external = externalBase(server);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String unavailable = ModelCatalog.unavailableReason(model);
        if (unavailable != null) {
            err.println("flags: " + model.name() + " cannot run here: " + unavailable);
            err.flush();
            return 1;
        }
        ServerHandle handle;
        try {
            handle = external != null ? ServerHandle.external(external, 42) : ServerHandle.inProcess(preset.profile(), 42);
        } catch (IOException e) {
            err.println("flags: " + e.getMessage());
            err.flush();
            return 1;
        }
        try (handle) {
            List<String> ccList = ccList(handle.content().countryCodes());
            int actualReq = model.traits().baseline() ? 1 : Math.min(maxReq, ccList.size());
            String site = handle.baseUrl() + "flags";
            out.println((external != null ? "URL" : label) + " site: " + site);
            String ccMsg = ccList.size() <= 10 ? String.join(", ", ccList)
                    : "from " + ccList.get(0) + " to " + ccList.get(ccList.size() - 1);
            out.println("Searching for " + ccList.size() + " flag" + (ccList.size() != 1 ? "s" : "") + ": " + ccMsg);
            out.println(actualReq == 1 ? "1 connection will be used." : actualReq + " concurrent connections will be used.");
            out.flush();
            Workload w = metadata ? Workload.FLAGS_METADATA : Workload.FLAGS;
            DownloadJob job = new DownloadJob(handle.baseUrl(), w, ccList, actualReq, timeout, outDir, null, null);
            long t0 = System.nanoTime();
            DownloadResult result;
            boolean terminal = System.console() != null && System.console().isTerminal();
            if (terminal && !verbose) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("flags").setInitialMax(ccList.size())
                        .continuousUpdate().build()) {
                    result = model.download(job.withListener(o -> bar.step()));
                }
            } else {
                result = model.download(verbose ? job.withListener(verboseLines(out)) : job);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            finalReport(out, result.counts(), elapsed);
            rateAndLatency(out, result.outcomes(), elapsed);
            return 0;
        }
    }

    private ProgressListener verboseLines(PrintWriter out) {
        return o -> {
            synchronized (out) {
                out.println(o.item() + " " + describe(o));
                out.flush();
            }
        };
    }

    private static String describe(ItemOutcome o) {
        return switch (o.status()) {
            case OK -> "OK";
            case NOT_FOUND -> "not found";
            case ERROR -> "error: " + o.detail();
            case TIMEOUT -> "timeout: " + o.detail();
            case CANCELLED -> "cancelled";
        };
    }

    /** flags2's final_report, with a TIMEOUT line when there are timeouts (flags2 counts them as errors). */
    static void finalReport(PrintWriter out, Map<Status, Integer> counts, double elapsedSeconds) {
        out.println("-".repeat(20));
        int ok = counts.getOrDefault(Status.OK, 0);
        out.printf(Locale.ROOT, "%3d flag%s downloaded.%n", ok, ok != 1 ? "s" : "");
        int nf = counts.getOrDefault(Status.NOT_FOUND, 0);
        if (nf > 0) {
            out.printf(Locale.ROOT, "%3d not found.%n", nf);
        }
        int errors = counts.getOrDefault(Status.ERROR, 0) + counts.getOrDefault(Status.TIMEOUT, 0)
                + counts.getOrDefault(Status.CANCELLED, 0);
        if (errors > 0) {
            out.printf(Locale.ROOT, "%3d error%s.%n", errors, errors != 1 ? "s" : "");
        }
        out.printf(Locale.ROOT, "Elapsed time: %.2fs%n", elapsedSeconds);
        out.flush();
    }

    /**
     * After flags2's lines: items per second over the elapsed time, and the items' latency percentiles (each item's
     * first request sent to its last response read; items that never started are left out).
     */
    static void rateAndLatency(PrintWriter out, List<ItemOutcome> outcomes, double elapsedSeconds) {
        long[] nanos = outcomes.stream().mapToLong(ItemOutcome::latencyNanos).filter(n -> n > 0).sorted().toArray();
        out.printf(Locale.ROOT, "Rate: %,.1f items/s%n", elapsedSeconds > 0 ? outcomes.size() / elapsedSeconds : 0);
        if (nanos.length > 0) {
            out.printf(Locale.ROOT, "Latency (service time, %d items): p50 %s, p90 %s, p99 %s, max %s%n", nanos.length,
                    ms(rank(nanos, 0.50)), ms(rank(nanos, 0.90)), ms(rank(nanos, 0.99)), ms(nanos[nanos.length - 1]));
        }
        out.flush();
    }

    /** The nearest-rank percentile {@code q} of sorted {@code v}. */
    private static long rank(long[] v, double q) {
        return v[(int) Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
    }

    private static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** flags2's expand_cc_args, then POP20 when nothing was asked for. */
    List<String> ccList(List<String> allCodes) {
        TreeSet<String> codes = new TreeSet<>();
        if (every) {
            for (char a : A_Z.toCharArray()) {
                for (char b : A_Z.toCharArray()) {
                    codes.add("" + a + b);
                }
            }
        } else if (all) {
            codes.addAll(allCodes);
        } else {
            for (String arg : cc) {
                String c = arg.toUpperCase(Locale.ROOT);
                if (c.length() == 1 && A_Z.contains(c)) {
                    for (char b : A_Z.toCharArray()) {
                        codes.add(c + b);
                    }
                } else if (c.length() == 2 && A_Z.indexOf(c.charAt(0)) >= 0 && A_Z.indexOf(c.charAt(1)) >= 0) {
                    codes.add(c);
                } else {
                    throw bad("CC", arg, "is not a country code: each CC argument must be A to Z or AA to ZZ");
                }
            }
        }
        int n = limit == null ? Integer.MAX_VALUE : limit;
        List<String> list = codes.stream().limit(n).toList();
        return list.isEmpty() ? POP20_CC.stream().sorted().limit(n).toList() : list;
    }

    private URI externalBase(String url) {
        try {
            return Converters.serverUrl(url);
        } catch (IllegalArgumentException e) {
            throw bad("--server", url, "is neither LOCAL, DELAY, ERROR nor a URL (" + e.getMessage() + ")");
        }
    }

    private CommandLine.ParameterException bad(String option, String value, String why) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for " + (option.startsWith("-") ? "option '" + option + "'" : "positional parameter " + option)
                        + ": '" + value + "' " + why);
    }
}
