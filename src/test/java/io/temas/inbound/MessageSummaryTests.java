package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The timeline's summary of a message, against what a regular expression over the whole text makes of it. */
class MessageSummaryTests {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String ALPHABET = "ab çğıöşü Əəİ\t\n\r\f\u000B\u00A0\u2003\u3000\uD83D\uDE00.,";

    private static String expected(String text) {
        String collapsed = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return collapsed.length() > 140 ? collapsed.substring(0, 140) + "…" : collapsed;
    }

    @Test
    void collapsesWhitespaceAndCutsAt140LikeTheExpression() {
        assertThat(InboundPipeline.summary("  Merhaba,\r\n\r\n  siparişim\tnerede?  ")).isEqualTo("Merhaba, siparişim nerede?");
        assertThat(InboundPipeline.summary("x".repeat(140))).isEqualTo("x".repeat(140));
        assertThat(InboundPipeline.summary("x".repeat(141))).isEqualTo("x".repeat(140) + "…");
        assertThat(InboundPipeline.summary("x".repeat(138) + "   \n y")).isEqualTo("x".repeat(138) + " y");
        assertThat(InboundPipeline.summary("x".repeat(139) + "   \n y")).isEqualTo("x".repeat(139) + " …");
        assertThat(InboundPipeline.summary(" \t\n")).isEmpty();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(0, i % 10 == 0 ? 2_000 : 200);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertThat(InboundPipeline.summary(text.toString())).as("%s", text).isEqualTo(expected(text.toString()));
        }
    }
}
