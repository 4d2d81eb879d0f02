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
 * <p>Beyond the integrations that Reactor, Netty and BlockHound ship, two methods are allowed, each a lock around
 * in-memory work that Netty's and Jackson's own code takes on a loop thread, and one blocking call is added:
 * <ul>
 *   <li>allowed: {@code AdaptivePoolingAllocator$Magazine.free}, where Netty 4.2's default buffer allocator takes a
 *       magazine's StampedLock for a few instructions when another loop thread grows the magazine group. Netty
 *       4.2.18's own integration allows the older pooled allocator's locks ({@code PoolArena.lock}) but not this one;
 *       it parks only while another thread holds that lock, never on I/O (Armeria allows it as a false positive).</li>
 *   <li>allowed: {@code DeserializerCache._createAndCacheValueDeserializer}, where Jackson 2.22 builds a deserializer
 *       once, on its first use, under a ReentrantLock: two loop threads parsing their first metadata.json at the
 *       same instant make one wait for the other's one-time set-up; every later read finds it cached, lock-free.</li>
 *   <li>added: the JDK's native file write behind {@code Files.write} (BlockHound 1.0.17 watches {@code java.io}
 *       streams, not NIO file channels), so that a file written on an event loop is caught.</li>
 * </ul>
 */
public final class BlockHoundSession implements LauncherSessionListener {
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlockHound.install(builder -> builder
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                .allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                        "_createAndCacheValueDeserializer")
                .markAsBlocking("sun.nio.ch.UnixFileDispatcherImpl", "write0", "(Ljava/io/FileDescriptor;JI)I")
                .blockingMethodCallback(method -> {
                    VIOLATIONS.add(method + " on thread " + Thread.currentThread().getName() + callers());
                    throw new BlockingOperationError(method);
                }));
    }

    /** The stack of the blocking call, reactor-netty, Netty and our frames, for the failure message. */
    private static String callers() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            sb.append("\n    at ").append(e);
        }
        return sb.toString();
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
