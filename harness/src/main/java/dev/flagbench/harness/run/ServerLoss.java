package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialFailures;
import java.io.IOException;

/** Whether a trial's measured server is lost: a server that no longer answers ends the run, keeping what was measured. */
final class ServerLoss {
    private ServerLoss() {
    }

    /**
     * Why {@code measuredBy} counts as lost after trial {@code t} (its stats cannot be read), or {@code null} when it
     * still answers (or for echo, whose server is the trial's own).
     */
    static String after(ServerHandle measuredBy, Task t) {
        if (measuredBy == null) {
            return null;
        }
        try {
            measuredBy.stats();
            return null;
        } catch (IOException e) {
            return "the mock server at " + measuredBy.baseUrl() + " stopped answering during " + t.id() + ": "
                    + TrialFailures.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
