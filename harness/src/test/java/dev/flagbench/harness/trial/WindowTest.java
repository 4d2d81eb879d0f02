package dev.flagbench.harness.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTest {
    private static final long MS = 1_000_000;

    /**
     * A closed job of {@code rounds} x C items: slot s starts at {@code s x rampMillis / C} (a ramp) and runs items
     * back to back, each {@code latencyMillis} long and {@code gapMillis} after the one before; {@code late} makes one
     * slot's item of round 1 that much longer (an edge item held up).
     */
    private static long[][] closedJob(int c, int rounds, long latencyMillis, long gapMillis, long rampMillis, long lateMillis) {
        List<long[]> items = new ArrayList<>();
        for (int s = 0; s < c; s++) {
            long t = s * rampMillis * MS / c;
            for (int r = 0; r < rounds; r++) {
                long lat = (latencyMillis + (s == c - 1 && r == 1 ? lateMillis : 0)) * MS;
                items.add(new long[] {t + lat, lat});
                t += lat + gapMillis * MS;
            }
        }
        long[] done = items.stream().mapToLong(i -> i[0]).toArray();
        long[] latency = items.stream().mapToLong(i -> i[1]).toArray();
        return new long[][] {done, latency};
    }

    @Test
    void aClosedJobWithoutGaps_readsTheIdealRate_cOverL() {
        long[][] job = closedJob(100, 3, 2_000, 0, 400, 0);

        Window w = Window.of(job[0], job[1], 100, 1);

        assertThat(w.throughput()).as("C / L = 100 / 2 s").isCloseTo(50.0, within(1e-9));
        assertThat(w.millis()).as("from the first wave's last end to the second's").isCloseTo(2_000, within(1e-6));
        assertThat(w.requests()).as("one round's worth of items").isEqualTo(100);
    }

    @Test
    void oneLateItemAtAWavesEdge_movesACountByItsDelay_butAShareByItsWeight() {
        // The last slot's second item is 300 ms late: it ends the second wave, so a count of the items that end
        // between the first wave's last end and the second's reads 100 / 2.3 s, 13 % low; the stream lost one
        // item's 300 ms, 0.15 % of 100 slots' 2 s.
        long[][] job = closedJob(100, 3, 2_000, 0, 400, 300);

        Window w = Window.of(job[0], job[1], 100, 1);

        double countRead = 100 / 2.3;
        assertThat(countRead / 50).as("what the count read").isLessThan(0.88);
        assertThat(w.throughput() / 50).as("the shares' reading").isGreaterThan(0.98).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aGapBetweenItems_isLost_cOverLPlusGap() {
        long[][] job = closedJob(100, 8, 2_000, 500, 400, 0);

        Window w = Window.of(job[0], job[1], 100, 1);

        assertThat(w.throughput()).as("C / (L + gap) = 100 / 2.5 s").isCloseTo(40.0, within(0.4));
    }

    @Test
    void twoRequestsPerItem_countTwiceInRequests_onceInItemsPerSecond() {
        long[][] job = closedJob(10, 6, 100, 0, 0, 0);

        Window w = Window.of(job[0], job[1], 10, 2);

        assertThat(w.throughput()).as("items/s").isCloseTo(100.0, within(1e-6));
        assertThat(w.requests()).as("40 items' worth, as requests").isEqualTo(2 * 40);
    }

    @Test
    void theWindowsThirds_ofASteadyStream_eachReadTheIdealRate() {
        long[][] job = closedJob(100, 5, 2_000, 0, 400, 0);

        List<Double> thirds = Window.parts(job[0], job[1], 100, 3);

        assertThat(thirds).as("three parts of the window").hasSize(3);
        assertThat(thirds).allSatisfy(t -> assertThat(t).as("C / L = 50/s in each").isCloseTo(50.0, within(1e-6)));
    }

    @Test
    void theWindowsThirds_ofAStreamThatSlowsDown_readItsTrend() {
        // Slot items 2 s long for the first rounds, then a 1 s gap after each item from round 3 on: the stream's
        // rate falls from 50/s to 100 / 3 s = 33/s inside the window, which the thirds show and the whole hides.
        List<long[]> items = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            long t = s * 4 * MS;
            for (int r = 0; r < 6; r++) {
                long lat = 2_000 * MS;
                items.add(new long[] {t + lat, lat});
                t += lat + (r >= 2 ? 1_000 * MS : 0);
            }
        }
        long[] done = items.stream().mapToLong(i -> i[0]).toArray();
        long[] latency = items.stream().mapToLong(i -> i[1]).toArray();

        List<Double> thirds = Window.parts(done, latency, 100, 3);

        assertThat(thirds.getFirst()).as("the first third, before the gaps").isGreaterThan(45.0);
        assertThat(thirds.getLast()).as("the last, with them").isLessThan(40.0);
    }

    @Test
    void parts_ofTooFewItems_areNone() {
        assertThat(Window.parts(new long[] {1, 2}, new long[] {1, 1}, 10, 3)).isEmpty();
    }

    @Test
    void share_countsTheOverlap_andAnItemWithoutDurationByItsEnd() {
        assertThat(Window.share(0, 100, 50, 200)).isEqualTo(0.5);
        assertThat(Window.share(60, 80, 50, 200)).isEqualTo(1.0);
        assertThat(Window.share(0, 40, 50, 200)).isEqualTo(0.0);
        assertThat(Window.share(70, 70, 50, 200)).isEqualTo(1.0);
        assertThat(Window.share(300, 300, 50, 200)).isEqualTo(0.0);
    }

    @Test
    void tooFewItems_giveNoWindow_andMismatchedArraysAreRefused() {
        assertThat(Window.of(new long[] {1, 2}, new long[] {1, 1}, 5, 1)).isEqualTo(Window.NONE);
        assertThat(Window.of(new long[] {5, 5, 5, 5}, new long[] {1, 1, 1, 1}, 1, 1)).as("a window of no length").isEqualTo(Window.NONE);
        assertThatThrownBy(() -> Window.of(new long[3], new long[2], 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 and 2");
    }
}
