package io.temas.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.Language;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What an agent sees beside a conversation: articles similar to the customer's message, from the demo help centre. */
@TemasIntegrationTest
class ArticleSuggestionsIntegrationTests {

    @Autowired
    ArticleSearch search;

    private String first(String message, Language language) {
        List<SearchHit> hits = search.similarTo(message, language, 3);
        assertThat(hits).as(message).isNotEmpty();
        return hits.getFirst().slug();
    }

    @Test
    void aLateDeliveryMessageSuggestsTheDeliveryArticle() {
        assertThat(first("""
                Merhaba, 12 Kasım'da verdiğim 48213 numaralı siparişim hâlâ gelmedi. Kargo takipte 3 gündür aynı yerde görünüyor,
                tahmini teslim tarihi de geçti. Ne zaman elime ulaşır? İyi çalışmalar.""", Language.TR)).isEqualTo("siparisim-gecikti");
        assertThat(first("siparisim gecikti hala gelmedi", Language.TR)).isEqualTo("siparisim-gecikti");
        assertThat(first("Salam, sifarişim hələ də gəlmədi, çatdırılma gecikir.", Language.AZ)).isEqualTo("siparisim-gecikti-az");
        assertThat(first("Hello, my order is late and has not arrived yet.", Language.EN)).isEqualTo("siparisim-gecikti-en");
    }

    @Test
    void suggestionsIncludeInternalArticlesAndCarryTheirPortalLink() {
        List<SearchHit> hits = search.similarTo("Müşteri iade süresini 3 gün geçirmiş, istisna yapabilir miyiz?", Language.TR, 5);
        assertThat(hits).extracting(SearchHit::slug).contains("ic-iade-suresi-istisnasi");
        assertThat(hits.getFirst().url()).startsWith("/portal/articles/");
    }

    @Test
    void otherMessagesSuggestTheirOwnArticles() {
        assertThat(first("Şifremi unuttum, giriş yapamıyorum, sıfırlama maili de gelmedi", Language.TR)).isEqualTo("sifremi-unuttum");
        assertThat(first("Kartımdan aynı sipariş için iki kez ücret çekilmiş, iadesini istiyorum", Language.TR)).isEqualTo("iki-kez-ucret-cekildi");
    }
}
