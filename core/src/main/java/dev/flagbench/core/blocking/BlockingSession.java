package dev.flagbench.core.blocking;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import java.util.concurrent.atomic.AtomicBoolean;

/** A blocking model's session: one pooled {@link BlockingClient} that every job of the session shares. */
final class BlockingSession implements Session {
    private final SessionConfig config;
    private final BlockingModel model;
    private final BlockingClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    BlockingSession(SessionConfig config, BlockingModel model) {
        this.config = config;
        this.model = model;
        this.client = new BlockingClient(config.http());
    }

    BlockingClient client() {
        return client;
    }

    @Override
    public DownloadResult download(DownloadJob job) throws InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("session: closed (a cancelled job closes its session)");
        }
        return model.downloadMany(new BlockingRun(config.admit(job), this));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }
}
