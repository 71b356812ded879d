package io.temas.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.sms.GsmSegments.Encoding;
import org.junit.jupiter.api.Test;

class GsmSegmentsTests {

    @Test
    void plainLatinTextIsGsmWith160And153() {
        assertThat(GsmSegments.count("Merhaba")).isEqualTo(new GsmSegments.Count(Encoding.GSM7, 7, 1, 160));
        assertThat(GsmSegments.count("a".repeat(160)).segments()).isEqualTo(1);
        assertThat(GsmSegments.count("a".repeat(161))).isEqualTo(new GsmSegments.Count(Encoding.GSM7, 161, 2, 153));
        assertThat(GsmSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(GsmSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void turkishLettersInTheDefaultAlphabetNeedNoShift() {
        // Ç, Ö, Ü, ö, ü are in the GSM default alphabet itself (3GPP TS 23.038 6.2.1).
        GsmSegments.Count count = GsmSegments.count("Çok güzel ÖÜ öü");
        assertThat(count.encoding()).isEqualTo(Encoding.GSM7);
        assertThat(count.units()).isEqualTo(15);
    }

    @Test
    void turkishShiftLettersTakeTwoSeptetsAndShrinkSegments() {
        GsmSegments.Count kis = GsmSegments.count("Kış");
        assertThat(kis.encoding()).isEqualTo(Encoding.GSM7_TURKISH_SHIFT);
        assertThat(kis.units()).isEqualTo(5);
        for (String letter : new String[]{"ş", "Ş", "ğ", "Ğ", "ı", "İ", "ç"}) {
            assertThat(GsmSegments.count(letter).units()).as(letter).isEqualTo(2);
            assertThat(GsmSegments.count(letter).encoding()).as(letter).isEqualTo(Encoding.GSM7_TURKISH_SHIFT);
        }
        assertThat(GsmSegments.count("ş" + "a".repeat(153))).isEqualTo(new GsmSegments.Count(Encoding.GSM7_TURKISH_SHIFT, 155, 1, 155));
        assertThat(GsmSegments.count("ş" + "a".repeat(154))).isEqualTo(new GsmSegments.Count(Encoding.GSM7_TURKISH_SHIFT, 156, 2, 149));
        assertThat(GsmSegments.count("ş" + "a".repeat(296)).segments()).isEqualTo(2);
        assertThat(GsmSegments.count("ş" + "a".repeat(297)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTakeTwoSeptetsWithoutAShiftTable() {
        assertThat(GsmSegments.count("€{}")).isEqualTo(new GsmSegments.Count(Encoding.GSM7, 6, 1, 160));
    }

    @Test
    void aTwoSeptetCharacterIsNeverSplitAcrossSegments() {
        // 152 + 2 + 152 = 306 septets would fit two segments of 153 only by splitting the escape.
        assertThat(GsmSegments.count("a".repeat(152) + "{" + "a".repeat(152)).segments()).isEqualTo(3);
    }

    @Test
    void anythingElseIsUcs2With70And67() {
        assertThat(GsmSegments.count("Привет")).isEqualTo(new GsmSegments.Count(Encoding.UCS2, 6, 1, 70));
        assertThat(GsmSegments.count("şâ").encoding()).isEqualTo(Encoding.UCS2);
        assertThat(GsmSegments.count("ə".repeat(70)).segments()).isEqualTo(1);
        assertThat(GsmSegments.count("ə".repeat(71))).isEqualTo(new GsmSegments.Count(Encoding.UCS2, 71, 2, 67));
    }

    @Test
    void surrogatePairsCountTwiceAndStayTogether() {
        assertThat(GsmSegments.count("😀")).isEqualTo(new GsmSegments.Count(Encoding.UCS2, 2, 1, 70));
        // 66 units then a pair: the pair moves whole to the second segment.
        assertThat(GsmSegments.count("ə".repeat(66) + "😀" + "ə".repeat(66)).segments()).isEqualTo(3);
    }
}
