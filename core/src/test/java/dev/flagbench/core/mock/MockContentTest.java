package dev.flagbench.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Response;
import dev.flagbench.core.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MockContentTest {
    private static final List<String> POP20 = List.of(
            "CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR".split(" "));
    private static final MockContent CONTENT = MockContent.forSeed(MockServerConfig.DEFAULT_SEED);

    @Test
    void everyFlag_decodesWithImageIo_andSizesSpreadLikeRealFlags() throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (String cc : CONTENT.countryCodes()) {
            byte[] gif = CONTENT.flagGif(cc);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(gif));
            assertThat(image).as("flag of %s decodes as an image", cc).isNotNull();
            assertThat(image.getWidth()).as("flag of %s is %d pixels wide", cc, FlagPainter.WIDTH).isEqualTo(FlagPainter.WIDTH);
            sizes.add(gif.length);
        }
        int n = sizes.size();
        sizes.sort(null);
        assertThat(n).as("a flag for every ISO country code the JDK knows").isGreaterThanOrEqualTo(240);
        assertThat(sizes.getFirst()).as("smallest flag, bytes").isGreaterThanOrEqualTo(2_000);
        assertThat(sizes.getLast()).as("largest flag, bytes").isLessThanOrEqualTo(35_000);
        assertThat(sizes.stream().filter(s -> s < 5_000).count()).as("small flags (< 5 KB)").isGreaterThan(n / 10);
        assertThat(sizes.stream().filter(s -> s > 15_000).count()).as("large flags (> 15 KB)").isGreaterThan(n / 10);
    }

    @Test
    void countryCodes_areUpperCaseAndSorted_andIncludeFluentPythonsTwentyMostPopulous() {
        List<String> codes = CONTENT.countryCodes();
        assertThat(codes).as("codes sorted").isSorted();
        assertThat(codes).as("two upper-case letters each").allMatch(cc -> cc.matches("[A-Z]{2}"));
        assertThat(codes).as("POP20_CC of flags.py are served").containsAll(POP20);
        assertThat(CONTENT.flagGif("br")).as("lower-case lookups work").isEqualTo(CONTENT.flagGif("BR"));
    }

    @Test
    void metadata_parsesAsJson_andNamesTheCountry() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String cc : CONTENT.countryCodes()) {
            JsonNode node = json.readTree(CONTENT.metadataJson(cc));
            assertThat(node.get("iso_cc").asText()).as("iso_cc of %s", cc).isEqualTo(cc);
            assertThat(node.get("country").asText()).as("country of %s", cc).isEqualTo(CONTENT.countryName(cc)).isNotBlank();
            assertThat(node.get("tld_cc").asText()).as("tld_cc of %s", cc).startsWith(".").hasSize(3);
            assertThat(node.get("flag_bytes").asInt()).as("flag_bytes of %s", cc).isEqualTo(CONTENT.flagGif(cc).length);
        }
        JsonNode br = json.readTree(CONTENT.metadataJson("BR"));
        assertThat(br.get("country").asText()).as("BR is Brazil").isEqualTo("Brazil");
        assertThat(br.get("tld_cc").asText()).as("BR's domain").isEqualTo(".br");
        assertThat(br.get("iso3_cc").asText()).as("BR's three-letter code").isEqualTo("BRA");
        assertThat(json.readTree(CONTENT.metadataJson("GB")).get("tld_cc").asText()).as("GB's domain is .uk").isEqualTo(".uk");
        assertThat(Downloads.countryFileName(new Response(200, "OK", CONTENT.metadataJson("US"))))
                .as("the shared workload code reads the metadata").isEqualTo("United_States.gif");
    }

    @Test
    void pepPages_carryTheirTitle_andWeighTenTo150Kilobytes() {
        List<Integer> numbers = CONTENT.pepNumbers();
        assertThat(numbers).as("300 PEPs, sorted, without duplicates").hasSize(300).isSorted().doesNotHaveDuplicates();
        assertThat(numbers.getFirst()).as("lowest PEP").isGreaterThanOrEqualTo(1);
        assertThat(numbers.getLast()).as("highest PEP").isLessThanOrEqualTo(3200);
        assertThat(numbers).as("well-known PEPs are served").contains(8, 20, 484, 3156).doesNotContain(0, 3201);
        assertThat(CONTENT.pepTitle(8)).as("PEP 8's real title").isEqualTo("PEP 8 \u2013 Style Guide for Python Code");
        int[] sizes = new int[numbers.size()];
        for (int i = 0; i < sizes.length; i++) {
            int n = numbers.get(i);
            byte[] page = CONTENT.pepPage(n);
            sizes[i] = page.length;
            ItemOutcome outcome = Downloads.pep(Integer.toString(n), new Response(200, "OK", page));
            assertThat(outcome.status()).as("PEP %d reads as a page", n).isEqualTo(Status.OK);
            assertThat(outcome.detail()).as("PEP %d's <title>", n).isEqualTo(CONTENT.pepTitle(n)).startsWith("PEP " + n + " \u2013 ");
        }
        Arrays.sort(sizes);
        assertThat(sizes[0]).as("smallest page, bytes").isBetween(9_000, 20_000);
        assertThat(sizes[sizes.length - 1]).as("largest page, bytes").isBetween(100_000, 151_000);
    }

    @Test
    void sameSeed_givesTheSameBytes_andAnotherSeed_otherPictures_butTheSameItems() {
        MockContent fresh = MockContent.generate(MockServerConfig.DEFAULT_SEED);
        for (String cc : fresh.countryCodes()) {
            assertThat(fresh.flagGif(cc)).as("flag %s, same seed", cc).isEqualTo(CONTENT.flagGif(cc));
            assertThat(fresh.metadataJson(cc)).as("metadata %s, same seed", cc).isEqualTo(CONTENT.metadataJson(cc));
        }
        for (int n : fresh.pepNumbers()) {
            assertThat(fresh.pepPage(n)).as("PEP %d, same seed", n).isEqualTo(CONTENT.pepPage(n));
        }
        FlagPainter painter = new FlagPainter();
        for (String cc : POP20) {
            assertThat(painter.paint(MockContent.flagRandom(7, cc))).as("flag %s, seeds 7 and 42", cc)
                    .isNotEqualTo(CONTENT.flagGif(cc));
        }
        assertThat(PepPages.page(8, MockContent.pageRandom(7, 8))).as("PEP 8's page, seeds 7 and 42")
                .isNotEqualTo(CONTENT.pepPage(8));
        assertThat(PepPages.numbers()).as("PEP numbers do not depend on the seed").isEqualTo(CONTENT.pepNumbers());
    }

    @Test
    void unknownCodesAndNumbers_giveNull() {
        assertThat(CONTENT.flagGif("XX")).as("unknown code's flag").isNull();
        assertThat(CONTENT.metadataJson("zz")).as("unknown code's metadata").isNull();
        assertThat(CONTENT.countryName("XX")).as("unknown code's name").isNull();
        assertThat(CONTENT.pepPage(0)).as("PEP 0 is not served").isNull();
        assertThat(CONTENT.pepTitle(9999)).as("PEP 9999 is not served").isNull();
    }

    @Test
    void returnedArrays_areCopies() {
        byte[] gif = CONTENT.flagGif("BR");
        gif[0] = 0;
        assertThat(CONTENT.flagGif("BR")[0]).as("changing a returned array does not change the content").isEqualTo((byte) 'G');
    }
}
