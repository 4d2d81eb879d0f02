package dev.flagbench.harness.cli;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.harness.external.ModelCatalog;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Lists the models found on the class path and declared by descriptors, with their summaries and Table 1 traits. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the concurrency models found on the class path (ServiceLoader) and the external ones"
                + " declared by descriptors.")
public final class ModelsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Also print each model's primitives and processing.")
    boolean verbose;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<ConcurrencyModel> models = ModelCatalog.all();
        int width = models.stream().mapToInt(m -> m.name().length()).max().orElse(4);
        for (ConcurrencyModel m : models) {
            out.printf("%-" + width + "s  %s%n", m.name(), m.summary());
            String unavailable = ModelCatalog.unavailableReason(m);
            if (unavailable != null) {
                out.printf("%-" + width + "s    unavailable here, its trials are skipped: %s%n", "", unavailable);
            }
            if (verbose) {
                out.printf("%-" + width + "s    primitives: %s%n", "", m.traits().primitives());
                out.printf("%-" + width + "s    processing: %s%n", "", m.traits().processing());
                out.printf("%-" + width + "s    threads: %s, Table 1 column: %s%s%n", "", m.traits().threads(),
                        m.traits().column().label(), m.traits().jvmOptions().isEmpty() ? ""
                                : ", JVM options: " + String.join(" ", m.traits().jvmOptions()));
            }
        }
        out.flush();
    }
}
