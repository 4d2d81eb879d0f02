package dev.flagbench.core.mock;

import java.util.SplittableRandom;

/** The fault decisions of a profile: a pure function of the seed and the request's sequence number. */
final class Faults {
    /** What to do with a request. */
    enum Action { SERVE, ERROR, RESET }

    /** The decision for one request: what to do, after how long. */
    record Decision(Action action, long delayNanos) {
    }

    /** Paced chunks per second for a slow body, unless that makes them smaller than a byte. */
    static final int CHUNKS_PER_SECOND = 20;
    static final int MAX_CHUNK = 64 * 1024;
    private static final long SALT = 0xFA017L;

    private final FaultProfile profile;
    private final long seed;

    Faults(FaultProfile profile, long seed) {
        this.profile = profile;
        this.seed = seed;
    }

    FaultProfile profile() {
        return profile;
    }

    /** The decision for request number {@code sequence}: the same seed and number always give the same one. */
    Decision decide(long sequence) {
        SplittableRandom r = new SplittableRandom(MockContent.mix(seed ^ SALT, sequence));
        double u = r.nextDouble();
        Action action = u < profile.resetRate() ? Action.RESET
                : u < profile.resetRate() + profile.errorRate() ? Action.ERROR
                : Action.SERVE;
        return new Decision(action, profile.delay().sampleNanos(r));
    }

    boolean slowBody() {
        return profile.slowBodyBytesPerSecond() > 0;
    }

    /** Bytes per paced chunk: a twentieth of the rate, between 1 byte and 64 KiB. */
    int chunkSize() {
        return Math.clamp(profile.slowBodyBytesPerSecond() / CHUNKS_PER_SECOND, 1, MAX_CHUNK);
    }

    /** The pause before each chunk, so that a body takes at least its size divided by the rate. */
    long chunkIntervalNanos() {
        return chunkSize() * 1_000_000_000L / profile.slowBodyBytesPerSecond();
    }

    /** How many chunks a body of {@code length} bytes is written in. */
    int chunks(int length) {
        return (length + chunkSize() - 1) / chunkSize();
    }
}
