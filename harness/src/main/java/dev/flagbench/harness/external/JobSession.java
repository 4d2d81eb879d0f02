package dev.flagbench.harness.external;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Status;
import dev.flagbench.harness.trial.Json;
import dev.flagbench.harness.trial.Protocol;
import dev.flagbench.harness.trial.TrialFailures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session of an external model whose every job is one run of its program in one-job mode
 * (docs/trial-protocol.md#one-job-mode): the {@code flags} command's cold job. The program prints each item's outcome;
 * an interrupt ends it and leaves the items without one CANCELLED, a program that dies leaves them ERROR.
 */
final class JobSession implements Session {
    private static final String ITEM = "ITEM ";
    private static final String SETTINGS = "SETTINGS ";
    private final ExternalModel model;
    private final SessionConfig config;

    JobSession(ExternalModel model, SessionConfig config) {
        this.model = model;
        this.config = config;
    }

    @Override
    public DownloadResult download(DownloadJob job) throws InterruptedException {
        config.admit(job);
        List<ItemOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> settings = Collections.synchronizedMap(new LinkedHashMap<>());
        Path jobFile = null;
        Path stderr = null;
        Process p = null;
        String failure = null;
        try {
            jobFile = Files.createTempFile("flagbench-job", ".json");
            stderr = Files.createTempFile("flagbench-job", ".stderr.txt");
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("baseUrl", job.baseUrl().toString());
            spec.put("workload", job.workload().label());
            spec.put("items", job.items());
            spec.put("maxConcurrency", job.maxConcurrency());
            spec.put("timeoutMillis", job.timeout().toMillis());
            spec.put("outputDir", job.outputDir() == null ? null : job.outputDir().toAbsolutePath().toString());
            Json.writeAtomically(jobFile, spec);
            p = new ProcessBuilder(model.jobCommand(jobFile)).redirectError(stderr.toFile()).start();
            p.getOutputStream().close();
            Process process = p;
            IOException[] unreadable = new IOException[1];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    read(process, job, outcomes, settings);
                } catch (IOException e) {
                    unreadable[0] = e;
                }
            });
            int code = p.waitFor();
            reader.join();
            if (unreadable[0] != null) {
                throw unreadable[0];
            }
            if (outcomes.size() < job.items().size()) {
                List<String> tail = Files.readAllLines(stderr, StandardCharsets.UTF_8);
                failure = model.name() + "'s program ended without every outcome: " + TrialFailures.reason(tail, code);
            }
        } catch (IOException e) {
            failure = model.name() + "'s program could not run: " + TrialFailures.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller cancelled the job: its unfinished items are CANCELLED
        } finally {
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            deleteQuietly(jobFile);
            deleteQuietly(stderr);
        }
        Status rest = failure == null ? Status.CANCELLED : Status.ERROR;
        String detail = failure == null ? "cancelled" : failure;
        List<ItemOutcome> all = new ArrayList<>(outcomes); // a snapshot: a killed program's reader may still add
        for (int i = all.size(); i < job.items().size(); i++) {
            all.add(ItemOutcome.of(job.items().get(i), rest, detail));
        }
        return new DownloadResult(job.workload(), all, Map.copyOf(settings));
    }

    /** Reads the program's stdout until it ends (or is killed). */
    private static void read(Process p, DownloadJob job, List<ItemOutcome> outcomes, Map<String, String> settings)
            throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith(Protocol.PREFIX)) {
                    continue;
                }
                String word = line.substring(Protocol.PREFIX.length());
                if (word.startsWith(SETTINGS)) {
                    settings.putAll(Json.MAPPER.readValue(word.substring(SETTINGS.length()),
                            new TypeReference<Map<String, String>>() { }));
                } else if (word.startsWith(ITEM) && outcomes.size() < job.items().size()) {
                    ItemOutcome o = Json.MAPPER.readValue(word.substring(ITEM.length()), ItemOutcome.class);
                    outcomes.add(o);
                    job.listener().onItem(o);
                }
            }
        }
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }

    /** Nothing is kept between jobs. */
    @Override
    public void close() {
    }
}
