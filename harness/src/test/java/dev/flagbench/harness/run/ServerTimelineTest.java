package dev.flagbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.data.Timeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The harness's sampler of a mock server's in-flight and answered counts, against a real server on loopback. */
class ServerTimelineTest {

    private static List<CompletableFuture<HttpResponse<Void>>> send(HttpClient http, URI flag, int n) {
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(flag).build(), HttpResponse.BodyHandlers.discarding()));
        }
        return sent;
    }

    /** Waits (bounded, as a safety net only) until the samples so far satisfy {@code done}; returns them. */
    private static Timeline awaitSamples(ServerTimeline timeline, Predicate<Timeline> done) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Timeline t = timeline.timeline(null);
            if (t != null && done.test(t)) {
                return t;
            }
            Thread.sleep(10);
        }
        return timeline.timeline(null);
    }

    @Test
    void heldRequests_areSeenInFlight_completedRisesAcrossAReset_andThePollsAreNotCounted() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.loopback(FaultProfile.NONE));
             ServerHandle polled = ServerHandle.external(server.baseUrl(), server.config().seed());
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String cc = server.content().countryCodes().getFirst();
            URI flag = server.baseUrl().resolve("flags/" + cc + "/" + cc + ".gif");
            server.holdUntilInFlight(10); // three requests never reach ten: they stay held, in flight
            ServerTimeline timeline = new ServerTimeline(polled, Duration.ofMillis(5)).start();
            List<CompletableFuture<HttpResponse<Void>>> held = send(http, flag, 3);

            Timeline seenHeld = awaitSamples(timeline, t -> t.inFlight().contains(3));
            assertThat(seenHeld.inFlight()).as("the sampler sees the three held requests in flight").contains(3);
            MockStats whileHeld = server.stats();
            assertThat(whileHeld.totalRequests()).as("the polls of /__stats are not counted as requests").isEqualTo(3);
            assertThat(whileHeld.answered()).as("nothing answered while held").isZero();

            server.holdUntilInFlight(0);
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).join();
            awaitSamples(timeline, t -> t.completed().getLast() == 3 && t.inFlight().getLast() == 0);
            server.resetStats(); // as the harness does before GO
            CompletableFuture.allOf(send(http, flag, 2).toArray(CompletableFuture[]::new)).join();
            awaitSamples(timeline, t -> t.completed().getLast() == 5);
            long measured0 = System.nanoTime();
            timeline.stop();
            Timeline t = timeline.timeline(Map.of(Timeline.MEASURED, List.of(measured0, measured0),
                    "elsewhere", List.of(Long.MIN_VALUE + 1, Long.MIN_VALUE + 2)));

            assertThat(t.intervalMillis()).as("the interval is stated").isEqualTo(5);
            assertThat(t.inFlight()).as("one in-flight value per completed value").hasSameSizeAs(t.completed());
            assertThat(t.inFlight().stream().mapToInt(Integer::intValue).max().orElse(-1))
                    .as("never more in flight than were sent at once").isEqualTo(3);
            assertThat(t.completed().getFirst()).as("counted from the first sample").isZero();
            for (int i = 1; i < t.samples(); i++) {
                assertThat(t.completed().get(i)).as("completed never falls, the reset included (sample " + i + ")")
                        .isGreaterThanOrEqualTo(t.completed().get(i - 1));
            }
            assertThat(t.completed().getLast()).as("3 before the reset + 2 after").isEqualTo(5);
            assertThat(t.phase(Timeline.MEASURED).getFirst()).as("a phase read now lies after the first sample")
                    .isGreaterThanOrEqualTo(0);
            assertThat(t.phases()).as("a phase on no clock of this machine's is left out").doesNotContainKey("elsewhere");
            MockStats after = server.stats();
            assertThat(after.totalRequests()).as("the server's accounting after its reset: the two requests only")
                    .isEqualTo(2);
            assertThat(after.answered()).as("two flags answered, no stats poll among them").isEqualTo(2);
            assertThat(after.requests().keySet()).as("no other kind of request was counted").containsExactly("flag");
        }
    }

    @Test
    void during_stopsSampling_whenTheTrialEnds() throws Exception {
        try (ServerHandle server = ServerHandle.inProcess(FaultProfile.NONE, 1)) {
            ServerTimeline timeline = new ServerTimeline(server, Duration.ofMillis(5));
            String out = timeline.during(() -> "done");
            Timeline t = timeline.timeline(null);
            int samples = t.samples();
            Thread.sleep(30);
            assertThat(out).as("during returns the trial's value").isEqualTo("done");
            assertThat(t.samples()).as("the first sample is taken at the start").isGreaterThanOrEqualTo(1);
            assertThat(timeline.timeline(null).samples()).as("no sample after the trial ended").isEqualTo(samples);
        }
    }
}
