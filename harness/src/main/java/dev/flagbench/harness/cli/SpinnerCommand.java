package dev.flagbench.harness.cli;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.Spinner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The asyncio tutorial's first example for one model: a spinner while a slow call runs, then its answer. */
@Command(name = "spinner", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show a spinner while a slow call runs, then its answer, as the asyncio tutorial's first example.",
                "On a terminal the spinner redraws one line; otherwise a frame line is printed every 500 ms."})
public final class SpinnerCommand implements Callable<Integer> {
    /** How often a frame is printed when the output is not a terminal. */
    static final Duration PLAIN_EVERY = Duration.ofMillis(500);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, converter = Converters.ModelConverter.class,
            description = "The model the spinner is written in.")
    ConcurrencyModel model;

    @Option(names = "--delay", converter = Converters.DurationConverter.class, defaultValue = "3s",
            description = "How long the slow call takes (default=${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    public Integer call() {
        if (delay.isZero() || delay.isNegative()) {
            List<String> given = spec.findOption("--delay").originalStringValues();
            throw bad("--delay", given.getLast(), "must be positive");
        }
        Spinner spinner = Spinner.forModel(model.name()).orElseThrow(() -> bad("--model", model.name(),
                "has no spinner; spinners: " + Spinner.all().stream().map(Spinner::model).sorted()
                        .collect(Collectors.joining(", "))));
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null && System.console().isTerminal();
        try {
            int answer = spinner.spin(delay, terminal ? oneLine(out) : plainLines(out));
            out.println("Answer: " + answer);
            out.flush();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** spinner_thread.py's output: each frame overwrites the line ({@code \r}), the clear blanks it. */
    private static Consumer<String> oneLine(PrintWriter out) {
        String blanks = " ".repeat(Spinner.frame(0).length());
        return frame -> {
            out.print(frame.equals(Spinner.CLEAR) ? "\r" + blanks + "\r" : "\r" + frame);
            out.flush();
        };
    }

    /** For a log or a pipe: the first frame, then one line per {@link #PLAIN_EVERY}; the clear prints nothing. */
    private static Consumer<String> plainLines(PrintWriter out) {
        AtomicLong next = new AtomicLong(System.nanoTime());
        return frame -> {
            long now = System.nanoTime();
            if (!frame.equals(Spinner.CLEAR) && now - next.get() >= 0) {
                out.println(frame);
                out.flush();
                next.set(now + PLAIN_EVERY.toNanos());
            }
        };
    }

    private CommandLine.ParameterException bad(String option, String value, String why) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + value + "' " + why);
    }
}
