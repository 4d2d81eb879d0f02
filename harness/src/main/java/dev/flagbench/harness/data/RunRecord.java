package dev.flagbench.harness.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of the comparison as stored in run.json: the single source for every report, chart and comparison.
 *
 * <p>Schema version {@value #FORMAT_VERSION}. A reader of an old file checks {@code formatVersion} first.
 * Times are ISO-8601 strings, durations are milliseconds, sizes are bytes.
 *
 * @param formatVersion the schema version, {@value #FORMAT_VERSION} for this layout
 * @param runId the run's folder name under results/, e.g. {@code 2026-11-23T16-40-00Z}
 * @param status {@code running} while trials remain, {@code complete}, {@code interrupted} (Ctrl-C, a kill), or
 *               {@link #SERVER_LOST} (the mock server stopped answering: the trials before are kept)
 * @param startedAt when the run began
 * @param finishedAt when it ended, or {@code null} while running
 * @param environment the machine and JDK the run measured
 * @param config what was asked for
 * @param server the mock server and load generator as the trials saw them
 * @param trials every trial that ran or failed, in the order it ran
 * @param skipped levels not run, each with its reason
 * @param endReason why a run that did not complete ended, in one line naming its cause, or {@code null}
 * @param scenarios the named scenarios that ran after the trials, in run order (empty, or absent from files written
 *                  before scenarios)
 */
public record RunRecord(int formatVersion, String runId, String status, String startedAt, String finishedAt,
                        Environment environment, RunConfig config, ServerInfo server, List<TrialRecord> trials,
                        List<Skipped> skipped, String endReason, List<ScenarioRecord> scenarios) {

    /** A record without scenarios. */
    public RunRecord(int formatVersion, String runId, String status, String startedAt, String finishedAt,
                     Environment environment, RunConfig config, ServerInfo server, List<TrialRecord> trials,
                     List<Skipped> skipped, String endReason) {
        this(formatVersion, runId, status, startedAt, finishedAt, environment, config, server, trials, skipped, endReason,
                List.of());
    }

    /** The status of a run that ended because its mock server stopped answering. */
    public static final String SERVER_LOST = "server-lost";

    /** A record without an end reason. */
    public RunRecord(int formatVersion, String runId, String status, String startedAt, String finishedAt,
                     Environment environment, RunConfig config, ServerInfo server, List<TrialRecord> trials,
                     List<Skipped> skipped) {
        this(formatVersion, runId, status, startedAt, finishedAt, environment, config, server, trials, skipped, null);
    }

    /** The schema version this code writes. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies the lists; a file without {@code skipped} skipped nothing, one without {@code scenarios} has none, one
     * without {@code trials} fails {@link #validated}.
     */
    public RunRecord {
        trials = trials == null ? null : List.copyOf(trials);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    /**
     * This record, once checked to hold what every report needs (read from {@code source}, named in the message).
     *
     * @throws IllegalArgumentException naming the first field missing or out of range, and the trial it is in
     */
    public RunRecord validated(String source) {
        List<String> problems = new ArrayList<>();
        if (config == null) {
            problems.add("field 'config' is missing");
        }
        if (trials == null) {
            problems.add("field 'trials' is missing");
        } else {
            for (int i = 0; i < trials.size(); i++) {
                TrialRecord t = trials.get(i);
                String where = "trials[" + i + "]" + (t != null && t.id() != null ? " (" + t.id() + ")" : "") + ": ";
                if (t == null) {
                    problems.add(where + "is null");
                    continue;
                }
                t.problems().forEach(p -> problems.add(where + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": not a valid run.json: " + String.join("; ",
                    problems.stream().limit(3).toList()) + (problems.size() > 3 ? "; and " + (problems.size() - 3)
                    + " more" : ""));
        }
        return this;
    }

    /**
     * A trial that was not run.
     *
     * @param model the model
     * @param workload the workload label
     * @param level the concurrency level (C, or connections for echo)
     * @param reason why: a machine limit ("needs 20,002 open files, the limit is 20,000"), or a failure at a
     *               lower level ("failed at C = 1,000: OutOfMemoryError: unable to create native thread")
     */
    public record Skipped(String model, String workload, int level, String reason) {
    }

    /**
     * Where the trials' load came from and went to.
     *
     * @param mode {@code in-process} (the harness JVM), {@code forked} (its own JVM), or {@code external} (a URL)
     * @param baseUrl the mock server's base URL
     * @param preset LOCAL, DELAY, ERROR or CUSTOM
     * @param faults the fault profile as text (delay spec, error rate and status, reset rate, slow body)
     * @param seed the fault-injection seed
     * @param cpuMillis CPU time the server (and echo load generator) process used during the whole run, if known
     * @param calibration what the mock server served on this machine at the start of the run, or {@code null}
     */
    public record ServerInfo(String mode, String baseUrl, String preset, String faults, long seed, Long cpuMillis,
                             Calibration calibration) {
        /** Server information without a calibration. */
        public ServerInfo(String mode, String baseUrl, String preset, String faults, long seed, Long cpuMillis) {
            this(mode, baseUrl, preset, faults, seed, cpuMillis, null);
        }
    }

    /**
     * The mock server's capacity on this machine, measured with the harness's own load (a closed loop of keep-alive
     * connections on the delay-free server, in the harness JVM).
     *
     * @param connections the load's connections
     * @param millis the measured phase
     * @param requests answers read in it
     * @param requestsPerSecond the capacity: answers per second
     * @param serverCpuMicrosPerRequest the server threads' CPU time per answer
     */
    public record Calibration(int connections, long millis, long requests, double requestsPerSecond,
                              double serverCpuMicrosPerRequest) {
    }
}
