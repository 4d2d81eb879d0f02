package dev.flagbench.core.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the mock server serves, generated in memory from a seed: the same seed gives the same bytes.
 *
 * <p>A GIF flag and a metadata.json for every ISO 3166 country code the JDK knows (about 250), and an HTML page for
 * each of 300 PEP numbers between 1 and 3200. The codes, PEP numbers and PEP titles do not depend on the seed; the
 * flags' pictures and sizes (2.7 KB to 30 KB) and the pages' words and sizes (10 KB to 150 KB) do.
 * Instances are immutable; {@link #forSeed} keeps the last few in memory, since generation takes about half a second.
 */
public final class MockContent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHED_SEEDS = 3;
    private static final Map<Long, MockContent> CACHE = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MockContent> eldest) {
            return size() > CACHED_SEEDS;
        }
    };

    private final long seed;
    private final List<String> countryCodes;
    private final Map<String, byte[]> flags;
    private final Map<String, byte[]> metadata;
    private final List<Integer> pepNumbers;
    private final Map<Integer, byte[]> pages;

    private MockContent(long seed) {
        this.seed = seed;
        this.countryCodes = Arrays.stream(Locale.getISOCountries()).sorted().toList();
        FlagPainter painter = new FlagPainter();
        this.flags = countryCodes.parallelStream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                cc -> painter.paint(flagRandom(seed, cc))));
        this.metadata = countryCodes.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), this::buildMetadata));
        this.pepNumbers = PepPages.numbers();
        this.pages = pepNumbers.parallelStream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                n -> PepPages.page(n, pageRandom(seed, n))));
    }

    /** The content for {@code seed}, generated on first use (in parallel, in memory, nothing on disk). */
    public static MockContent forSeed(long seed) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(seed, MockContent::new);
        }
    }

    /** Fresh content for {@code seed}, bypassing the cache; for tests of determinism. */
    static MockContent generate(long seed) {
        return new MockContent(seed);
    }

    /** The seed this content was generated from. */
    public long seed() {
        return seed;
    }

    /** Every country code served, upper case, sorted. */
    public List<String> countryCodes() {
        return countryCodes;
    }

    /** The GIF of {@code cc} (upper or lower case), or {@code null} if the code is unknown. */
    public byte[] flagGif(String cc) {
        return copy(flags.get(key(cc)));
    }

    /** The metadata.json of {@code cc}, or {@code null} if unknown: {@code {"tld_cc": ".br", "iso_cc": "BR", ...}}. */
    public byte[] metadataJson(String cc) {
        return copy(metadata.get(key(cc)));
    }

    /** The English name of {@code cc} ({@code "Brazil"}), or {@code null} if unknown. */
    public String countryName(String cc) {
        String k = key(cc);
        return flags.containsKey(k) ? Locale.of("", k).getDisplayCountry(Locale.ENGLISH) : null;
    }

    /** Every PEP number served, sorted, with gaps. */
    public List<Integer> pepNumbers() {
        return pepNumbers;
    }

    /** The HTML page of PEP {@code number}, or {@code null} if unknown. */
    public byte[] pepPage(int number) {
        return copy(pages.get(number));
    }

    /** The title of PEP {@code number} as its page's {@code <title>} has it, or {@code null} if unknown. */
    public String pepTitle(int number) {
        return pages.containsKey(number) ? PepPages.title(number) : null;
    }

    /** The internal arrays, for the server, which never changes them. */
    byte[] flagBytes(String upperCc) {
        return flags.get(upperCc);
    }

    byte[] metadataBytes(String upperCc) {
        return metadata.get(upperCc);
    }

    byte[] pageBytes(int number) {
        return pages.get(number);
    }

    private byte[] buildMetadata(String cc) {
        Map<String, Object> m = new LinkedHashMap<>();
        Locale country = Locale.of("", cc);
        m.put("tld_cc", "GB".equals(cc) ? ".uk" : "." + cc.toLowerCase(Locale.ROOT));
        m.put("iso_cc", cc);
        m.put("iso3_cc", iso3(country));
        m.put("country", country.getDisplayCountry(Locale.ENGLISH));
        m.put("flag_file", cc.toLowerCase(Locale.ROOT) + ".gif");
        m.put("flag_bytes", flags.get(cc).length);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metadata of " + cc, e);
        }
    }

    private static String iso3(Locale country) {
        try {
            return country.getISO3Country();
        } catch (MissingResourceException e) {
            return "";
        }
    }

    private static String key(String cc) {
        return cc == null ? "" : cc.toUpperCase(Locale.ROOT);
    }

    private static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }

    /** The random source of one flag: a function of the seed and the code only, so generation order does not matter. */
    static SplittableRandom flagRandom(long seed, String cc) {
        return new SplittableRandom(mix(seed, cc.hashCode()));
    }

    /** The random source of one PEP page. */
    static SplittableRandom pageRandom(long seed, int number) {
        return new SplittableRandom(mix(seed, 1_000_000L + number));
    }

    /** A well-mixed 64-bit seed for one item (SplitMix64's finaliser). */
    static long mix(long seed, long item) {
        long z = seed + 0x9E3779B97F4A7C15L * (item + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
