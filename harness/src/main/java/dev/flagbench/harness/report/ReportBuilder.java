package dev.flagbench.harness.report;

import dev.flagbench.core.Traits;
import dev.flagbench.harness.data.RunRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a run into the report's blocks, section by section in reading order. A new section is one
 * {@link ReportSection} subclass and one line in {@link #sections}.
 */
final class ReportBuilder {
    private final RunRecord run;
    private final ReportSection.Context ctx;

    /**
     * A builder for one run.
     *
     * @param run the run
     * @param charts where the charts are written
     * @param traits the Table 1 traits of a model by name, empty when the model is not on the class path
     */
    ReportBuilder(RunRecord run, Charts charts, Function<String, Optional<Traits>> traits) {
        this.run = run;
        this.ctx = ReportSection.Context.of(run, charts, traits);
    }

    /** The report's sections in reading order. */
    private List<ReportSection> sections() {
        return List.of(
                new SummarySection(ctx),
                new MethodSection(ctx),
                new Table1Section(ctx),
                new ClaimSection(ctx),
                new RuntimesSection(ctx),
                new ChartsSection(ctx),
                new OverTimeSection(ctx),
                new ResultsSection(ctx),
                new EchoSection(ctx),
                new ScenarioSection(ctx),
                new TimeSection(ctx),
                new EnvironmentSection(ctx));
    }

    /** Builds the whole report. */
    Doc build() throws IOException {
        Doc doc = new Doc();
        doc.heading(1, "flagbench run " + run.runId());
        for (ReportSection section : sections()) {
            section.render(doc);
        }
        return doc;
    }
}
