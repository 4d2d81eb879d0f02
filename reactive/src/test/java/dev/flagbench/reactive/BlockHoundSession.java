package dev.flagbench.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound once for every test of this module, before any test runs, and records each blocking call it
 * catches on a non-blocking thread (event loops, Reactor's parallel scheduler) before throwing as usual.
 *
 * <p>Nothing is allowed beyond the integrations that Reactor, Netty and BlockHound ship themselves. One call is
 * added to BlockHound's list: the JDK's native file write behind {@code Files.write} (BlockHound 1.0.17 watches
 * {@code java.io} streams, not NIO file channels), so that a file written on an event loop is caught.
 */
public final class BlockHoundSession implements LauncherSessionListener {
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlockHound.install(builder -> builder
                .markAsBlocking("sun.nio.ch.UnixFileDispatcherImpl", "write0", "(Ljava/io/FileDescriptor;JI)I")
                .blockingMethodCallback(method -> {
                    VIOLATIONS.add(method + " on thread " + Thread.currentThread().getName());
                    throw new BlockingOperationError(method);
                }));
    }

    /** Every blocking call caught so far, with the thread it was made on. */
    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    /** Forgets the calls caught so far; for a test that checks a run of its own. */
    public static void clear() {
        VIOLATIONS.clear();
    }
}
