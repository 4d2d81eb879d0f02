package dev.flagbench.core.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Holds every answer until a number of requests are in flight at once, then lets them all go on to their delay: a
 * way to prove that a client reaches C in flight that does not depend on how fast the machine is.
 */
final class Gate {
    private final IntSupplier inFlight;
    private final List<Runnable> held = new ArrayList<>();
    private int target;

    Gate(IntSupplier inFlight) {
        this.inFlight = inFlight;
    }

    /** Holds the answers of the requests from now on until {@code n} are in flight; 0 opens the gate. */
    void arm(int n) {
        List<Runnable> go;
        synchronized (this) {
            target = n;
            go = n == 0 ? release() : List.of();
        }
        go.forEach(Runnable::run);
    }

    /**
     * Holds {@code proceed} while the gate is armed and returns true; once the target is in flight, runs it and
     * every held one. Returns false, without running it, when the gate is open.
     */
    boolean hold(Runnable proceed) {
        List<Runnable> go;
        synchronized (this) {
            if (target == 0) {
                return false;
            }
            held.add(proceed);
            if (inFlight.getAsInt() < target) {
                return true;
            }
            target = 0;
            go = release();
        }
        go.forEach(Runnable::run);
        return true;
    }

    private List<Runnable> release() {
        List<Runnable> go = new ArrayList<>(held);
        held.clear();
        return go;
    }
}
