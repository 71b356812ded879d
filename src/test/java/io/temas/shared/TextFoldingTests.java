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
    void foldsNullToEmpty() {
        assertThat(TextFolding.fold(null)).isEmpty();
    }
}
