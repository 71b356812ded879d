package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldingTests {

    @Test
    void foldsTurkishLettersToPlainLowerCaseAscii() {
        assertThat(TextFolding.fold("çğıöşü ÇĞÖŞÜ")).isEqualTo("cgiosu cgosu");
    }

    @Test
    void foldsDottedCapitalIToPlainI() {
        assertThat(TextFolding.fold("İSTANBUL")).isEqualTo("istanbul");
        assertThat(TextFolding.fold("I\u0307stanbul")).isEqualTo("istanbul");
    }

    @Test
    void foldsDotlessSmallIToPlainI() {
        assertThat(TextFolding.fold("ılık")).isEqualTo("ilik");
    }

    @Test
    void foldsDotlessCapitalIToPlainI() {
        assertThat(TextFolding.fold("FATURAMI")).isEqualTo("faturami");
    }

    @Test
    void foldsPlainSmallIAndCombiningDotToPlainI() {
        assertThat(TextFolding.fold("i\u0307ade")).isEqualTo("iade");
    }

    @Test
    void foldsAzerbaijaniSchwaToE() {
        assertThat(TextFolding.fold("Təşəkkür ƏLAQƏ")).isEqualTo("tesekkur elaqe");
    }

    @Test
    void makesTextTypedWithAndWithoutTurkishLettersEqual() {
        assertThat(TextFolding.fold("MÜŞTERİ HİZMETLERİ")).isEqualTo(TextFolding.fold("musteri hizmetleri"));
        assertThat(TextFolding.fold("Faturamı")).isEqualTo(TextFolding.fold("FATURAMI"));
    }

    @Test
    void keepsDigitsPunctuationAndSpacing() {
        assertThat(TextFolding.fold("Sipariş #42, lütfen!")).isEqualTo("siparis #42, lutfen!");
    }

    @Test
    void foldsAsTurkishLowerCasingWouldWhateverTheMixOfCapitalIsDotsAndOtherLetters() {
        String letters = "IİıiI\u0307i\u0307ÇĞÖŞÜçğöşüƏəΣσς aZ09.";
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                text.append(letters.charAt(random.nextInt(letters.length())));
            }
            assertThat(TextFolding.fold(text.toString())).as(text.toString()).isEqualTo(foldedByTurkishRules(text.toString()));
        }
    }

    /** Folding as it was done by Turkish lower-casing rules, which the root locale's now replace. */
    private static String foldedByTurkishRules(String text) {
        String lower = text.toLowerCase(java.util.Locale.forLanguageTag("tr"));
        StringBuilder out = new StringBuilder();
        for (char c : lower.toCharArray()) {
            if (c != '\u0307') {
                out.append(switch (c) {
                    case 'ç' -> 'c';
                    case 'ğ' -> 'g';
                    case 'ı', 'î', 'ï', 'í' -> 'i';
                    case 'ö', 'ô', 'ó' -> 'o';
                    case 'ş' -> 's';
                    case 'ü', 'û', 'ú' -> 'u';
                    case 'ə', 'é', 'è', 'ê' -> 'e';
                    case 'â', 'á', 'à', 'ä' -> 'a';
                    default -> c;
                });
            }
        }
        return out.toString();
    }

    @Test
    void foldsNullToEmpty() {
        assertThat(TextFolding.fold(null)).isEmpty();
    }
}
