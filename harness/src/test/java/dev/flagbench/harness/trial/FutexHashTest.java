package dev.flagbench.harness.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Resizing this test JVM's own futex hash, and the checks on a slot count. */
class FutexHashTest {

    @Test
    void resize_givesThisProcessTheSlotsAsked_whereTheKernelHasAFutexHash() {
        Assumptions.assumeTrue(FutexHash.slots() != FutexHash.UNSUPPORTED,
                "this kernel has no prctl(PR_FUTEX_HASH) (Linux before 6.16): nothing to resize");

        assertThat(FutexHash.resize(8_192)).as("the kernel reports the slots now in effect").isEqualTo(8_192);
        assertThat(FutexHash.slots()).as("and keeps them").isEqualTo(8_192);
        assertThat(FutexHash.resize(32)).as("a second resize replaces the first").isEqualTo(32);
    }

    @Test
    void check_rejectsCountsThatAreNotAPowerOfTwoInRange_namingTheField() {
        for (int bad : new int[] {0, 1, 1_000, FutexHash.MAX_SLOTS * 2, -16}) {
            assertThatThrownBy(() -> FutexHash.check("futexHashSlots", bad)).as("%d is refused", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("futexHashSlots").hasMessageContaining("was " + bad);
        }
        FutexHash.check("futexHashSlots", 2);
        FutexHash.check("futexHashSlots", FutexHash.MAX_SLOTS);
    }
}
