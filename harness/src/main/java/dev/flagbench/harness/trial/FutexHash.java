package dev.flagbench.harness.trial;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * This process's futex hash: how many buckets Linux spreads the process's futex waiters over (every parked platform
 * thread is one), read and resized with {@code prctl(PR_FUTEX_HASH)} (Linux 6.16 and later).
 *
 * <p>Since 6.16 a process gets a private hash sized from the machine's CPUs, not from its threads: 16 buckets on two
 * cores. A JVM with 10,000 parked platform threads then walks chains of hundreds of waiters on every wake-up;
 * measured on the reference machine (results/README.md), a fixed pool of 10,000 threads downloaded flags at a third
 * of the rate it reached with 16,384 buckets, while virtual threads were unchanged. Trial JVMs therefore resize
 * their own hash alike, whatever the model, and record what they ran with.
 */
public final class FutexHash {
    /** Not supported here: not Linux, a kernel before 6.16, or no native access. */
    public static final int UNSUPPORTED = -1;
    /** The slot count that means "the kernel's global hash" when set. */
    public static final int GLOBAL = 0;
    /** The largest slot count {@link #resize} accepts. */
    public static final int MAX_SLOTS = 1 << 20;
    private static final int PR_FUTEX_HASH = 78;
    private static final long PR_FUTEX_HASH_SET_SLOTS = 1;
    private static final long PR_FUTEX_HASH_GET_SLOTS = 2;
    private static final MethodHandle PRCTL = prctl().orElse(null);

    private FutexHash() {
    }

    /** The slots of this process's futex hash: a count, {@link #GLOBAL}, or {@link #UNSUPPORTED}. */
    public static int slots() {
        return call(PR_FUTEX_HASH_GET_SLOTS, 0);
    }

    /**
     * Gives this process a private futex hash of {@code slots} buckets and returns the slots now in effect, or
     * {@link #UNSUPPORTED} when the kernel has no such call.
     *
     * @throws IllegalArgumentException unless {@code slots} is a power of two from 2 to {@link #MAX_SLOTS}
     */
    public static int resize(int slots) {
        check("futexHashSlots", slots);
        int r = call(PR_FUTEX_HASH_SET_SLOTS, slots);
        return r == UNSUPPORTED ? UNSUPPORTED : slots();
    }

    /** Checks that {@code slots} is a power of two from 2 to {@link #MAX_SLOTS}; the message names {@code field}. */
    public static void check(String field, int slots) {
        if (slots < 2 || slots > MAX_SLOTS || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException(field + " must be a power of two from 2 to " + MAX_SLOTS + ", was " + slots);
        }
    }

    private static int call(long op, long arg) {
        if (PRCTL == null) {
            return UNSUPPORTED;
        }
        try {
            int r = (int) PRCTL.invokeExact(PR_FUTEX_HASH, op, arg, 0L, 0L);
            return r < 0 ? UNSUPPORTED : r;
        } catch (Throwable e) {
            return UNSUPPORTED;
        }
    }

    /** {@code int prctl(int option, ...)} from the C library, or empty where there is none. */
    private static Optional<MethodHandle> prctl() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("prctl").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    Linker.Option.firstVariadicArg(1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
