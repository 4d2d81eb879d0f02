package dev.flagbench.core;

import java.util.List;
import java.util.Objects;

/**
 * What a model is, declared as data that the harness and the report read (Renaissance's annotations, JMH's
 * settings): how its work maps onto threads, which column of the tutorial's Table 1 it answers, the JVM options it
 * needs, and the two qualitative rows in words. Nothing reads the words to decide anything.
 *
 * @param threads how in-flight requests map onto threads
 * @param column the Table 1 column the model answers; its order is the table's
 * @param primitives the synchronisation and scheduling primitives the model is written with (Table 1's first row)
 * @param processing how work maps onto OS threads, in words (Table 1's second row)
 * @param jvmOptions options every JVM that runs the model needs (a preview API, an add-opens), usually none
 */
public record Traits(Threads threads, Column column, String primitives, String processing, List<String> jvmOptions) {

    /** How a model's in-flight requests map onto threads: what decides the machine limits it runs into. */
    public enum Threads {
        /** One request at a time, on the calling thread. */
        CALLER,
        /** One platform (OS) thread per in-flight request, started per item. */
        PLATFORM_PER_REQUEST,
        /** A fixed pool of platform threads, one per in-flight request. */
        FIXED_POOL,
        /** A few event-loop threads, none per request. */
        EVENT_LOOP,
        /** One virtual thread per item, on a few carrier threads. */
        VIRTUAL;

        /** Whether each request in flight holds an OS thread, so that pid_max and the memory map bound the level. */
        public boolean platformThreadPerRequest() {
            return this == PLATFORM_PER_REQUEST || this == FIXED_POOL;
        }
    }

    /** The columns of the tutorial's Table 1, in the table's order, and the JVM's extra column. */
    public enum Column {
        /** One request after another: runs at C = 1 only. */
        BASELINE("the baseline"),
        /** Python's threading. */
        THREADING("Python threading"),
        /** Python's concurrent.futures ThreadPoolExecutor. */
        FUTURES("concurrent.futures"),
        /** Python's asyncio event loop. */
        ASYNCIO("asyncio"),
        /** No Python column: the JVM's answer. */
        VIRTUAL_THREADS("(none: the JVM's answer)");

        private final String label;

        Column(String label) {
            this.label = label;
        }

        /** The column's heading, as the README and the report print it. */
        public String label() {
            return label;
        }
    }

    /** Validates every field and copies the options. */
    public Traits {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(column, "column");
        Checks.notBlank("primitives", primitives);
        Checks.notBlank("processing", processing);
        jvmOptions = List.copyOf(Objects.requireNonNullElse(jvmOptions, List.of()));
    }

    /** Traits of a model that needs no JVM options. */
    public static Traits of(Threads threads, Column column, String primitives, String processing) {
        return new Traits(threads, column, primitives, processing, List.of());
    }

    /** These traits with {@code options} added to every JVM that runs the model. */
    public Traits withJvmOptions(String... options) {
        return new Traits(threads, column, primitives, processing, List.of(options));
    }

    /** Whether the model is the baseline, which runs one request at a time and so only at C = 1. */
    public boolean baseline() {
        return column == Column.BASELINE;
    }
}
