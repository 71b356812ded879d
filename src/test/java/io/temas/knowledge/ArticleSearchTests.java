package io.temas.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.platform.DatabaseSettings;
import io.temas.shared.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Search behaviour on a small in-memory index: morphology, folding, typos, synonyms, filters and ranking. */
class ArticleSearchTests {

    private final KnowledgeIndex index = new KnowledgeIndex(new DatabaseSettings(Path.of("."), true, 0, 1, false));
    private final Synonyms synonyms = new Synonyms(null, null, null);
    private final ArticleSearch search = new ArticleSearch(index, synonyms, null);

    @AfterEach
    void close() throws Exception {
        index.destroy();
    }

    private UUID article(String language, String title, String body, String... tags) {
        return article(language, "public", 0.5, title, body, tags);
    }

    private UUID article(String language, String visibility, double helpfulness, String title, String body, String... tags) {
        UUID id = UUID.randomUUID();
        index.put(List.of(new KnowledgeIndex.Entry(id, "a-" + id, language, List.of(), visibility, title, body, List.of(tags), helpfulness, 1)));
        return id;
    }

    private List<UUID> find(String query, Language language) {
        return search.searchQuietly(new SearchQuery(query, language, null, Audience.CUSTOMER, 10, "test")).stream().map(SearchHit::id).toList();
    }

    private UUID first(String query, Language language) {
        List<UUID> hits = find(query, language);
        assertThat(hits).as(query).isNotEmpty();
        return hits.getFirst();
    }

    @Test
    void turkishSuffixesFindTheBareWordAndTheOtherWayRound() {
        UUID bill = article("tr", "Fatura ödeme", "Faturanızı kartla ödeyebilirsiniz.");
        article("tr", "Kargo takibi", "Kargonuzu takip numarasıyla izleyin.");
        assertThat(first("faturamı", Language.TR)).isEqualTo(bill);
        assertThat(first("faturanızın", Language.TR)).isEqualTo(bill);
        assertThat(first("faturalarım", Language.TR)).isEqualTo(bill);
        assertThat(first("fatura", Language.TR)).isEqualTo(bill);
        assertThat(first("ödemek", Language.TR)).isEqualTo(bill);
    }

    @Test
    void foldsTurkishLettersInBothDirections() {
        UUID customer = article("tr", "Müşteri hizmetleri", "Müşteri temsilcimize ulaşın.");
        UUID ascii = article("tr", "Sifre degistirme", "Sifrenizi hesap ayarlarindan degistirebilirsiniz.");
        assertThat(first("musteri", Language.TR)).isEqualTo(customer);
        assertThat(first("MUSTERI", Language.TR)).isEqualTo(customer);
        assertThat(first("şifremi değiştirmek", Language.TR)).isEqualTo(ascii);
        assertThat(first("ŞİFRE", Language.TR)).isEqualTo(ascii);
    }

    @Test
    void toleratesATypo() {
        UUID order = article("tr", "Siparişim gecikti", "Siparişiniz geciktiyse kargo takip numaranıza bakın.");
        article("tr", "Fatura ödeme", "Faturanızı kartla ödeyebilirsiniz.");
        assertThat(first("sipraişim", Language.TR)).isEqualTo(order);
        assertThat(first("siparisim gecikit", Language.TR)).isEqualTo(order);
    }

    @Test
    void azerbaijaniMorphologyFoldingAndTypos() {
        UUID delivery = article("az", "Sifarişin çatdırılması", "Sifarişiniz 2-3 iş günü ərzində çatdırılır.");
        UUID password = article("az", "Şifrəni bərpa etmək", "Şifrənizi unutmusunuzsa, giriş səhifəsində bərpa edin.");
        assertThat(first("sifarişimin çatdırılması", Language.AZ)).isEqualTo(delivery);
        assertThat(first("sifarisim catdirilma", Language.AZ)).isEqualTo(delivery);
        assertThat(first("şifrəmi", Language.AZ)).isEqualTo(password);
        assertThat(first("sifremi unutdum", Language.AZ)).isEqualTo(password);
        assertThat(first("sifarşimin", Language.AZ)).isEqualTo(delivery);
    }

    @Test
    void synonymsApplyFromTheNextSearch() {
        UUID bill = article("tr", "Fatura ödeme", "Faturanızı kartla ödeyebilirsiniz.");
        UUID azBill = article("az", "Hesab-faktura", "Hesab-fakturanızı ödəyin.");
        assertThat(find("invoice", null)).isEmpty();
        synonyms.use(List.of(new SynonymGroup(UUID.randomUUID(), List.of("fatura", "faktura", "invoice"))));
        assertThat(first("invoice", Language.TR)).isEqualTo(bill);
        assertThat(first("faturamı", Language.AZ)).isEqualTo(azBill);
        assertThat(first("fakturamı", Language.TR)).isEqualTo(bill);
    }

    @Test
    void aSynonymGroupOfOneLanguageExpandsOnlySearchesInThatLanguage() {
        UUID card = article("az", "Bank kartı", "Kartınızı bloklayın.");
        synonyms.use(List.of(new SynonymGroup(UUID.randomUUID(), List.of("kart", "plastik"), Language.AZ)));
        assertThat(first("plastik", Language.AZ)).isEqualTo(card);
        assertThat(find("plastik", null)).contains(card);
        synonyms.use(List.of(new SynonymGroup(UUID.randomUUID(), List.of("kart", "plastik"), Language.TR)));
        assertThat(find("plastik", Language.AZ)).isEmpty();
    }

    @Test
    void multiWordSynonymsMatchAllTheirWords() {
        UUID refund = article("tr", "Para iadesi", "Ücret iadeniz kartınıza yapılır.");
        synonyms.use(List.of(new SynonymGroup(UUID.randomUUID(), List.of("geri ödeme", "para iadesi"))));
        assertThat(first("geri ödeme", Language.TR)).isEqualTo(refund);
    }

    @Test
    void filtersByLanguageAndAudience() {
        UUID tr = article("tr", "Kargo takibi", "Kargonuzu takip edin.");
        UUID internal = article("tr", "internal", 0.5, "Kargo eskalasyonu", "Kargo firmasına eskalasyon.");
        UUID en = article("en", "Tracking", "Track your kargo parcel.");
        assertThat(find("kargo", Language.TR)).contains(tr).doesNotContain(en, internal);
        assertThat(search.searchQuietly(new SearchQuery("kargo", Language.TR, null, Audience.AGENT, 10, "test")).stream()
                .map(SearchHit::id)).contains(internal);
        assertThat(find("kargo", null)).contains(tr, en);
    }

    @Test
    void helpfulArticlesRankAboveEquallyRelevantOnes() {
        UUID unhelpful = article("tr", "public", 0.1, "Kargo ücreti", "Kargo ücreti 49,90 TL.");
        UUID helpful = article("tr", "public", 0.9, "Kargo ücreti", "Kargo ücreti 49,90 TL.");
        assertThat(find("kargo ücreti", Language.TR)).containsExactly(helpful, unhelpful);
    }

    @Test
    void titlesWeighMoreThanBodies() {
        UUID inBody = article("tr", "Teslimat süreleri", "İade için de kargo kullanılır; iade kodu SMS ile gelir.");
        UUID inTitle = article("tr", "İade nasıl yapılır", "Ürünü 14 gün içinde gönderin.");
        assertThat(find("iade", Language.TR)).containsExactly(inTitle, inBody);
    }

    @Test
    void snippetsMarkTheMatchedWordsAndEscapeTheRest() {
        article("tr", "Kart", "Kartınızı <b>hemen</b> kapatın. Başka bir cümle burada. Kartınız kaybolursa bizi arayın.");
        SearchHit hit = search.searchQuietly(SearchQuery.of("kartımı kaybettim", Language.TR)).getFirst();
        assertThat(hit.snippet()).contains("<mark>").contains("&lt;b&gt;").doesNotContain("<b>");
    }

    @Test
    void similarArticlesForACustomerMessage() {
        UUID late = article("tr", "Siparişim gecikti, ne yapabilirim?", "Siparişiniz tahmini teslim tarihinde ulaşmadıysa kargo takip numaranıza bakın.");
        article("tr", "Faturamı nasıl öderim?", "Faturanızı kartla ödeyebilirsiniz.");
        article("tr", "Şifremi unuttum", "Şifre sıfırlama bağlantısı gönderilir.");
        List<SearchHit> similar = search.similarTo("Merhaba, 5 gün önce verdiğim sipariş hâlâ elime ulaşmadı, kargo gecikti. Ne zaman gelir?",
                Language.TR, 2);
        assertThat(similar.getFirst().id()).isEqualTo(late);
    }

    @Test
    void onlyFillerWordsFindNothing() {
        article("tr", "Kargo", "Kargo");
        assertThat(find("nasıl ne için", Language.TR)).isEmpty();
        assertThat(find("", Language.TR)).isEmpty();
    }
}
