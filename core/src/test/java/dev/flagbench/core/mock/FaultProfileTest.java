package dev.flagbench.core.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultProfileTest {
    private static final Duration MS_100 = Duration.ofMillis(100);
    private static final Duration MS_300 = Duration.ofMillis(300);

    @Test
    void delaySpecs_sampleWithinTheirLaw_andNameTheirNominalDelay() {
        SplittableRandom r = new SplittableRandom(1);
        assertThat(DelaySpec.none().sampleNanos(r)).as("none waits 0").isZero();
        assertThat(DelaySpec.fixed(MS_100).sampleNanos(r)).as("fixed waits exactly d").isEqualTo(100_000_000L);
        DelaySpec uniform = DelaySpec.uniform(MS_100, MS_300);
        DelaySpec exponential = DelaySpec.exponential(MS_100);
        double uniformSum = 0;
        double exponentialSum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long u = uniform.sampleNanos(r);
            assertThat(u).as("uniform sample within [min, max]").isBetween(100_000_000L, 300_000_000L);
            uniformSum += u;
            long e = exponential.sampleNanos(r);
            assertThat(e).as("exponential sample is never negative").isNotNegative();
            exponentialSum += e;
        }
        assertThat(uniformSum / n / 1e6).as("uniform mean, ms").isBetween(195.0, 205.0);
        assertThat(exponentialSum / n / 1e6).as("exponential mean, ms").isBetween(95.0, 105.0);
        assertThat(DelaySpec.none().nominal()).as("none's L").isEqualTo(Duration.ZERO);
        assertThat(DelaySpec.fixed(MS_100).nominal()).as("fixed's L").isEqualTo(MS_100);
        assertThat(uniform.nominal()).as("uniform's L is the middle").isEqualTo(Duration.ofMillis(200));
        assertThat(exponential.nominal()).as("exponential's L is the mean").isEqualTo(MS_100);
    }

    @Test
    void delaySpecs_parseWhatTheyDescribe_andRejectNonsense_namingIt() {
        for (DelaySpec d : new DelaySpec[] {DelaySpec.none(), DelaySpec.fixed(Duration.ofMillis(500)),
                DelaySpec.uniform(MS_100, Duration.ofSeconds(2)), DelaySpec.exponential(Duration.ofMillis(250))}) {
            assertThat(DelaySpec.parse(d.describe())).as("parse(describe()) of %s", d).isEqualTo(d);
        }
        assertThat(DelaySpec.parse("fixed:0.5s")).as("seconds with a fraction").isEqualTo(DelaySpec.fixed(Duration.ofMillis(500)));
        assertThat(DelaySpec.parse("FIXED:PT0.5S")).as("ISO-8601").isEqualTo(DelaySpec.fixed(Duration.ofMillis(500)));
        assertThatThrownBy(() -> DelaySpec.parse("gaussian:1s")).as("unknown law")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gaussian:1s");
        assertThatThrownBy(() -> DelaySpec.parse("fixed:10")).as("duration without unit")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> DelaySpec.uniform(MS_300, MS_100)).as("max below min")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> DelaySpec.fixed(Duration.ofMillis(-1))).as("negative delay")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be >= 0");
        assertThatThrownBy(() -> DelaySpec.exponential(Duration.ZERO)).as("zero mean")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean");
    }

    @Test
    void faultProfile_rejectsBadFields_namingFieldAndValue() {
        assertThatThrownBy(() -> FaultProfile.NONE.withErrors(0.1, 502)).as("502 is not an injectable status")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorStatus").hasMessageContaining("502");
        assertThatThrownBy(() -> FaultProfile.NONE.withErrors(1.5, 500)).as("rate above 1")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorRate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> FaultProfile.NONE.withResetRate(-0.1)).as("negative rate")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resetRate");
        assertThatThrownBy(() -> FaultProfile.NONE.withErrors(0.6, 503).withResetRate(0.6)).as("rates summing above 1")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorRate + resetRate");
        assertThatThrownBy(() -> FaultProfile.NONE.withSlowBody(-1)).as("negative rate")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowBodyBytesPerSecond");
        assertThat(FaultProfile.NONE.withErrors(0.1, 503).errorStatus()).as("503 is accepted").isEqualTo(503);
    }

    @Test
    void presets_areFluentPythonsThreeServers() {
        assertThat(Preset.LOCAL.profile()).as("LOCAL has no fault").isEqualTo(FaultProfile.NONE);
        assertThat(Preset.DELAY.profile().delay()).as("DELAY waits 0.5 s").isEqualTo(DelaySpec.fixed(Duration.ofMillis(500)));
        assertThat(Preset.DELAY.profile().errorRate()).as("DELAY has no errors").isZero();
        FaultProfile error = Preset.ERROR.profile();
        assertThat(error.errorRate()).as("ERROR fails a quarter").isEqualTo(0.25);
        assertThat(error.errorStatus()).as("with slow_server.py's teapot").isEqualTo(418);
        assertThat(error.delay().nominal()).as("after the same delay").isEqualTo(Duration.ofMillis(500));
        assertThat(error.describe()).as("report text").isEqualTo("delay fixed:500ms, errors 25% 418");
        assertThat(Preset.ERROR.fluentPythonPort()).as("flags2_common.py's ERROR port").isEqualTo(8002);
    }

    @Test
    void config_validatesItsFields_andCopiesWithOneChange() {
        MockServerConfig c = MockServerConfig.loopback(FaultProfile.NONE);
        assertThat(c).as("loopback defaults").isEqualTo(new MockServerConfig("127.0.0.1", 0, FaultProfile.NONE, false, 42, 0));
        assertThat(c.withPort(8001).withTls(true).withSeed(7).withIoThreads(2).withFaults(Preset.DELAY.profile()))
                .as("with... copies").isEqualTo(new MockServerConfig("127.0.0.1", 8001, Preset.DELAY.profile(), true, 7, 2));
        assertThatThrownBy(() -> c.withPort(70_000)).as("port out of range")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> c.withHost(" ")).as("blank host")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> c.withIoThreads(-1)).as("negative threads")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ioThreads");
    }

    @Test
    void faultDecisions_dependOnlyOnSeedAndSequence_andHitTheirRates() {
        FaultProfile p = FaultProfile.NONE.withErrors(0.25, 500).withResetRate(0.1).withDelay(DelaySpec.uniform(MS_100, MS_300));
        Faults a = new Faults(p, 42);
        Faults b = new Faults(p, 42);
        Faults other = new Faults(p, 43);
        int errors = 0;
        int resets = 0;
        int differ = 0;
        int n = 20_000;
        for (long seq = 0; seq < n; seq++) {
            Faults.Decision d = a.decide(seq);
            assertThat(b.decide(seq)).as("decision %d, same seed", seq).isEqualTo(d);
            errors += d.action() == Faults.Action.ERROR ? 1 : 0;
            resets += d.action() == Faults.Action.RESET ? 1 : 0;
            differ += other.decide(seq).equals(d) ? 0 : 1;
        }
        assertThat(errors / (double) n).as("error fraction").isBetween(0.24, 0.26);
        assertThat(resets / (double) n).as("reset fraction").isBetween(0.09, 0.11);
        assertThat(differ).as("decisions that differ for another seed").isGreaterThan(n / 2);
    }

    @Test
    void slowBody_chunksAreATwentiethOfTheRate() {
        Faults f = new Faults(FaultProfile.NONE.withSlowBody(20_000), 1);
        assertThat(f.chunkSize()).as("chunk, bytes").isEqualTo(1_000);
        assertThat(f.chunkIntervalNanos()).as("pause before each chunk").isEqualTo(50_000_000L);
        assertThat(f.chunks(2_500)).as("chunks of a 2,500-byte body").isEqualTo(3);
        assertThat(new Faults(FaultProfile.NONE.withSlowBody(5), 1).chunkSize()).as("never below a byte").isEqualTo(1);
    }

    @Test
    void stats_roundTripThroughJson_andCountByKindAndStatus() {
        MockStats s = new MockStats(10, Map.of("flag", Map.of(200, 6L, 404, 1L), "pep", Map.of(200, 2L)),
                12_345, 0, 7, 1, 0, 3);
        MockStats back = MockStats.fromJson(s.toJson());
        assertThat(back).as("JSON round trip").isEqualTo(s);
        assertThat(back.count("flag", 200)).as("flag 200s").isEqualTo(6);
        assertThat(back.count("flag")).as("flags, any status").isEqualTo(7);
        assertThat(back.count("metadata")).as("no metadata requests").isZero();
        assertThat(back.countStatus(200)).as("200s of any kind").isEqualTo(8);
        assertThat(back.answered()).as("answered, any kind and status").isEqualTo(9);
        assertThatThrownBy(() -> MockStats.fromJson("[1, 2]")).as("not a stats document")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/__stats");
    }
}
