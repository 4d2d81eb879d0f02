package dev.flagbench.harness.external;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Traits;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A model that is an external program declared by a {@link Descriptor}: the harness launches its command as the
 * trial's process (docs/trial-protocol.md) instead of a JVM. As a {@link ConcurrencyModel} it is listed, planned and
 * reported like the JVM models; {@link #open} runs one job per program run (the {@code flags} command).
 */
public final class ExternalModel implements ConcurrencyModel {
    /** The placeholder in a descriptor's commands for the descriptor's folder. */
    public static final String DIR = "{dir}";
    /** How long a probe may take. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(30);

    private final Descriptor.Entry entry;
    private final Path dir;
    private volatile String probed;
    private volatile boolean probeRan;

    /** The model {@code entry} of a descriptor whose files are in {@code dir}. */
    public ExternalModel(Descriptor.Entry entry, Path dir) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.dir = dir.toAbsolutePath();
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String summary() {
        return entry.summary();
    }

    @Override
    public Traits traits() {
        return entry.traits();
    }

    /** The download workloads the program runs. */
    public List<String> workloads() {
        return entry.workloads();
    }

    /** The command that runs a trial of {@code spec} writing {@code result}. */
    public List<String> trialCommand(Path spec, Path result) {
        List<String> c = resolve(entry.command());
        c.add(spec.toAbsolutePath().toString());
        c.add(result.toAbsolutePath().toString());
        return c;
    }

    /** The command that runs one job described by {@code jobFile}. */
    List<String> jobCommand(Path jobFile) {
        List<String> c = resolve(entry.command());
        c.add("--job");
        c.add(jobFile.toAbsolutePath().toString());
        return c;
    }

    private List<String> resolve(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String a : args) {
            out.add(a.replace(DIR, dir.toString()));
        }
        return out;
    }

    /**
     * Why this model cannot run here (its probe failed: no interpreter, a missing package), or {@code null}; the
     * probe runs once per harness JVM.
     */
    public String unavailableReason() {
        if (!probeRan) {
            synchronized (this) {
                if (!probeRan) {
                    probed = probe();
                    probeRan = true;
                }
            }
        }
        return probed;
    }

    /** Why a trial of {@code workload} is skipped for this model, or {@code null} when it runs. */
    public String skipReason(String workload) {
        String reason = unavailableReason();
        if (reason != null) {
            return reason;
        }
        return entry.workloads().contains(workload) ? null
                : "the external model declares the workloads " + String.join(", ", entry.workloads()) + ", not " + workload;
    }

    private String probe() {
        if (entry.probe().isEmpty()) {
            return null;
        }
        List<String> command = resolve(entry.probe());
        Path log = null;
        try {
            log = Files.createTempFile("flagbench-probe", ".txt");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(PROBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "its probe (" + String.join(" ", command) + ") took over " + PROBE_LIMIT.toSeconds() + " s";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String last = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .reduce((a, b) -> b).orElse("exit code " + p.exitValue()).trim();
            return "its probe failed: " + last;
        } catch (IOException e) {
            return "cannot run " + command.getFirst() + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "its probe was interrupted";
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** A session whose every job is one run of the program (its connections are not kept between jobs). */
    @Override
    public Session open(SessionConfig config) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(name() + " cannot run here: " + reason);
        }
        return new JobSession(this, config);
    }

    /** An external model's echo server runs inside its trial program only (an echo trial); this says so. */
    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        throw new IOException(name() + " is an external program: its echo server runs in echo trials only"
                + " (run --workloads echo), not in this JVM");
    }

    @Override
    public String toString() {
        return name();
    }
}
