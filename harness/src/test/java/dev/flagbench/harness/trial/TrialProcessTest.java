package dev.flagbench.harness.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrialProcessTest {

    @Test
    void reason_isTheFirstThrowableInStderr_withoutPackageNames() {
        List<String> stderr = List.of("[0.123s][warning][os,thread] Failed to start thread",
                "Exception in thread \"main\" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory",
                "\tat java.base/java.lang.Thread.start0(Native Method)");

        assertThat(TrialFailures.reason(stderr, 1)).as("the error's simple name and message")
                .isEqualTo("OutOfMemoryError: unable to create native thread: possibly out of memory");
    }

    @Test
    void reason_prefersTheTrialsOwnFailure_toOtherThreadsComplaints() {
        List<String> stderr = List.of("Exception in thread \"meter\" java.lang.IllegalStateException: closed",
                "trial failed: java.lang.UnsupportedOperationException: echo server: not written");

        assertThat(TrialFailures.reason(stderr, 1)).as("the trial's own exception")
                .isEqualTo("UnsupportedOperationException: echo server: not written");
    }

    @Test
    void reason_withoutAThrowable_isTheJvmsErrorLineOrTheExitCode() {
        assertThat(TrialFailures.reason(List.of("Error occurred during initialization of VM", "Too small maximum heap"), 1))
                .as("the JVM's own error line").startsWith("Error occurred during initialization of VM");
        assertThat(TrialFailures.reason(List.of(), 137)).as("nothing said: the exit code").contains("137");
    }
}
