package io.temas.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurkicAnalyzerTests {

    private final TurkicAnalyzer analyzer = new TurkicAnalyzer();

    private List<String> stems(String text) {
        return ArticleSearch.analyse(analyzer, KnowledgeIndex.BODY, text);
    }

    private String stem(String word) {
        List<String> stems = stems(word);
        assertThat(stems).as(word).hasSize(1);
        return stems.getFirst();
    }

    @Test
    void inflectedTurkishNounsShareTheirStem() {
        String fatura = stem("fatura");
        assertThat(List.of("faturam", "faturamı", "faturanızın", "faturalarım", "faturası", "faturasını", "faturada", "faturadan",
                "faturaya", "faturalar", "FATURAMI", "faturami", "faturanizin"))
                .allSatisfy(form -> assertThat(stem(form)).as(form).isEqualTo(fatura));
        assertThat(List.of("siparişim", "siparişimi", "siparişiniz", "siparişler", "siparişlerim", "siparisim", "SİPARİŞİM"))
                .allSatisfy(form -> assertThat(stem(form)).as(form).isEqualTo(stem("sipariş")));
        assertThat(List.of("kartım", "kartımı", "kartla", "kartına", "kartınızın", "kartlar"))
                .allSatisfy(form -> assertThat(stem(form)).as(form).isEqualTo(stem("kart")));
        assertThat(stem("iadesi")).isEqualTo(stem("iade"));
        assertThat(stem("şifremi")).isEqualTo(stem("şifre"));
    }

    @Test
    void verbFormsShareTheirStem() {
        String pay = stem("ödemek");
        assertThat(List.of("ödeyebilirim", "odeyebilirim", "ödeme", "ödemeyi", "ödedim", "ODEME"))
                .allSatisfy(form -> assertThat(stem(form)).as(form).isEqualTo(pay));
        // the aorist's -r stays (stripping -rim broke nouns such as "gönderim"); fuzzy matching bridges öder~öde
        assertThat(stem("öderim")).isEqualTo(pay + "r");
        assertThat(stem("gönderim")).isEqualTo(stem("gönderi"));
        assertThat(stem("Azerbaycana")).isEqualTo(stem("Azerbaycan"));
        assertThat(stem("gecikti")).isEqualTo(stem("gecikme"));
        assertThat(stem("gelmedi")).isEqualTo(stem("gelmiyor"));
    }

    @Test
    void foldsTurkishLettersAndBothIs() {
        assertThat(stems("müşteri")).isEqualTo(stems("musteri"));
        assertThat(stems("MÜŞTERİ")).isEqualTo(stems("musteri"));
        assertThat(stems("İADE")).isEqualTo(stems("iade"));
        // ASCII capital I typed on a non-Turkish keyboard means i as much as ı
        assertThat(stems("IADE")).isEqualTo(stems("iade"));
        assertThat(stems("ŞİFRE")).isEqualTo(stems("şifre"));
        assertThat(stems("sıfre")).isEqualTo(stems("sifre"));
        assertThat(stems("çatdırılma")).isEqualTo(stems("catdirilma"));
        assertThat(stems("ödəniş")).isEqualTo(stems("odenis"));
    }

    @Test
    void azerbaijaniInflectionsShareTheirStem() {
        assertThat(stem("sifarişim")).isEqualTo(stem("sifariş"));
        assertThat(stem("sifarişimin")).isEqualTo(stem("sifariş"));
        assertThat(stem("kartımı")).isEqualTo(stem("kart"));
        assertThat(stem("hesablar")).isEqualTo(stem("hesab"));
        assertThat(stem("hesab")).isEqualTo(stem("hesap"));
        assertThat(stem("hesabım")).isEqualTo(stem("hesap"));
        assertThat(stem("çatdırılması")).isEqualTo(stem("çatdırılma"));
        assertThat(stem("qaytarmaq")).isEqualTo(stem("qaytarma"));
    }

    @Test
    void dropsQuestionAndFillerWords() {
        assertThat(stems("faturamı nasıl ödeyebilirim?")).hasSize(2);
        assertThat(stems("faturami nasil odeyebilirim")).isEqualTo(stems("Faturamı nasıl ödeyebilirim?"));
        assertThat(stems("kartımı necə bağlaya bilərəm")).doesNotContain("nece");
        assertThat(stems("how do I pay my invoice")).hasSize(2);
    }

    @Test
    void cutsProperNounsAtTheApostrophe() {
        assertThat(stems("Örnek'in")).containsExactly(stem("örnek"));
        assertThat(stems("İstanbul’a")).containsExactly(stem("istanbul"));
    }

    @Test
    void neverStemsBelowThreeLetters() {
        assertThat(stem("ode")).isEqualTo("ode");
        assertThat(stem("kargo")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(stem("iade")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void prefixFieldKeepsTheFirstFiveFoldedLetters() {
        assertThat(ArticleSearch.analyse(analyzer, KnowledgeIndex.PREFIXES, "Teslimatı teslim")).containsExactly("tesli", "tesli");
    }

    @Test
    void normalisedQueriesGroupSpellingsTogether() {
        assertThat(ArticleSearch.normalise("Kripto para ile ÖDEME?")).isEqualTo(ArticleSearch.normalise("kripto para ile odeme"));
        assertThat(ArticleSearch.normalise("Kripto para ile ÖDEME?")).isEqualTo("kripto para odeme");
    }
}
