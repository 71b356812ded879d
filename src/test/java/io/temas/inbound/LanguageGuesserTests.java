package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageGuesserTests {

    @ParameterizedTest
    @ValueSource(strings = {"Mən hesabımı görə bilmirəm", "ƏLAQƏ", "salam"})
    void schwaOrAzerbaijaniWordsSayAzerbaijani(String text) {
        assertThat(LanguageGuesser.guess(text)).contains(Language.AZ);
    }

    @Test
    void azerbaijaniWordsOutweighTurkishLetters() {
        assertThat(LanguageGuesser.guess("Salam, xahiş edirik")).contains(Language.AZ);
        assertThat(LanguageGuesser.guess("Salam, hesabım yox, xahiş edirik")).contains(Language.AZ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Faturamı göremiyorum", "Merhaba, siparişim gelmedi", "merhaba bir sorum var", "LUTFEN YARDIM"})
    void turkishLettersOrWordsSayTurkish(String text) {
        assertThat(LanguageGuesser.guess(text)).contains(Language.TR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello, my invoice is wrong", "Please can you help with my order", "THANK YOU"})
    void englishWordsSayEnglish(String text) {
        assertThat(LanguageGuesser.guess(text)).contains(Language.EN);
    }

    @Test
    void turkishLettersWinOverEnglishWords() {
        assertThat(LanguageGuesser.guess("Hello, faturamı göremiyorum")).contains(Language.TR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12345", "ok", "???"})
    void guessesNothingWithoutEvidence(String text) {
        assertThat(LanguageGuesser.guess(text)).isEmpty();
    }

    @Test
    void guessesNothingForNull() {
        assertThat(LanguageGuesser.guess(null)).isEmpty();
    }
}
