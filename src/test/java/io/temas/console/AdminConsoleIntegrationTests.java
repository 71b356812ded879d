package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.channels.email.Mailbox;
import io.temas.channels.email.Mailboxes;
import io.temas.inbound.Quarantine;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The admin screens driven through their forms over HTTP, as a browser without JavaScript would. */
@TemasIntegrationTest
class AdminConsoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Quarantine quarantine;

    @Autowired
    Mailboxes mailboxes;

    Api api;
    Console admin;

    @BeforeEach
    void signIn() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void agentsAreRefusedTheAdminScreens() {
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);

        assertThat(ayse.get("/console/admin").status()).isEqualTo(403);
        assertThat(ayse.get("/console/admin/rules").status()).isEqualTo(403);
        assertThat(ayse.get("/console/inbox").status()).isEqualTo(200);
    }

    @Test
    void everyAdminScreenRendersWithItsMenu() {
        for (String screen : List.of("", "/mailboxes", "/entry-points", "/queues", "/agents", "/users", "/rules", "/sla", "/hours",
                "/acks", "/acks?language=en", "/quarantine", "/canned")) {
            Console.Page page = admin.get("/console/admin" + screen);
            assertThat(page.status()).as(screen).isEqualTo(200);
            // The menu marks the screen's own entry (the top bar's "Settings" link is marked on every one of them).
            String entry = "href=\"/console/admin" + screen.replaceFirst("\\?.*", "") + "\" aria-current=\"page\"";
            assertThat(page.body()).as(screen).contains("<h1").contains("/console/admin/quarantine").contains(entry);
        }
        String calendar = api.get("/api/v1/business-hours").json().get(0).at("/id").asString();
        String agent = api.get("/api/v1/agents").json().get(0).at("/id").asString();
        String rule = api.get("/api/v1/routing-rules").json().get(0).at("/id").asString();
        for (String screen : List.of("/hours/" + calendar, "/agents/" + agent, "/rules/" + rule, "/queues/" + queueId("Genel"))) {
            assertThat(admin.get("/console/admin" + screen).status()).as(screen).isEqualTo(200);
        }
    }

    @Test
    void businessHoursAreSetPerWeekdayWithHolidaysAddedAndRemoved() {
        String name = unique("Vardiya");
        Console.Page created = admin.submit("/console/admin/hours", "/console/admin/hours", Map.of("name", name, "zone", "Europe/Istanbul"));
        String page = created.location().substring(created.location().indexOf("/console/admin/hours/"));
        String id = page.substring(page.lastIndexOf('/') + 1);

        assertThat(admin.submit(page, page, Map.of("name", name, "zone", "Europe/Istanbul", "day.MONDAY", "9:00-12:00, 13:00-18:00",
                "day.SATURDAY", "10:00-14:00")).status()).isEqualTo(302);
        assertThat(admin.submit(page, page + "/holidays", Map.of("day", "2026-10-29", "name", "Cumhuriyet Bayramı")).status()).isEqualTo(302);
        JsonNode hours = api.get("/api/v1/business-hours/" + id).json();
        assertThat(hours.at("/schedule/MONDAY/1/0").asString()).isEqualTo("13:00");
        assertThat(hours.at("/holidays/0/name").asString()).isEqualTo("Cumhuriyet Bayramı");
        assertThat(admin.get(page).body()).contains("09:00-12:00, 13:00-18:00").contains("Cumhuriyet Bayramı");

        Console.Page badHours = admin.submit(page, page, Map.of("name", name, "zone", "Europe/Istanbul", "day.MONDAY", "sabah"));
        assertThat(badHours.status()).isEqualTo(422);
        assertThat(badHours.body()).contains("09:00-18:00 biçiminde");

        assertThat(admin.submit(page, page + "/holidays/2026-10-29/delete", Map.of()).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/business-hours/" + id).json().at("/holidays").size()).isZero();
        assertThat(admin.submit(page, page + "/delete", Map.of()).location()).endsWith("/console/admin/hours");
    }

    @Test
    void entryPointAndRuleMadeInTheFormsRouteTheNextMessage() {
        String queue = unique("Iadeler");
        String address = unique("iade") + "@ornek.com.tr";
        String rule = unique("Iade kuralı");
        assertThat(admin.submit("/console/admin/queues", "/console/admin/queues", Map.of("name", queue, "description", "Returns"))
                .location()).endsWith("/console/admin/queues");
        String queueId = queueId(queue);
        String genel = queueId("Genel");

        Console.Page entryPoint = admin.submit("/console/admin/entry-points", "/console/admin/entry-points",
                Map.of("address", address, "channel", "email", "queue", genel, "name", "İadeler"));
        assertThat(entryPoint.status()).isEqualTo(302);
        assertThat(admin.get("/console/admin/entry-points").body()).contains(address);

        Console.Page created = admin.submit("/console/admin/rules", "/console/admin/rules", List.of(
                Map.entry("name", rule), Map.entry("enabled", "true"), Map.entry("entryPoints", address),
                Map.entry("channels", "email"), Map.entry("keywords", "iade, geri ödeme"), Map.entry("queue", queueId),
                Map.entry("skills", "returns"), Map.entry("priority", "high"), Map.entry("vip", ""), Map.entry("personAnswers", "true"),
                Map.entry("offerCall", "true")));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        try {
            JsonNode saved = api.get("/api/v1/routing-rules").json().valueStream().filter(r -> rule.equals(r.at("/name").asString()))
                    .findFirst().orElseThrow();
            assertThat(saved.at("/personAnswers").asBoolean()).isTrue();
            assertThat(saved.at("/offerCall").asBoolean()).isTrue();
            assertThat(admin.get("/console/admin/rules/" + saved.at("/id").asString()).body())
                    .containsPattern("name=\"personAnswers\"[^>]*checked").containsPattern("name=\"offerCall\"[^>]*checked");
            Map<String, String> message = Map.of("channel", "email", "entryPoint", address, "sender", unique("deniz") + "@example.com",
                    "language", "tr", "subject", "İADE talebi", "text", "Ürünü geri göndermek istiyorum");
            Console.Page preview = admin.submitHtmx("/console/admin/rules", "/console/admin/rules/preview", message);
            assertThat(preview.status()).isEqualTo(200);
            assertThat(preview.body()).doesNotContain("<html").contains("id=\"preview-result\"").contains(rule).contains(queue)
                    .contains("iade");
            assertThat(preview.body()).contains("preview-person");
            Console.Page withoutScript = admin.submit("/console/admin/rules", "/console/admin/rules/preview", message);
            assertThat(withoutScript.body()).contains("<html").contains("id=\"preview-result\"").contains(queue);

            String conversationId = send(address, "İade talebi", "Ürünü iade etmek istiyorum");
            JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
            assertThat(conversation.at("/queue").asString()).isEqualTo(queue);
            assertThat(conversation.at("/routing/rule").asString()).isEqualTo(rule);
            assertThat(conversation.at("/priority").asString()).isEqualTo("high");
        } finally {
            String ruleId = api.get("/api/v1/routing-rules").json().valueStream()
                    .filter(r -> rule.equals(r.at("/name").asString())).findFirst().orElseThrow().at("/id").asString();
            assertThat(admin.submit("/console/admin/rules", "/console/admin/rules/" + ruleId + "/delete", Map.of()).status()).isEqualTo(302);
        }
        assertThat(admin.get("/console/admin/rules").body()).doesNotContain(rule);
    }

    @Test
    void formsRefuseBadInputWithAReadableMessageAndUnknownIdsAreNotFound() {
        Console.Page refused = admin.submit("/console/admin/entry-points", "/console/admin/entry-points",
                Map.of("address", unique("x") + "@ornek.com.tr", "channel", "email", "queue", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Bir kuyruk seçin.").doesNotContain("Exception");

        Console.Page badHours = admin.submit("/console/admin/sla", "/console/admin/sla",
                Map.of("name", "x", "channel", "email", "priority", "low", "firstResponse", "soon", "resolution", "60"));
        assertThat(badHours.status()).isEqualTo(422);
        assertThat(badHours.body()).contains("dakika");

        assertThat(admin.get("/console/admin/entry-points/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/console/admin/rules/not-an-id").status()).isEqualTo(404);
        assertThat(admin.get("/console/admin/quarantine/" + UUID.randomUUID()).body()).contains("Bulunamadı");
    }

    @Test
    void anAcknowledgementTextSavedForALanguageIsUsedForTheNextAck() {
        String marker = unique("Özel");
        Console.Page saved = admin.submit("/console/admin/acks?language=tr", "/console/admin/acks", Map.of("language", "tr",
                "key", "ack.email.body", "text", "{{greeting}}\n\n" + marker + " — talep {{reference}}, en geç {{promisedBy}}. Müşteri'nin 'tırnakları' kalır.\n\n{{signature}}"));
        assertThat(saved.status()).isEqualTo(302);
        try {
            assertThat(admin.get("/console/admin/acks?language=tr").body()).contains(marker + " — talep T-1042");

            String conversationId = send("bilgi@ornek.com.tr", "Mağaza saatleri", "Hafta sonu açık mısınız?");
            JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
            JsonNode ack = conversation.at("/messages").valueStream().filter(m -> "ack".equals(m.at("/kind").asString()))
                    .findFirst().orElseThrow();
            assertThat(ack.at("/text").asString()).contains(marker + " — talep " + conversation.at("/reference").asString())
                    .contains("Müşteri'nin 'tırnakları' kalır").doesNotContain("{{");
        } finally {
            admin.submit("/console/admin/acks?language=tr", "/console/admin/acks",
                    Map.of("language", "tr", "key", "ack.email.body", "action", "reset"));
        }
        assertThat(admin.get("/console/admin/acks?language=tr").body()).doesNotContain(marker);
    }

    @Test
    void aQuarantinedMessageIsShownEscapedAndRetriedIntoAConversation() {
        String externalId = unique("q");
        String json = """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"<script>alert(1)</script>","text":"Tekrar deneyin"}""".formatted(externalId, unique("karantina"));
        UUID id = quarantine.keep("email", "bilgi@ornek.com.tr", externalId, "kept colliding with concurrent work", "application/json",
                json.getBytes(StandardCharsets.UTF_8));

        assertThat(admin.get("/console/admin/quarantine").body()).contains("kept colliding with concurrent work");
        Console.Page shown = admin.get("/console/admin/quarantine/" + id);
        assertThat(shown.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");

        Console.Page retried = admin.submit("/console/admin/quarantine/" + id, "/console/admin/quarantine/" + id + "/retry", Map.of());
        assertThat(retried.location()).endsWith("/console/admin/quarantine");
        Console.Page after = admin.get("/console/admin/quarantine");
        assertThat(after.body()).contains("Mesaj yeniden işlendi").contains("/console/conversations/");
        assertThat(admin.get("/console/admin/quarantine/" + id).status()).isEqualTo(404);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/console/conversations/([0-9a-f-]{36})").matcher(after.body());
        assertThat(link.find()).isTrue();
        assertThat(api.get("/api/v1/conversations/" + link.group(1)).text("/subject")).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void aQuarantinedMessageThatStillFailsSaysWhyAndCanBeDeleted() {
        UUID id = quarantine.keep(null, null, null, "malformed JSON", "application/json", "{not json".getBytes(StandardCharsets.UTF_8));

        Console.Page retried = admin.submit("/console/admin/quarantine/" + id, "/console/admin/quarantine/" + id + "/retry", Map.of());
        assertThat(retried.location()).endsWith("/console/admin/quarantine/" + id);
        assertThat(admin.get("/console/admin/quarantine/" + id).body()).contains("Mesaj yine işlenemedi");

        assertThat(admin.submit("/console/admin/quarantine/" + id, "/console/admin/quarantine/" + id + "/delete", Map.of()).status())
                .isEqualTo(302);
        assertThat(quarantine.find(id)).isEmpty();
    }

    @Test
    void creatingAnAgentAlsoCreatesTheirConsoleUser() {
        String username = unique("ajan").toLowerCase();
        Console.Page created = admin.submit("/console/admin/agents", "/console/admin/agents", List.of(
                Map.entry("username", username), Map.entry("displayName", "Yeni Ajan"), Map.entry("email", username + "@ornek.com.tr"),
                Map.entry("password", "yeni-parola-1"), Map.entry("skills", "billing, vip"), Map.entry("languages", "tr"),
                Map.entry("languages", "en"), Map.entry("capacity.email", "4"), Map.entry("queues", queueId("Genel")),
                Map.entry("presence", "away")));
        assertThat(created.status()).as(created.body()).isEqualTo(302);

        JsonNode agent = api.get("/api/v1/agents").json().valueStream().filter(a -> username.equals(a.at("/username").asString()))
                .findFirst().orElseThrow();
        assertThat(agent.at("/capacity/email").asInt()).isEqualTo(4);
        assertThat(agent.at("/presence").asString()).isEqualToIgnoringCase("away");
        assertThat(Console.signIn(port, username, "yeni-parola-1").get("/console/inbox").status()).isEqualTo(200);
        assertThat(admin.get("/console/admin/queues").body()).contains("billing").contains("Yeni Ajan");
    }

    @Test
    void aMailboxEditedWithBlankPasswordsKeepsThemAndTheyAreNeverShown() {
        String address = unique("kutu") + "@ornek.com.tr";
        Console.Page created = admin.submit("/console/admin/mailboxes", "/console/admin/mailboxes", Map.of("address", address,
                "queue", "Genel", "smtpHost", "smtp.invalid", "smtpPort", "587", "smtpUsername", address, "smtpPassword", "gizli-parola-1",
                "smtpStarttls", "true"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Mailbox mailbox = mailboxes.findByAddress(address).orElseThrow();

        String edit = "/console/admin/mailboxes/" + mailbox.id();
        assertThat(admin.get(edit).body()).contains("smtp.invalid").doesNotContain("gizli-parola-1");
        assertThat(admin.submit(edit, edit, Map.of("address", address, "queue", "Genel", "smtpHost", "smtp2.invalid", "smtpPort", "2525",
                "smtpUsername", address, "smtpPassword", "")).status()).isEqualTo(302);
        assertThat(mailboxes.findByAddress(address).orElseThrow().smtp())
                .satisfies(smtp -> {
                    assertThat(smtp.host()).isEqualTo("smtp2.invalid");
                    assertThat(smtp.port()).isEqualTo(2525);
                    assertThat(smtp.password()).isEqualTo("gizli-parola-1");
                });
        assertThat(admin.get("/console/admin/mailboxes").body()).contains(address).doesNotContain("gizli-parola-1");

        assertThat(admin.submit("/console/admin/mailboxes", edit + "/delete", Map.of()).status()).isEqualTo(302);
        assertThat(mailboxes.findByAddress(address)).isEmpty();
    }

    @Test
    void consoleUsersAreAddedGivenANewPasswordAndDisabled() {
        String username = unique("sup").toLowerCase();
        assertThat(admin.submit("/console/admin/users", "/console/admin/users", Map.of("username", username, "displayName", "Süpervizör",
                "role", "supervisor", "password", "ilk-parola-1")).status()).isEqualTo(302);
        assertThat(Console.signIn(port, username, "ilk-parola-1").get("/console/admin").status()).isEqualTo(403);

        Console.Page tooShort = admin.submit("/console/admin/users", "/console/admin/users/" + username + "/password", Map.of("password", "kısa"));
        assertThat(admin.get(tooShort.location().substring(tooShort.location().indexOf("/console"))).body()).contains("en az 8 karakter");
        admin.submit("/console/admin/users", "/console/admin/users/" + username + "/password", Map.of("password", "yeni-parola-2"));
        assertThat(Console.signIn(port, username, "yeni-parola-2").get("/console/inbox").status()).isEqualTo(200);

        admin.submit("/console/admin/users", "/console/admin/users/" + username + "/enabled", Map.of("enabled", "false"));
        assertThatThrownBy(() -> Console.signIn(port, username, "yeni-parola-2")).hasMessageContaining("failed");
        Console.Page self = admin.submit("/console/admin/users", "/console/admin/users/admin/enabled", Map.of("enabled", "false"));
        assertThat(admin.get("/console/admin/users").body()).contains("Kendi kullanıcınızı devre dışı bırakamazsınız");
        assertThat(self.status()).isEqualTo(302);
    }

    @Test
    void cannedRepliesAreKeptPerLanguage() {
        String title = unique("Teşekkür");
        assertThat(admin.submit("/console/admin/canned", "/console/admin/canned", Map.of("title", title, "language", "az",
                "body", "Təşəkkür edirik, {{customer}}!")).status()).isEqualTo(302);
        String page = admin.get("/console/admin/canned").body();
        assertThat(page).contains(title).contains("{{customer}}");
        String id = page.substring(page.indexOf("/console/admin/canned/", page.indexOf(title) - 200) + "/console/admin/canned/".length());
        id = id.substring(0, 36);

        assertThat(admin.submit("/console/admin/canned/" + id, "/console/admin/canned/" + id, Map.of("title", title, "language", "en",
                "body", "Thank you, {{customer}}!")).status()).isEqualTo(302);
        assertThat(admin.get("/console/admin/canned/" + id).body()).contains("Thank you, {{customer}}!");
        Console.Page again = admin.submit("/console/admin/canned", "/console/admin/canned", Map.of("title", title, "language", "en",
                "body", "Overwritten?"));
        assertThat(again.body()).as("a second reply with the same title and language is refused").contains("Bu dilde bu başlıkla");
        assertThat(admin.get("/console/admin/canned/" + id).body()).contains("Thank you, {{customer}}!");
        assertThat(admin.submit("/console/admin/canned", "/console/admin/canned", Map.of("title", "", "language", "tr", "body", "x"))
                .body()).contains("Bir başlık yazın.");

        assertThat(admin.submit("/console/admin/canned", "/console/admin/canned/" + id + "/delete", Map.of()).status()).isEqualTo(302);
        assertThat(admin.get("/console/admin/canned/" + id).status()).isEqualTo(404);
    }

    private String queueId(String name) {
        return api.get("/api/v1/queues").json().valueStream().filter(q -> name.equals(q.at("/name").asString())).findFirst()
                .orElseThrow().at("/id").asString();
    }

    private String send(String entryPoint, String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"language":"tr",
                 "subject":%s,"text":%s}""".formatted(entryPoint, unique("admin"), unique("musteri"), Api.quote(subject), Api.quote(text)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
