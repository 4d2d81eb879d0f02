package dev.flagbench.core.async;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import java.util.concurrent.atomic.AtomicBoolean;

/** An asynchronous model's session: one client, one pool or loop, shared by every job of the session. */
final class AsyncSession implements Session {
    private final SessionConfig config;
    private final AsyncModel model;
    private final AsyncClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    AsyncSession(SessionConfig config, AsyncModel model, AsyncClient client) {
        this.config = config;
        this.model = model;
        this.client = client;
    }

    @Override
    public DownloadResult download(DownloadJob job) {
        if (closed.get()) {
            throw new IllegalStateException("session: closed (a cancelled job closes its session)");
        }
        AsyncRun run = new AsyncRun(config.admit(job), client);
        return run.await(model.downloadMany(run), this);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.release().run();
        }
    }
}
