package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An article read in a language it is not written in says so, in the reader's language, and points at what there is. */
@TemasIntegrationTest
class PortalTranslationNoticeIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void anArticleWithoutAnEnglishTranslationShowsTheTurkishTextWithANoticeInEnglishAndItsOtherLanguages() {
        String page = Console.anonymous(port).get("/portal/articles/kargo-takip?lang=en").body();

        assertThat(page).contains("This article is not available in English; it is shown in Turkish.")
                .contains("It can also be read in:")
                .contains("href=\"/portal/articles/kargo-takip-az?lang=az\"").contains(">Azərbaycanca</a>")
                .contains("Kargomu nasıl takip ederim?");
    }

    @Test
    void theNoticeIsInTheReadersLanguageAndAnArticleWithoutVariantsListsNone() {
        String page = Console.anonymous(port).get("/portal/articles/faturada-hatali-tutar?lang=az").body();

        assertThat(page).contains("Bu məqalənin tərcüməsi yoxdur (Azərbaycan dili); əslini göstəririk (Türk dili).")
                .doesNotContain("Bu dillərdə də oxuna bilər:");
    }

    @Test
    void whenTheReadersLanguageHasATranslationTheNoticePointsAtIt() {
        String page = Console.anonymous(port).get("/portal/articles/teslimat-suresi?lang=en").body();

        assertThat(page).contains("This article is also in English:")
                .contains("href=\"/portal/articles/teslimat-suresi-en?lang=en\"").contains("How long does delivery take?")
                .doesNotContain("not available in English");
    }

    @Test
    void anArticleReadInItsOwnLanguageHasNoNotice() {
        String page = Console.anonymous(port).get("/portal/articles/kargo-takip?lang=tr").body();

        assertThat(page).doesNotContain("portal-untranslated").contains("Kargomu nasıl takip ederim?");
    }
}
