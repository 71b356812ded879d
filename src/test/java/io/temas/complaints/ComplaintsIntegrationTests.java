package io.temas.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The complaint mark: set, moved and taken off from the conversation page's one manage form (only
 * when it changed, each change on the customer's timeline with who made it) and from the API
 * (bad input a problem detail); and a keyword rule an admin writes on the complaints screen, which
 * marks a conversation when a real inbound message says one of its words.
 */
@TemasIntegrationTest
class ComplaintsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Console desk;

    @BeforeEach
    void clients() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        desk = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void theManageFormMarksMovesAndClearsAComplaintOnlyWhenItChanged() {
        String id = inbound("Faturam yanlış geldi", "Merhaba, faturamda bir hata var.");
        String page = "/console/conversations/" + id;
        String shown = desk.get(page).body();
        assertThat(shown).contains("name=\"complaint\"").contains("name=\"complaintWas\" value=\"\"").contains("Şikâyet değil");

        Map<String, String> form = unchanged(shown);
        form.put("complaint", "billing");
        assertThat(desk.submit(page, page + "/manage", form).status()).isEqualTo(302);
        assertThat(desk.get(page).body()).contains("Kaydedildi: Şikâyet.");
        JsonNode marked = api.get("/api/v1/conversations/" + id + "/complaint").json();
        assertThat(marked.at("/complaint/category").asString()).isEqualTo("billing");
        assertThat(marked.at("/complaint/by").asString()).isEqualTo("admin");
        String markedAt = marked.at("/complaint/at").asString();
        assertThat(kinds(id)).containsExactly("complaint.marked");
        // Nothing else the form carried was applied: the status and priority are as they were.
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("open");

        // The page now shows the mark; posting the form as shown changes nothing and records nothing.
        String again = desk.get(page).body();
        assertThat(again).contains("name=\"complaintWas\" value=\"billing\"");
        desk.submit(page, page + "/manage", unchanged(again));
        assertThat(desk.get(page).body()).contains("Değişiklik yoktu; hiçbir şey kaydedilmedi.");
        assertThat(kinds(id)).containsExactly("complaint.marked");

        Map<String, String> moved = unchanged(again);
        moved.put("complaint", "service");
        desk.submit(page, page + "/manage", moved);
        JsonNode recategorised = api.get("/api/v1/conversations/" + id + "/complaint").json();
        assertThat(recategorised.at("/complaint/category").asString()).isEqualTo("service");
        assertThat(recategorised.at("/complaint/at").asString()).as("the complaint keeps the date it was made").isEqualTo(markedAt);

        Map<String, String> cleared = unchanged(desk.get(page).body());
        cleared.put("complaint", "");
        desk.submit(page, page + "/manage", cleared);
        assertThat(api.get("/api/v1/conversations/" + id + "/complaint").json().at("/complaint").isNull()).isTrue();
        assertThat(kinds(id)).containsExactlyInAnyOrder("complaint.marked", "complaint.recategorised", "complaint.cleared");
        assertThat(desk.get("/console/customers/" + customer(id) + "?lang=en").body()).contains("Complaint mark taken off by");
    }

    @Test
    void aCategoryThatIsNotThereRefusesTheWholeForm() {
        String id = inbound("Fatura", "Merhaba, bir sorum var.");
        String page = "/console/conversations/" + id;
        Map<String, String> form = unchanged(desk.get(page).body());
        form.put("complaint", "no-such-category");
        form.put("priority", "high");
        desk.submit(page, page + "/manage", form);
        assertThat(desk.get(page + "?lang=en").body()).contains("The chosen complaint category was not found; nothing was saved.");
        assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("normal");
        assertThat(kinds(id)).isEmpty();
    }

    @Test
    void theApiMarksChangesAndClearsAndSaysWhatIsWrong() {
        String id = inbound("Kargo", "Siparişim gelmedi.");
        String path = "/api/v1/conversations/" + id + "/complaint";

        Api.Response marked = api.post(path, "{\"category\":\"delivery\"}");
        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.json().at("/changed").asBoolean()).isTrue();
        assertThat(marked.json().at("/complaint/category").asString()).isEqualTo("delivery");
        assertThat(api.post(path, "{\"category\":\"delivery\"}").json().at("/changed").asBoolean()).isFalse();
        assertThat(kinds(id)).containsExactly("complaint.marked");

        Api.Response unknown = api.post(path, "{\"category\":\"weather\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(api.post(path, "{}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/conversations/" + UUID.randomUUID() + "/complaint", "{\"category\":\"delivery\"}").status())
                .isEqualTo(404);
        assertThat(api.get(path).json().at("/complaint/category").asString()).isEqualTo("delivery");

        Api.Response cleared = api.delete(path);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().at("/changed").asBoolean()).isTrue();
        assertThat(cleared.json().at("/complaint").isNull()).isTrue();
        assertThat(api.delete(path).json().at("/changed").asBoolean()).isFalse();
        assertThat(kinds(id)).containsExactlyInAnyOrder("complaint.marked", "complaint.cleared");

        JsonNode categories = api.get("/api/v1/complaint-categories").json();
        assertThat(categories.findValuesAsString("code")).contains("billing", "delivery", "service");
    }

    @Test
    void aKeywordRuleWrittenOnTheAdminScreenMarksTheConversationOfAnInboundMessageThatSaysItsWord() {
        String admin = "/console/admin/complaints";
        String name = "Öfke " + UUID.randomUUID().toString().substring(0, 8);
        Console.Page saved = desk.submit(admin, admin + "/rules", Map.of("name", name, "category", "service", "language", "tr",
                "keywords", "şikâyetçiyim\nskandal hizmet", "active", "on"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(desk.get(admin).body()).contains(name).contains("şikâyetçiyim, skandal hizmet");
        try {
            // Written without Turkish letters and in capitals, at the start of a word: the rule's word all the same.
            String angry = inbound("Internet yok", "Uc gundur internet yok, SIKAYETCIYIM ve iade istiyorum.");
            JsonNode mark = api.get("/api/v1/conversations/" + angry + "/complaint").json();
            assertThat(mark.at("/complaint/category").asString()).isEqualTo("service");
            assertThat(mark.at("/complaint/by").asString()).isEqualTo("rule:" + name);
            assertThat(kinds(angry)).containsExactly("complaint.marked");
            assertThat(desk.get("/console/customers/" + customer(angry) + "?lang=en").body())
                    .contains("rule " + name + ", the customer wrote “şikâyetçiyim”");

            // Inside another word it is no match, and a conversation a person marked keeps that person's mark.
            String calm = inbound("Soru", "Bir kez daha hizmetskandal hizmeti değil, yalnızca bir soru.");
            assertThat(api.get("/api/v1/conversations/" + calm + "/complaint").json().at("/complaint").isNull()).isTrue();
            api.post("/api/v1/conversations/" + calm + "/complaint", "{\"category\":\"billing\"}");
            String sender = jdbc.sql("select sender from messages where conversation_id = ?::uuid limit 1").param(calm).query(String.class).single();
            api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s"},
                     "subject":"Re: Soru","text":"Bu skandal hizmet artık yeter.","language":"tr"}""".formatted(unique("mail"), sender));
            JsonNode kept = api.get("/api/v1/conversations/" + calm + "/complaint").json();
            assertThat(kept.at("/complaint/category").asString()).isEqualTo("billing");
            assertThat(kept.at("/complaint/by").asString()).doesNotStartWith("rule:");
        } finally {
            String rule = jdbc.sql("select id::text from complaint_rules where name = ?").param(name).query(String.class).single();
            desk.submit(admin, admin + "/rules/" + rule + "/delete", Map.of());
        }
        assertThat(desk.get(admin).body()).doesNotContain(name);
    }

    @Test
    void theAdminScreenRefusesARuleWithoutWordsAndKeepsWhatWasTyped() {
        String admin = "/console/admin/complaints";
        Console.Page refused = desk.submit(admin, admin + "/rules", Map.of("name", "Boş kural", "category", "service", "keywords", " ",
                "language", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("En az bir kelime veya ifade yazın.").contains("value=\"Boş kural\"");
        Console.Page category = desk.submit(admin, admin + "/categories", Map.of("code", "Kötü Kod", "nameTr", "a", "nameAz", "b",
                "nameEn", "c", "position", "1"));
        assertThat(category.status()).isEqualTo(422);
    }

    @Test
    void theComplaintReportCountsByQueueAndCategoryExportsCsvAndIsForSupervisors() {
        String id = inbound("Fatura raporu", "Faturam yine yanlış.");
        api.post("/api/v1/conversations/" + id + "/complaint", "{\"category\":\"billing\"}");
        String reference = api.get("/api/v1/conversations/" + id).text("/reference");
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);

        String report = selin.get("/console/complaints").body();
        assertThat(report).contains("Fatura ve ücretler").contains(">" + reference + "<").contains("id=\"complaint-trend\"")
                .contains("/dist/echarts.common.min.js");
        int billing = count(report, "by-category", "Fatura ve ücretler");
        assertThat(billing).isPositive();

        Console.Page csv = selin.get("/console/complaints/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("Numara,İşaretlenme,Kategori").contains(reference + ",").contains(",Fatura ve ücretler,")
                .contains(id);
        assertThat(csv.body().lines().filter(l -> l.contains(",Fatura ve ücretler,")).count()).isEqualTo(billing);

        // A range before anything was marked counts nothing; a range that is no range is said and answered 400.
        assertThat(selin.get("/console/complaints?from=2020-01-01&to=2020-01-31").body()).contains("Bu aralıkta şikâyet yok.");
        Console.Page bad = selin.get("/console/complaints?from=2026-12-31&to=2026-01-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Geçersiz tarih aralığı");
        assertThat(selin.get("/console/complaints?from=yesterday").status()).isEqualTo(400);
        assertThat(selin.get("/console/complaints/csv?from=yesterday").status()).isEqualTo(400);

        // A supervisor limited to her own queues (she has none) sees no complaint of the Fatura queue.
        String limited = ("sef-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(java.util.Locale.ROOT);
        assertThat(desk.submit("/console/admin/users", "/console/admin/users", Map.of("username", limited, "displayName", "Şef",
                "role", "supervisor", "password", "parola-sikayet-1")).status()).isEqualTo(302);
        assertThat(desk.submit("/console/admin/users", "/console/admin/users/" + limited + "/queue-access",
                Map.of("queueAccess", "own")).status()).isEqualTo(302);
        Console own = Console.signIn(port, limited, "parola-sikayet-1");
        assertThat(own.get("/console/complaints").body()).doesNotContain(">" + reference + "<");
        assertThat(own.get("/console/complaints/csv").body()).doesNotContain(id);

        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(ayse.get("/console/complaints").status()).isEqualTo(403);
        assertThat(ayse.get("/console/complaints/csv").status()).isEqualTo(403);
        assertThat(ayse.get("/console/win-back").status()).isEqualTo(403);
    }

    @Test
    void theWinBackButtonNeedsItsCsrfTokenAndSaysWhenNobodyIsLeft() {
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(selin.post("/console/win-back/campaign", "not-the-token", Map.of()).status()).isEqualTo(403);
        // Customers the page listed who are no longer on the list (here: nobody real) make no campaign, and say so.
        Console.Page none = selin.submit("/console/win-back", "/console/win-back/campaign",
                Map.of("customer", UUID.randomUUID().toString()));
        assertThat(none.status()).isEqualTo(302);
        assertThat(selin.get("/console/win-back").body()).contains("Listede artık kimse yok; kampanya oluşturulmadı.");
        Console.Page bad = selin.get("/console/win-back?quietDays=abc");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Gün sayıları 1 ile 3650 arasında tam sayı olmalı.");
    }

    private static int count(String page, String listId, String name) {
        Matcher m = Pattern.compile("id=\"" + listId + "\"[\\s\\S]*?<span>" + Pattern.quote(name) + "</span><strong>(\\d+)</strong>")
                .matcher(page);
        assertThat(m.find()).as(name + " in " + listId).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The form as the page shows it: every field with the value it was shown with. */
    private static Map<String, String> unchanged(String page) {
        Map<String, String> form = new HashMap<>();
        for (String field : List.of("agent", "queue", "status", "priority", "tags", "complaint")) {
            String was = hidden(page, field + "Was");
            form.put(field, was);
            form.put(field + "Was", was);
        }
        return form;
    }

    private static String hidden(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    private List<String> kinds(String conversationId) {
        return jdbc.sql("select kind from timeline_entries where conversation_id = ?::uuid and kind like 'complaint%' order by occurred_at, id")
                .param(conversationId).query(String.class).list();
    }

    private String customer(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId).text("/customerId");
    }

    private String inbound(String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":%s,"text":%s,"language":"tr","receivedAt":"%s"}""".formatted(unique("mail"), unique("musteri"), Api.quote(subject), Api.quote(text),
                Instant.now()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
