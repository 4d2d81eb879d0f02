package dev.flagbench.harness.trial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Every live process the harness forked for a trial or its training, so that the shutdown hook can end them all. */
public final class LiveProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * Held while a process's files are written and it is started, and by {@link #killAll()}: once the run is ending
     * no process starts and no file is written into the scratch folder, so that its removal after killAll is final (a
     * trial forked while Ctrl-C was handled once wrote its files after the folder was removed).
     */
    private static final Object STARTING = new Object();
    /** Set by {@link #killAll()}: the run is ending. Guarded by {@link #STARTING}. */
    private static boolean ending;

    private LiveProcesses() {
    }

    /** Writes a process's files and starts it. */
    @FunctionalInterface
    public interface Start<T> {
        /** Does it. */
        T start() throws IOException;
    }

    /** Runs {@code start} unless the run is ending, in which case nothing is written and nothing starts. */
    public static <T> T start(Start<T> start) throws IOException {
        synchronized (STARTING) {
            if (ending) {
                throw new InterruptedIOException("the run is ending: no further process is started");
            }
            return start.start();
        }
    }

    /** Registers {@code p} until {@link #remove}. */
    public static void add(Process p) {
        LIVE.add(p);
    }

    /** Forgets {@code p}, which has ended. */
    public static void remove(Process p) {
        LIVE.remove(p);
    }

    /** Kills {@code p} and every process it started, and waits for it. */
    public static void kill(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Kills every live trial process and its children and waits (bounded) until they are gone; none starts after it
     * (the harness's shutdown hook, which removes the scratch folder next).
     */
    public static void killAll() {
        synchronized (STARTING) {
            ending = true;
            for (Process p : LIVE) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            for (Process p : LIVE) {
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
