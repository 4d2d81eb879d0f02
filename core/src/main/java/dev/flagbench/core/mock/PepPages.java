package dev.flagbench.core.mock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Made-up PEP pages: a fixed set of PEP numbers with gaps, real titles for well-known PEPs and generated ones for the
 * rest, and HTML bodies of 10 KB to 150 KB whose words depend on the seed.
 */
final class PepPages {
    /** How many PEPs the server knows. */
    static final int COUNT = 300;
    /** The highest PEP number served. */
    static final int MAX_NUMBER = 3200;
    static final int MIN_SIZE = 10_000;
    static final int MAX_SIZE = 150_000;

    /** The numbers and titles do not depend on the seed, so a workload's items are the same for every seed. */
    private static final long NUMBERS_SEED = 0x5045505FL;

    private static final Map<Integer, String> KNOWN = Map.ofEntries(
            Map.entry(1, "PEP Purpose and Guidelines"),
            Map.entry(8, "Style Guide for Python Code"),
            Map.entry(20, "The Zen of Python"),
            Map.entry(249, "Python Database API Specification v2.0"),
            Map.entry(257, "Docstring Conventions"),
            Map.entry(333, "Python Web Server Gateway Interface v1.0"),
            Map.entry(342, "Coroutines via Enhanced Generators"),
            Map.entry(380, "Syntax for Delegating to a Subgenerator"),
            Map.entry(435, "Adding an Enum type to the Python standard library"),
            Map.entry(484, "Type Hints"),
            Map.entry(492, "Coroutines with async and await syntax"),
            Map.entry(498, "Literal String Interpolation"),
            Map.entry(525, "Asynchronous Generators"),
            Map.entry(530, "Asynchronous Comprehensions"),
            Map.entry(557, "Data Classes"),
            Map.entry(567, "Context Variables"),
            Map.entry(572, "Assignment Expressions"),
            Map.entry(634, "Structural Pattern Matching: Specification"),
            Map.entry(703, "Making the Global Interpreter Lock Optional in CPython"),
            Map.entry(3000, "Python 3000"),
            Map.entry(3148, "futures - execute computations asynchronously"),
            Map.entry(3156, "Asynchronous IO Support Rebooted: the \"asyncio\" Module"));

    private static final String[] TITLE_WORDS = {
        "Asynchronous", "Buffer", "Protocol", "Generators", "Iteration", "Syntax", "Annotations", "Module", "Imports",
        "Context", "Managers", "Decorators", "Unicode", "Strings", "Integer", "Division", "Exceptions", "Groups",
        "Pattern", "Matching", "Typing", "Variance", "Keyword", "Arguments", "Parameters", "Packaging", "Metadata",
        "Interpreter", "Isolation", "Garbage", "Collection", "Standard", "Library", "Deprecation", "Removal",
        "Frozen", "Dictionaries", "Sets", "Comprehensions", "Lambda", "Scoping", "Closures", "Descriptors",
        "Slots", "Threads", "Locks", "Executors", "Futures", "Coroutines", "Event", "Loops", "Queues", "Sockets",
        "Paths", "Encodings", "Formatting", "Literals", "Operators", "Overloading", "Extensions",
    };

    private static final String[] BODY_WORDS = {
        "the", "a", "of", "to", "and", "in", "is", "that", "for", "this", "PEP", "proposes", "Python", "interpreter",
        "module", "function", "object", "class", "method", "attribute", "value", "type", "syntax", "semantics",
        "coroutine", "generator", "iterator", "await", "async", "yield", "thread", "lock", "event", "loop", "task",
        "future", "callback", "exception", "raise", "return", "import", "package", "namespace", "scope", "variable",
        "argument", "keyword", "default", "backwards", "compatibility", "specification", "rationale", "reference",
        "implementation", "should", "must", "may", "not", "be", "with", "when", "which", "are", "an", "it", "as",
        "by", "on", "can", "from", "or", "will", "new", "existing", "code", "users", "library", "standard",
        "CPython", "behaviour", "performance", "memory", "dictionary", "list", "tuple", "string", "bytes",
    };

    private PepPages() {
    }

    /** The fixed, sorted PEP numbers: the well-known ones and others spread over 1..3200 with gaps. */
    static List<Integer> numbers() {
        TreeSet<Integer> numbers = new TreeSet<>(KNOWN.keySet());
        SplittableRandom r = new SplittableRandom(NUMBERS_SEED);
        while (numbers.size() < COUNT) {
            numbers.add(1 + r.nextInt(MAX_NUMBER));
        }
        return List.copyOf(numbers);
    }

    /** {@code PEP 8 – Style Guide for Python Code}: the real title if well known, a generated one otherwise. */
    static String title(int number) {
        String known = KNOWN.get(number);
        if (known != null) {
            return "PEP " + number + " \u2013 " + known;
        }
        SplittableRandom r = new SplittableRandom(NUMBERS_SEED ^ (number * 0x9E3779B97F4A7C15L));
        int words = 3 + r.nextInt(4);
        List<String> picked = new ArrayList<>(words);
        for (int i = 0; i < words; i++) {
            picked.add(TITLE_WORDS[r.nextInt(TITLE_WORDS.length)]);
        }
        return "PEP " + number + " \u2013 " + String.join(" ", picked);
    }

    /** The HTML page of PEP {@code number}, UTF-8, of a size drawn from {@code random} between 10 KB and 150 KB. */
    static byte[] page(int number, SplittableRandom random) {
        double logMin = Math.log(MIN_SIZE);
        int target = (int) Math.exp(logMin + random.nextDouble() * (Math.log(MAX_SIZE) - logMin));
        String title = title(number);
        StringBuilder sb = new StringBuilder(target + 256);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(title)
                .append("</title>\n</head>\n<body>\n<article>\n<h1>").append(title).append("</h1>\n")
                .append(String.format(Locale.ROOT, "<dl>\n<dt>PEP</dt><dd>%04d</dd>\n<dt>Status</dt><dd>%s</dd>\n"
                        + "<dt>Created</dt><dd>%02d-%s-%d</dd>\n</dl>\n", number,
                        random.nextBoolean() ? "Final" : "Draft", 1 + random.nextInt(28),
                        new String[] {"Jan", "Apr", "Jul", "Oct"}[random.nextInt(4)], 2000 + number % 25));
        String tail = "</article>\n</body>\n</html>\n";
        int limit = target - tail.length() - ".</p>\n".length();
        int section = 0;
        while (sb.length() + "<h2></h2>\n<p>".length() + 32 < limit) {
            if (section++ % 5 == 0) {
                sb.append("<h2>").append(TITLE_WORDS[random.nextInt(TITLE_WORDS.length)]).append("</h2>\n");
            }
            sb.append("<p>");
            int words = 40 + random.nextInt(80);
            for (int i = 0; i < words; i++) {
                String w = BODY_WORDS[random.nextInt(BODY_WORDS.length)];
                if (sb.length() + w.length() + 1 > limit) {
                    break;
                }
                if (i == 0) {
                    sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
                } else {
                    sb.append(' ').append(w);
                }
            }
            sb.append(".</p>\n");
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }
}
