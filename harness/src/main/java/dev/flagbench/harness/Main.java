package dev.flagbench.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Entry point of harness.jar, compiled for Java 17 so that the machine's default {@code java} can start it:
 * on a JVM older than 25 it re-executes the same jar with a JDK 25, otherwise it runs the CLI directly.
 *
 * <p>The JDK 25 is, in order: the one that built the jar (recorded in {@code flagbench-build.properties}),
 * {@code $JAVA_HOME}, then any {@code /usr/lib/jvm/*} whose {@code release} file says 25 or newer.
 * Exit codes are the CLI's; 2 when no JDK 25 is found.
 */
public final class Main {
    private static final int REQUIRED = 25;
    private static final String CLI = "dev.flagbench.harness.cli.Cli";

    private Main() {
    }

    /** Runs the CLI on JDK 25+, or re-executes this jar with a JDK 25 and forwards its exit code. */
    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() >= REQUIRED) {
            runCli(args);
            return;
        }
        Path java = findJava();
        if (java == null) {
            System.err.println("flagbench needs a JDK " + REQUIRED + " or newer; this is Java " + Runtime.version()
                    + " and none was found (looked at the JDK that built the jar, $JAVA_HOME, /usr/lib/jvm/*).");
            System.err.println("Install one, e.g. `apt-get install temurin-25-jdk` or https://adoptium.net, and set JAVA_HOME to it.");
            System.exit(2);
            return;
        }
        System.exit(reexec(java, args));
    }

    private static void runCli(String[] args) throws Exception {
        try {
            Class.forName(CLI).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    private static int reexec(Path java, String[] args) throws IOException, InterruptedException, URISyntaxException {
        Path jar = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // The options this JVM was given (e.g. -Dflagbench.trace=true) apply to the real one.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread killer = new Thread(() -> {
            child.descendants().forEach(ProcessHandle::destroy);
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flagbench-launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(killer);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            return code;
        }
        return code;
    }

    private static Path findJava() {
        List<Path> homes = new ArrayList<>();
        String built = buildJavaHome();
        if (built != null) {
            homes.add(Paths.get(built));
        }
        String env = System.getenv("JAVA_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Paths.get(env));
        }
        Path jvmDir = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(jvmDir)) {
            try (Stream<Path> dirs = Files.list(jvmDir)) {
                dirs.sorted().forEach(homes::add);
            } catch (IOException e) {
                System.err.println("flagbench: cannot list " + jvmDir + ": " + e.getMessage());
            }
        }
        for (Path home : homes) {
            Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
            if (Files.isExecutable(java) && featureVersion(home) >= REQUIRED) {
                return java;
            }
        }
        return null;
    }

    private static String buildJavaHome() {
        try (InputStream in = Main.class.getResourceAsStream("/flagbench-build.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String home = p.getProperty("java.home");
            return home == null || home.startsWith("${") ? null : home;
        } catch (IOException e) {
            return null;
        }
    }

    /** The feature version in a JDK's {@code release} file (JAVA_VERSION="25.0.1"), or 0. */
    private static int featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    String feature = v.split("[.+\\-]")[0];
                    return Integer.parseInt(feature.startsWith("1") && v.startsWith("1.") ? v.split("\\.")[1] : feature);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }
}
