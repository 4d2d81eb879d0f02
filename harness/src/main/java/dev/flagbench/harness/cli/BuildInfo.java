package dev.flagbench.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What the build recorded in flagbench-build.properties. */
final class BuildInfo {
    private BuildInfo() {
    }

    /** The project version, or "dev" when run from classes that were not filtered. */
    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/flagbench-build.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
