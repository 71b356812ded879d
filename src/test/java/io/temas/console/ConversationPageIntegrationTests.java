package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The conversation page's one manage form (only what changed is applied, bad input is a readable
 * message) and its three ways to send (send, send and set pending, send and resolve), over real
 * HTTP as a browser without JavaScript posts them.
 */
@TemasIntegrationTest
class ConversationPageIntegrationTests {

    @LocalServerPort
    int port;

    Api api;
    Console desk;

    @BeforeEach
    void clients() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        desk = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void theManageFormAppliesOnlyWhatChanged() {
        String id = email();
        String page = "/console/conversations/" + id;
        String shown = desk.get(page).body();
        String mehmet = option(shown, "Mehmet Kaya");
        String teknik = option(shown, "Teknik Destek");
        assertThat(shown).contains("action=\"" + page + "/manage\"").doesNotContain(page + "/transfer\"")
                .doesNotContain(page + "/priority\"").doesNotContain(page + "/tags\"");

        Map<String, String> form = form(mehmet, teknik, "open", "normal", "");
        assertThat(desk.submit(page, page + "/manage", form).status()).isEqualTo(302);
        assertThat(desk.get(page).body()).contains("Kaydedildi: Temsilci, Kuyruk.");
        JsonNode moved = api.get("/api/v1/conversations/" + id).json();
        assertThat(moved.at("/assignee").asString()).isEqualTo("mehmet");
        assertThat(moved.at("/queue").asString()).isEqualTo("Teknik Destek");

        form.put("status", "resolved");
        form.put("tags", "Fatura, acil, fatura");
        desk.submit(page, page + "/manage", form);
        String saved = desk.get(page).body();
        assertThat(saved).contains("Kaydedildi: Etiketler, Durum.").contains("value=\"fatura, acil\"");
        JsonNode resolved = api.get("/api/v1/conversations/" + id).json();
        assertThat(resolved.at("/status").asString()).isEqualTo("resolved");
        String resolvedAt = resolved.at("/sla/resolvedAt").asString();
        assertThat(resolvedAt).isNotBlank();

        // The status, assignee, queue and tags the form still shows are not applied again: resolving again would move resolvedAt.
        form.put("priority", "high");
        form.put("tags", "fatura,acil");
        desk.submit(page, page + "/manage", form);
        assertThat(desk.get(page).body()).contains("Kaydedildi: Öncelik.");
        JsonNode after = api.get("/api/v1/conversations/" + id).json();
        assertThat(after.at("/priority").asString()).isEqualTo("high");
        assertThat(after.at("/sla/resolvedAt").asString()).isEqualTo(resolvedAt);
        assertThat(after.at("/assignee").asString()).isEqualTo("mehmet");

        desk.submit(page, page + "/manage", form);
        assertThat(desk.get(page).body()).contains("Değişiklik yoktu; hiçbir şey kaydedilmedi.");
        assertThat(api.get("/api/v1/conversations/" + id).json().at("/sla/resolvedAt").asString()).isEqualTo(resolvedAt);

        // Back to the queue, as the "unassigned" choice says.
        form.put("agent", "");
        desk.submit(page, page + "/manage", form);
        assertThat(desk.get(page).body()).contains("Kaydedildi: Temsilci.");
        assertThat(api.get("/api/v1/conversations/" + id).json().at("/assigneeId").isNull()).isTrue();
    }

    @Test
    void aFieldTheAgentDidNotTouchDoesNotUndoAColleaguesChangeMadeMeanwhile() {
        String id = email();
        String page = "/console/conversations/" + id;
        String shown = desk.get(page).body();
        String mehmet = option(shown, "Mehmet Kaya");
        Matcher assignee = Pattern.compile("name=\"agentWas\" value=\"([^\"]*)\"").matcher(shown);
        assertThat(assignee.find()).isTrue();
        String was = assignee.group(1);
        assertThat(was).isNotEqualTo(mehmet);

        // While the page is open, a colleague gives the conversation to Mehmet.
        assertThat(api.post("/api/v1/conversations/" + id + "/assign", "{\"agentId\":\"" + mehmet + "\"}").status()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(Map.of("agent", was, "agentWas", was, "status", "open", "statusWas", "open",
                "priority", "high", "priorityWas", "normal", "tags", "", "tagsWas", ""));
        desk.submit(page, page + "/manage", form);

        assertThat(desk.get(page).body()).contains("Kaydedildi: Öncelik.");
        JsonNode after = api.get("/api/v1/conversations/" + id).json();
        assertThat(after.at("/priority").asString()).isEqualTo("high");
        assertThat(after.at("/assignee").asString()).isEqualTo("mehmet");
    }

    @Test
    void badInputInTheManageFormIsSaidInTheReadersLanguageAndNothingIsApplied() {
        String id = email();
        String page = "/console/conversations/" + id;
        String teknik = option(desk.get(page).body(), "Teknik Destek");

        Console.Page bogus = desk.submit(page, page + "/manage", Map.of("status", "bitti", "priority", "urgent"));
        assertThat(bogus.status()).isEqualTo(302);
        assertThat(desk.get(page).body()).contains("Geçersiz durum; hiçbir değişiklik kaydedilmedi.");
        assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("normal");

        assertThat(desk.submit(page, page + "/manage", Map.of("agent", "ayse", "queue", teknik)).status()).isEqualTo(302);
        assertThat(desk.get(page).body()).contains("Seçilen temsilci bulunamadı");
        assertThat(api.get("/api/v1/conversations/" + id).text("/queue")).isEqualTo("Fatura");

        desk.submit(page, page + "/manage", Map.of("queue", java.util.UUID.randomUUID().toString(), "priority", "low"));
        assertThat(desk.get(page + "?lang=en").body()).contains("The chosen queue was not found; nothing was saved.");
        assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("normal");

        assertThat(desk.submit(page, page + "/manage", Map.of("priority", "")).status()).isEqualTo(302);
        assertThat(desk.submit(page, "/console/conversations/" + java.util.UUID.randomUUID() + "/manage", Map.of("status", "open"))
                .status()).isEqualTo(404);
    }

    @Test
    void sendAndResolveResolvesAndSendAndSetPendingSetsPending() {
        String id = email();
        String page = "/console/conversations/" + id;

        Console.Page resolved = desk.submit(page, page + "/reply", Map.of("channel", "email", "text", "Faturanız düzeltildi.",
                "then", "resolved"));
        assertThat(resolved.status()).isEqualTo(302);
        assertThat(desk.get(page).body()).contains("Yanıt gönderim kuyruğuna alındı; konuşma çözüldü.");
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("resolved");
        assertThat(outbound(id, "Faturanız düzeltildi.")).isNotNull();

        // A plain send leaves a resolved conversation resolved; "send and set pending" waits for the customer again.
        desk.submit(page, page + "/reply", Map.of("channel", "email", "text", "Bir not daha."));
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("resolved");
        desk.submit(page, page + "/reply", Map.of("channel", "email", "text", "Dönüşünüzü bekliyoruz.", "then", "pending"));
        assertThat(desk.get(page).body()).contains("konuşma müşteri bekleniyor durumunda");
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("pending");
    }

    @Test
    void aReplyThatCannotReachTheCustomerDoesNotResolveAndSaysSo() {
        String id = chat(unique("ulasilamaz") + "@example.com");
        String page = "/console/conversations/" + id;

        Console.Page refused = desk.submit(page, page + "/reply", Map.of("channel", "chat", "text", "Çözüldü diye yazıyorum",
                "then", "resolved"));
        assertThat(refused.status()).isEqualTo(302);
        String after = desk.get(page).body();
        assertThat(after).contains("Yanıt gönderilmedi: bu müşteriye bu kanaldan ulaşılamıyor")
                .contains("Yanıt gönderilmediği için konuşmanın durumu değiştirilmedi.")
                .contains(">Çözüldü diye yazıyorum</textarea>");
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("open");
        assertThat(outbound(id, "Çözüldü diye yazıyorum")).isNull();

        desk.submit(page, page + "/reply", Map.of("channel", "email", "text", "x", "then", "closed"));
        assertThat(desk.get(page).body()).contains("İstek işlenemedi.");
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("open");
    }

    static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> form(String agent, String queue, String status, String priority, String tags) {
        return new HashMap<>(Map.of("agent", agent, "queue", queue, "status", status, "priority", priority, "tags", tags));
    }

    /** The value of the page's option whose label starts with {@code label}. */
    private static String option(String page, String label) {
        Matcher m = Pattern.compile("<option value=\"([0-9a-f-]{36})\"[^>]*>" + Pattern.quote(label)).matcher(page);
        assertThat(m.find()).as("an option for " + label).isTrue();
        return m.group(1);
    }

    private String email() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Fatura sorusu","text":"Merhaba, faturamda bir hata var."}""".formatted(unique("mail"), unique("musteri")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private String chat(String email) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"chat","entryPoint":"web-sohbet","externalId":"%s","chatSession":"%s","from":{"email":"%s","cookie":"%s"},
                 "text":"Siparişimi iptal etmek istiyorum"}""".formatted(unique("chat"), unique("session"), email, unique("cookie")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private JsonNode outbound(String conversationId, String text) {
        return api.get("/api/v1/conversations/" + conversationId).json().at("/messages").valueStream()
                .filter(m -> "outbound".equals(m.at("/direction").asString()) && text.equals(m.at("/text").asString()))
                .findFirst().orElse(null);
    }
}
