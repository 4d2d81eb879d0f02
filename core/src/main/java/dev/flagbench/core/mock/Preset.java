package dev.flagbench.core.mock;

import java.time.Duration;

/**
 * The three servers of Fluent Python's flags2 examples (LOCAL on port 8000, DELAY on 8001, ERROR on 8002).
 *
 * <p>The book's slow_server.py draws its delay uniformly from 0.5 to 5 s; here DELAY and ERROR use a fixed
 * 0.5 s so that the ideal time ceil(N / C) · L is exact. ERROR answers 418 I'm a Teapot, as slow_server.py
 * {@code --error-rate .25} does, to a quarter of the requests, after the same 0.5 s delay.
 */
public enum Preset {
    /** No delay, no errors: the book's local nginx. */
    LOCAL(FaultProfile.NONE, 8000),
    /** A fixed 0.5 s delay before every answer. */
    DELAY(FaultProfile.delay(Duration.ofMillis(500)), 8001),
    /** A fixed 0.5 s delay, then 25 % of the requests answered 418 I'm a Teapot. */
    ERROR(FaultProfile.delay(Duration.ofMillis(500)).withErrors(0.25, 418), 8002);

    private final FaultProfile profile;
    private final int fluentPythonPort;

    Preset(FaultProfile profile, int fluentPythonPort) {
        this.profile = profile;
        this.fluentPythonPort = fluentPythonPort;
    }

    /** The faults this preset injects. */
    public FaultProfile profile() {
        return profile;
    }

    /** The port Fluent Python's flags2_common.py expects this server on (8000, 8001, 8002). */
    public int fluentPythonPort() {
        return fluentPythonPort;
    }
}
