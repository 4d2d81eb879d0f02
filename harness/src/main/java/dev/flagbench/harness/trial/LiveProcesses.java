package dev.flagbench.harness.trial;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Every live process the harness forked for a trial or its training, so that the shutdown hook can end them all. */
public final class LiveProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    private LiveProcesses() {
    }

    /** Registers {@code p} until {@link #remove}. */
    static void add(Process p) {
        LIVE.add(p);
    }

    /** Forgets {@code p}, which has ended. */
    static void remove(Process p) {
        LIVE.remove(p);
    }

    /** Kills {@code p} and every process it started, and waits for it. */
    static void kill(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills every live trial process and its children (the harness's shutdown hook). */
    public static void killAll() {
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
