package dev.flagbench.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadLimitsTest {
    @Test
    void limits_readTheWholeNumber_fromProcSys() throws Exception {
        Path pidMax = Path.of("/proc/sys/kernel/pid_max");
        assumeTrue(Files.isReadable(pidMax), "needs Linux's /proc");
        long expected = Long.parseLong(Files.readAllLines(pidMax).get(0).trim());

        Map<String, Long> limits = ThreadLimits.limits();

        assertThat(limits.get(ThreadLimits.PID_MAX)).as("pid_max whole, not its first digit (procfs reports size 0)")
                .isEqualTo(expected);
        assertThat(limits.get(ThreadLimits.THREADS_MAX)).as("threads-max: Linux allows at least 20 threads")
                .isGreaterThanOrEqualTo(20);
    }
}
