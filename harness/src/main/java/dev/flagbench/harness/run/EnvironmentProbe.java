package dev.flagbench.harness.run;

import dev.flagbench.harness.data.Environment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Describes the machine, its limits, the JDK and the code a run measures. */
public final class EnvironmentProbe {
    private EnvironmentProbe() {
    }

    /** The environment of trials forked with {@code javaCommand} and {@code trialJvmArgs} from this JVM. */
    public static Environment probe(MachineLimits limits, String javaCommand, List<String> trialJvmArgs) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Environment(cpuModel(), Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                limits.openFilesSoftLimit(), limits.pidMax(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                javaCommand, trialJvmArgs, gitCommit(), hostname());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    /**
     * {@code git rev-parse HEAD} of the working directory's repository, else of the one holding harness.jar, with
     * "-dirty" when its tree has changes; "unknown" without git.
     */
    static String gitCommit() {
        List<Path> dirs = new java.util.ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        try {
            Path jar = Path.of(EnvironmentProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            dirs.add(Files.isDirectory(jar) ? jar : jar.getParent());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            dirs.add(Path.of("").toAbsolutePath());
        }
        for (Path dir : dirs) {
            String head = git(dir, "rev-parse", "HEAD");
            if (head != null && !head.isBlank()) {
                String status = git(dir, "status", "--porcelain");
                return head.trim() + (status != null && !status.isBlank() ? "-dirty" : "");
            }
        }
        return "unknown";
    }

    private static String git(Path dir, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
