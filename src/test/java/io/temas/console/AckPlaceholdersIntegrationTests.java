package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Acknowledgement texts name their placeholders; the screen lists them, and a text naming another is refused there and in the API. */
@TemasIntegrationTest
class AckPlaceholdersIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theScreenListsEachTextsPlaceholdersAndRefusesAnUnknownOneKeepingWhatWasTyped() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Document screen = Jsoup.parse(admin.get("/console/admin/acks?language=tr").body());
        assertThat(screen.select("dl.ack-placeholders").first().text()).contains("{{subject}}").contains("müşterinin kendi konusu");
        assertThat(screen.select("dl.ack-placeholders").last().text()).contains("{{promisedBy}}").contains("en geç yanıt zamanı")
                .contains("{{late}}").doesNotContain("{0}");
        String typed = "{{greeting}} {{musteri}} için {{reference}} açıldı. {1}";

        Console.Page refused = admin.submit("/console/admin/acks?language=tr", "/console/admin/acks",
                Map.of("language", "tr", "key", "ack.short", "text", typed));

        assertThat(refused.status()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select(".alert.error").text()).contains("Bu metin tanınmayan bir yer tutucu kullanıyor")
                .contains("({{musteri}}, {1})");
        assertThat(page.select("textarea[name=text]").eachText()).contains(typed);
        JsonNode stored = new Api(port, TemasIntegrationTest.ADMIN_TOKEN).get("/api/v1/ack-templates/tr").json();
        assertThat(text(stored, "ack.short").at("/changed").asBoolean()).isFalse();
    }

    @Test
    void theApiRefusesAnUnknownPlaceholderWithAProblemAndUsesAValidTextForTheNextAck() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Api.Response listed = api.get("/api/v1/ack-templates/en");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(text(listed.json(), "ack.email.subject").at("/placeholders").valueStream().map(JsonNode::asString))
                .containsExactly("subject", "reference", "customer");

        Api.Response numbered = api.put("/api/v1/ack-templates/en/ack.short", "{\"text\":\"{0} got it, {{reference}}\"}");
        assertThat(numbered.status()).isEqualTo(400);
        assertThat(numbered.contentType()).contains("application/problem+json");
        assertThat(numbered.text("/detail")).contains("unknown placeholder {0} in ack.short").contains("{{promisedBy}}");

        String writer = api.post("/api/v1/tokens", "{\"name\":\"ack-writer-" + UUID.randomUUID() + "\",\"scopes\":[\"WRITE\"]}").text("/value");
        assertThat(api.withToken(writer).put("/api/v1/ack-templates/en/ack.short", "{\"text\":\"{{reference}}\"}").status())
                .as("acknowledgement texts are configuration").isEqualTo(403);

        String marker = "Noted-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response saved = api.put("/api/v1/ack-templates/en/ack.short",
                "{\"text\":\"{{greeting}} " + marker + " as {{reference}} for {{customer}}, answer by {{promisedBy}}.{{late}} {{signature}}\"}");
        try {
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(saved.json().at("/changed").asBoolean()).isTrue();
            String conversation = api.post("/api/v1/inbound", """
                    {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","language":"en",
                     "from":{"phone":"+90532%07d","name":"Jane Doe"},"text":"Hello, where is my order?"}"""
                    .formatted(UUID.randomUUID(), (int) (Math.random() * 10_000_000))).text("/conversationId");
            JsonNode view = api.get("/api/v1/conversations/" + conversation).json();
            String ack = view.at("/messages").valueStream().filter(m -> "ack".equals(m.at("/kind").asString())).findFirst()
                    .orElseThrow().at("/text").asString();
            assertThat(ack).startsWith("Hello Jane Doe, " + marker + " as " + view.at("/reference").asString() + " for Jane Doe, answer by ")
                    .doesNotContain("{{");
        } finally {
            assertThat(api.delete("/api/v1/ack-templates/en/ack.short").json().at("/changed").asBoolean()).isFalse();
        }
    }

    @Test
    void aCannedReplyNamingAnUnknownPlaceholderIsRefusedToo() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String title = "Yer tutucu " + UUID.randomUUID().toString().substring(0, 6);

        Console.Page refused = admin.submit("/console/admin/canned", "/console/admin/canned",
                Map.of("title", title, "language", "tr", "body", "Merhaba {{musteri}}, {{reference}} kapandı."));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body()).select(".alert.error").text()).contains("tanınmayan bir yer tutucu")
                .contains("{{customer}}, {{agent}} ve {{reference}}");
        assertThat(admin.submit("/console/admin/canned", "/console/admin/canned",
                Map.of("title", title, "language", "tr", "body", "Merhaba {{customer}}, {{reference}} kapandı.")).status()).isEqualTo(302);
    }

    private static JsonNode text(JsonNode texts, String key) {
        return texts.at("/texts").valueStream().filter(t -> key.equals(t.at("/key").asString())).findFirst().orElseThrow();
    }
}
