package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPointAddressesTests {

    @ParameterizedTest
    @ValueSource(strings = {"destek@ornek.com.tr", " Destek@Ornek.COM.TR ", "mailto:DESTEK@ornek.com.tr",
            "Destek Ekibi <Destek@Ornek.com.tr>", "<destek@ornek.com.tr>"})
    void lowerCasesEmailAddressesWithoutNameOrScheme(String address) {
        assertThat(EntryPointAddresses.normalise(address)).isEqualTo("destek@ornek.com.tr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+90 850 222 00 00", "0850 222 00 00", "00908502220000", "+90 (850) 222-00-00", "8502220000"})
    void writesPhoneNumbersInE164(String address) {
        assertThat(EntryPointAddresses.normalise(address)).isEqualTo("+908502220000");
    }

    @Test
    void writesAzerbaijaniPhoneNumbersInE164() {
        assertThat(EntryPointAddresses.normalise("+994 12 498 12 34")).isEqualTo("+994124981234");
    }

    @Test
    void keepsShortCodesAsTheyAre() {
        assertThat(EntryPointAddresses.normalise(" 4646 ")).isEqualTo("4646");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KIS2026", "kis2026", "Kis2026", "KİS2026", "kıs2026", "KIs2026"})
    void upperCasesKeywordsToOneSpellingWhateverTheKeyboard(String keyword) {
        assertThat(EntryPointAddresses.normalise(keyword)).isEqualTo("KIS2026");
    }

    @Test
    void keepsOtherTurkishLettersOfKeywords() {
        assertThat(EntryPointAddresses.normalise("kış-çekiliş")).isEqualTo(EntryPointAddresses.normalise("KIŞ-ÇEKİLİŞ"))
                .isEqualTo("KIŞ-ÇEKILIŞ");
    }

    @Test
    void leavesNullAlone() {
        assertThat(EntryPointAddresses.normalise(null)).isNull();
    }
}
