package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseWordsTests {

    @Test
    void readsAnswersWithOrWithoutTurkishLetters() {
        assertThat(ResponseWords.words("KIS2026 EVET!")).containsExactly("kis2026", "evet");
        assertThat(ResponseWords.kindOf("evet")).isEqualTo(ResponseKind.ACCEPTED);
        assertThat(ResponseWords.kindOf(ResponseWords.words("HAYIR").getFirst())).isEqualTo(ResponseKind.DECLINED);
        assertThat(ResponseWords.kindOf(ResponseWords.words("Hayır").getFirst())).isEqualTo(ResponseKind.DECLINED);
        assertThat(ResponseWords.kindOf(ResponseWords.words("Bəli").getFirst())).isEqualTo(ResponseKind.ACCEPTED);
        assertThat(ResponseWords.kindOf("merhaba")).isNull();
    }

    @Test
    void retIptalAndStopOptOut() {
        for (String text : new String[]{"RET", "ret", "İPTAL", "IPTAL", "iptal", "STOP", "Stop."}) {
            assertThat(ResponseWords.optOut(ResponseWords.words(text).getFirst())).as(text).isTrue();
        }
        assertThat(ResponseWords.optOut("retro")).isFalse();
    }
}
