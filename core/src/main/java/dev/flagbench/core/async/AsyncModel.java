package dev.flagbench.core.async;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import java.util.concurrent.CompletionStage;

/**
 * A model whose requests complete later, on its client's threads: its style is its client ({@link #connect}) and
 * how it starts the items of an {@link AsyncRun} ({@link #downloadMany}). The workloads' request chains, timing,
 * outcomes and cancellation are core's.
 */
public interface AsyncModel extends ConcurrencyModel {

    /** Opens the client, pools and loops of a session of concurrency {@code config.maxConcurrency()}. */
    AsyncClient connect(SessionConfig config);

    /**
     * Starts {@link AsyncRun#item(int)} for every item, at most {@link AsyncRun#maxConcurrency()} at once; the stage
     * completes when every item has. Cancelling the stage stops starting items.
     */
    CompletionStage<?> downloadMany(AsyncRun run);

    @Override
    default Session open(SessionConfig config) {
        return new AsyncSession(config, this, connect(config));
    }
}
