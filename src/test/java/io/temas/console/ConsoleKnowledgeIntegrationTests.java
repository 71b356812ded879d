package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Knowledge-base articles beside a conversation in the console, with the demo help centre. */
@TemasIntegrationTest
class ConsoleKnowledgeIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void anAgentOpeningALateDeliveryConversationSeesTheDeliveryArticleReadyToInsert() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String conversation = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Kargom hâlâ gelmedi","text":"Geçen hafta verdiğim sipariş hâlâ elime ulaşmadı, teslimat gecikti."}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()))
                .text("/conversationId");

        Console agent = Console.signIn(port, "zeynep", TemasIntegrationTest.DEMO_PASSWORD);
        String page = agent.get("/console/conversations/" + conversation).body();
        String suggestions = page.substring(page.indexOf("id=\"kb-suggestions\""));
        assertThat(suggestions).contains("Siparişim gecikti, ne yapabilirim?");
        assertThat(suggestions.indexOf("Siparişim gecikti")).as("the delivery article comes first")
                .isLessThan(suggestions.indexOf("class=\"kb-hit\"", suggestions.indexOf("class=\"kb-hit\"") + 1));
        assertThat(suggestions).contains("/portal/articles/siparisim-gecikti", "data-insert=");
    }

    @Test
    void anAgentsOwnSearchFindsArticlesTypedWithoutTurkishLetters() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String conversation = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Soru","text":"Merhaba"}""".formatted(UUID.randomUUID(), UUID.randomUUID())).text("/conversationId");

        Console agent = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        String fragment = agent.get("/console/conversations/" + conversation + "/articles?q=faturami+nasil+odeyebilirim").body();
        assertThat(fragment).contains("Faturamı nasıl öderim?");
        assertThat(fragment).doesNotContain("<html");
    }

    @Test
    void unknownIdsAndBadValuesAnswerWithAPageNotAStackTrace() {
        Console agent = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page missing = agent.get("/console/conversations/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Bulunamadı");
        assertThat(agent.get("/console/customers/not-an-id").status()).isEqualTo(404);
        Console.Page page = agent.get("/console/inbox");
        assertThat(agent.post("/console/me/presence", page.csrf(), java.util.Map.of("presence", "dancing")).status()).isEqualTo(400);
    }
}
