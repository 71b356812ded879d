package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.TextFolding;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
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

    @Test
    void splitsWordsExactlyAsTheRegularExpressionOfLettersAndNumbersWould() {
        Pattern separators = Pattern.compile("[^\\p{L}\\p{N}]+");
        String[] pieces = {"a", "Evet", "İPTAL", "ı", "ş", "ə", "2026", "½", "Ⅻ", "٣", "𝒜", "😀", " ", "  ", "!", ",", "-", "_", "\t",
                "\n", "\u0307", "\u00A0", "'", "日本", "x"};
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(10); i >= 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> expected = Arrays.stream(separators.split(TextFolding.fold(text.toString()))).filter(w -> !w.isEmpty()).toList();

            assertThat(ResponseWords.words(text.toString())).as(text.toString()).isEqualTo(expected);
        }
        assertThat(ResponseWords.words(null)).isEmpty();
    }
}
