package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Status;
import dev.flagbench.core.Workload;
import dev.flagbench.core.scenario.ScenarioVariant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

/**
 * The blocked-loop scenario's two variants: BlockHound (installed for this module's tests) catches the mistake's
 * blocking call on the event loop and names it; the fix holds C requests in flight, as the server sees them.
 */
class BlockingCallVariantsTest {

    @Test
    void blockingCallOnTheLoop_isCaughtByBlockHound_namingTheClassicClientsCall() {
        BlockHoundSession.clear();
        try (StubServer server = StubServer.start();
             Session session = new BlockingCallOnLoop().open(SessionConfig.of(job(server, 3)))) {
            assertThatThrownBy(() -> session.download(job(server, 3)))
                    .as("BlockHound's error on the loop failed the pipeline itself")
                    .hasRootCauseInstanceOf(BlockingOperationError.class);
            assertThat(server.totalRequests()).as("no request reached the server").isZero();
        }
        List<String> caught = BlockHoundSession.violations();
        BlockHoundSession.clear();
        assertThat(caught).as("BlockHound caught a blocking call on the variant's event-loop thread").isNotEmpty()
                .first().asString().contains("on thread " + BlockingCallPipeline.LOOP_NAME)
                .contains("dev.flagbench.core.blocking.BlockingClient.get");
    }

    @Test
    void offloadedBlockingCall_downloadsEveryItem_andIsNotCaught() throws InterruptedException {
        BlockHoundSession.clear();
        try (StubServer server = StubServer.start();
             Session session = new BlockingCallOffloaded().open(SessionConfig.of(job(server, 4)))) {
            DownloadResult result = session.download(job(server, 4));

            assertThat(result.count(Status.OK)).as("every item downloaded").isEqualTo(4);
            assertThat(server.count("flag", 200)).as("the server served each once").isEqualTo(4);
        }
        assertThat(BlockHoundSession.violations()).as("boundedElastic may block: nothing caught").isEmpty();
    }

    @Test
    void variants_areRegisteredAsScenarioVariants_notAsModels() {
        assertThat(ScenarioVariant.all()).extracting(ScenarioVariant::name).as("both variants are found")
                .contains(BlockingCallOnLoop.NAME, BlockingCallOffloaded.NAME);
        assertThat(ScenarioVariant.all()).filteredOn(v -> v.scenario().equals("blocked-loop"))
                .extracting(ScenarioVariant::role).as("one mistake, one fix")
                .containsExactlyInAnyOrder(ScenarioVariant.Role.MISTAKE, ScenarioVariant.Role.FIX);
        assertThat(ConcurrencyModels.all()).extracting(m -> m.name()).as("neither is a model of Table 1")
                .doesNotContain(BlockingCallOnLoop.NAME, BlockingCallOffloaded.NAME).contains("reactive");
    }

    private static DownloadJob job(StubServer server, int c) {
        return DownloadJob.of(server.baseUrl(), Workload.FLAGS, List.of("br", "cn", "in", "us")).withMaxConcurrency(c);
    }
}
