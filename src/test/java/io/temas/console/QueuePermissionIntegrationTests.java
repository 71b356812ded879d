package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Queue permissions: an agent set to "only their own queues" neither reads nor changes, finds nor
 * lists a conversation of another queue, in the console or through a token bound to them; an
 * agent who sees all queues does.
 */
@TemasIntegrationTest
class QueuePermissionIntegrationTests {

    private static final String PASSWORD = "parola-izin-1";

    @LocalServerPort
    int port;

    Api api;
    Console admin;

    /** A conversation in Teknik Destek and one in Fatura, of two new customers. */
    Api.Response teknik;
    Api.Response fatura;
    String teknikReference;

    @BeforeEach
    void conversations() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        teknik = inbound("destek@ornek.com.tr", "Modemim bağlanmıyor", "Işıklar yanıp sönüyor.");
        fatura = inbound("fatura@ornek.com.tr", "Fatura itirazı", "Bu ay iki kez ödeme alınmış.");
        teknikReference = api.get("/api/v1/conversations/" + teknik.text("/conversationId")).text("/reference");
        assertThat(api.get("/api/v1/conversations/" + teknik.text("/conversationId")).text("/queue")).isEqualTo("Teknik Destek");
    }

    @Test
    void anAgentRestrictedToFaturaCannotOpenOrChangeATeknikDestekConversation() {
        Console restricted = Console.signIn(port, agentInFatura("own"), PASSWORD);
        String teknikPage = "/console/conversations/" + teknik.text("/conversationId");

        Console.Page refused = restricted.get(teknikPage);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Bu kuyruğu göremezsiniz").doesNotContain("Modemim bağlanmıyor");
        assertThat(restricted.get(teknikPage + "/thread").status()).isEqualTo(403);
        String csrf = restricted.get("/console/inbox").csrf();
        assertThat(restricted.post(teknikPage + "/note", csrf, Map.of("text", "izinsiz not")).status()).isEqualTo(403);
        assertThat(restricted.post(teknikPage + "/manage", csrf, Map.of("status", "closed")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/conversations/" + teknik.text("/conversationId")).json().at("/messages").toString())
                .doesNotContain("izinsiz not");
        assertThat(api.get("/api/v1/conversations/" + teknik.text("/conversationId")).text("/status")).isEqualTo("open");

        assertThat(restricted.get("/console/conversations/" + fatura.text("/conversationId")).status()).isEqualTo(200);
    }

    @Test
    void aRestrictedAgentDoesNotSeeItInInboxSearchOrCustomerTimeline() {
        Console restricted = Console.signIn(port, agentInFatura("own"), PASSWORD);

        assertThat(restricted.get("/console/inbox?view=queue&queue=" + queueId("Teknik Destek")).body()).doesNotContain(teknikReference);
        assertThat(restricted.get("/console/search?q=" + teknikReference).body())
                .doesNotContain("/console/conversations/" + teknik.text("/conversationId"));
        Console.Page customer = restricted.get("/console/customers/" + teknik.text("/customerId"));
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.body()).doesNotContain(teknikReference).doesNotContain("Modemim bağlanmıyor");
    }

    @Test
    void aRestrictedAgentsFiguresOfACustomerCountOnlyTheConversationsTheyMaySee() {
        String sender = "iki-kuyruk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String customer = inbound("fatura@ornek.com.tr", "Fatura sorusu", "Bu ayki tutar.", sender).text("/customerId");
        assertThat(inbound("destek@ornek.com.tr", "Modem sorusu", "Bağlantı kopuyor.", sender).text("/customerId")).isEqualTo(customer);

        Document seenByAdmin = Jsoup.parse(admin.get("/console/customers/" + customer).body());
        assertThat(CustomerFiguresIntegrationTests.figure(seenByAdmin, "Konuşmalar")).isEqualTo("2");
        assertThat(CustomerFiguresIntegrationTests.figure(seenByAdmin, "Açık")).isEqualTo("2");
        Document seenByRestricted = Jsoup.parse(Console.signIn(port, agentInFatura("own"), PASSWORD).get("/console/customers/" + customer).body());
        assertThat(CustomerFiguresIntegrationTests.figure(seenByRestricted, "Konuşmalar")).isEqualTo("1");
        assertThat(CustomerFiguresIntegrationTests.figure(seenByRestricted, "Açık")).isEqualTo("1");
        assertThat(seenByRestricted.text()).doesNotContain("Modem sorusu");
    }

    @Test
    void anUnrestrictedAgentOfTheSameQueueSeesItEverywhere() {
        Console open = Console.signIn(port, agentInFatura(""), PASSWORD);

        assertThat(open.get("/console/conversations/" + teknik.text("/conversationId")).status()).isEqualTo(200);
        assertThat(open.get("/console/search?q=" + teknikReference).body())
                .contains("/console/conversations/" + teknik.text("/conversationId"));
        assertThat(open.get("/console/customers/" + teknik.text("/customerId")).body()).contains(teknikReference);
    }

    @Test
    void aTokenBoundToARestrictedAgentGetsTheirPermission() {
        String username = agentInFatura("own");
        Api.Response issued = api.post("/api/v1/tokens", """
                {"name":"%s","scopes":["WRITE"],"user":"%s"}""".formatted("bound-" + username, username));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.text("/token/username")).isEqualTo(username);
        Api bound = api.withToken(issued.text("/value"));

        Api.Response refused = bound.get("/api/v1/conversations/" + teknik.text("/conversationId"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(bound.post("/api/v1/conversations/" + teknik.text("/conversationId") + "/messages", "{\"text\":\"x\",\"kind\":\"note\"}")
                .status()).isEqualTo(403);
        assertThat(bound.get("/api/v1/conversations?customerId=" + teknik.text("/customerId")).json().at("/items")).isEmpty();
        JsonNode timeline = bound.get("/api/v1/customers/" + teknik.text("/customerId")).json().at("/timeline");
        assertThat(timeline.valueStream().map(e -> e.at("/conversationId").asString()))
                .doesNotContain(teknik.text("/conversationId"));
        assertThat(bound.get("/api/v1/conversations/" + fatura.text("/conversationId")).status()).isEqualTo(200);

        // Unbound tokens see everything, as before.
        assertThat(api.get("/api/v1/conversations/" + teknik.text("/conversationId")).status()).isEqualTo(200);

        // A disabled user's tokens stop working.
        admin.submit("/console/admin/users", "/console/admin/users/" + username + "/enabled", Map.of("enabled", "false"));
        assertThat(bound.get("/api/v1/conversations/" + fatura.text("/conversationId")).status()).isEqualTo(401);
    }

    @Test
    void aTokenCannotBeBoundToAnUnknownUser() {
        Api.Response refused = api.post("/api/v1/tokens", "{\"name\":\"nobody\",\"scopes\":[\"READ\"],\"user\":\"kimse-yok\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("kimse-yok").contains("\"field\":\"user\"");
    }

    @Test
    void theRoleDefaultAppliesToUsersWithoutTheirOwnSetting() {
        String follower = agentInFatura("");
        try {
            assertThat(admin.submit("/console/admin/users", "/console/admin/users/queue-access",
                    Map.of("default.agent", "own", "default.supervisor", "all")).status()).isEqualTo(302);
            assertThat(admin.get("/console/admin/users").body()).contains("Rolün varsayılanı (Yalnızca kendi kuyrukları)");

            Console console = Console.signIn(port, follower, PASSWORD);
            assertThat(console.get("/console/conversations/" + teknik.text("/conversationId")).status()).isEqualTo(403);

            admin.submit("/console/admin/users", "/console/admin/users/" + follower + "/queue-access", Map.of("queueAccess", "all"));
            assertThat(console.get("/console/conversations/" + teknik.text("/conversationId")).status()).isEqualTo(200);
        } finally {
            admin.submit("/console/admin/users", "/console/admin/users/queue-access", Map.of("default.agent", "all", "default.supervisor", "all"));
        }
    }

    @Test
    void theAgentFormPutsARestrictedAgentBackOnTheRoleDefault() {
        String username = agentInFatura("own");
        Console agent = Console.signIn(port, username, PASSWORD);
        String teknikPage = "/console/conversations/" + teknik.text("/conversationId");
        assertThat(agent.get(teknikPage).status()).isEqualTo(403);

        setQueueAccessOnAgentForm(username, "");

        assertThat(agent.get(teknikPage).status()).as("the role's default: all queues").isEqualTo(200);
    }

    @Test
    void aSupervisorRestrictedToTheirOwnQueuesCannotReassignFromTheBoardWhatTheyCannotSee() {
        String teknikId = teknik.text("/conversationId");
        Console restricted = Console.signIn(port, supervisor("own"), PASSWORD);
        String csrf = restricted.get("/console/supervisor").csrf();

        Console.Page refused = restricted.post("/console/supervisor/reassign", csrf, Map.of("ids", teknikId, "queue", queueId("Fatura")));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + teknikId).text("/queue")).isEqualTo("Teknik Destek");

        Console open = Console.signIn(port, supervisor("all"), PASSWORD);
        Console.Page moved = open.post("/console/supervisor/reassign", open.get("/console/supervisor").csrf(),
                Map.of("ids", teknikId, "queue", queueId("Fatura")));
        assertThat(moved.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/conversations/" + teknikId).text("/queue")).isEqualTo("Fatura");
    }

    /** A new supervisor without an agent profile (so no queues of their own), with this queue permission. */
    @Test
    void aSupervisorRestrictedToTheirOwnQueuesNeitherSeesNorWorksOtherQueuesCallbacks() {
        String slot = api.get("/api/v1/callbacks/slots?date=" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(1)
                + "&entryPoint=%2B908502220000").json().get("slots").valueStream().findFirst()
                .or(() -> api.get("/api/v1/callbacks/slots?date=" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(3)
                        + "&entryPoint=%2B908502220000").json().get("slots").valueStream().findFirst())
                .orElseThrow().get("start").asString();
        String phone = "+90533" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        Api.Response booked = api.post("/api/v1/callbacks", "{\"phone\":\"" + phone + "\",\"slot\":\"" + slot
                + "\",\"entryPoint\":\"+908502220000\"}");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().get("id").asString();
        String day = java.time.Instant.parse(slot).atZone(java.time.ZoneId.of("Europe/Istanbul")).toLocalDate().toString();

        Console restricted = Console.signIn(port, supervisor("own"), PASSWORD);
        Console.Page board = restricted.get("/console/callbacks?date=" + day);
        assertThat(board.status()).isEqualTo(404);
        assertThat(board.body()).doesNotContain(phone);
        String csrf = restricted.get("/console/supervisor").csrf();
        assertThat(restricted.post("/console/callbacks/" + id + "/cancel", csrf, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/callbacks/" + id).text("/state")).isEqualTo("booked");

        Console open = Console.signIn(port, supervisor("all"), PASSWORD);
        assertThat(open.get("/console/callbacks?date=" + day).status()).isEqualTo(200);
        assertThat(open.post("/console/callbacks/" + id + "/cancel", open.get("/console/supervisor").csrf(), Map.of()).status())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/callbacks/" + id).text("/state")).isEqualTo("cancelled");
    }

    private String supervisor(String queueAccess) {
        String username = ("sef-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        assertThat(admin.submit("/console/admin/users", "/console/admin/users", Map.of("username", username, "displayName", "Şef",
                "role", "supervisor", "password", PASSWORD)).status()).isEqualTo(302);
        assertThat(admin.submit("/console/admin/users", "/console/admin/users/" + username + "/queue-access",
                Map.of("queueAccess", queueAccess)).status()).isEqualTo(302);
        return username;
    }

    /**
     * A new agent in Fatura, offline so routing gives them nothing, with their queue permission set
     * on the agent edit form ({@code own}, {@code all}, or blank for the role's default).
     */
    private String agentInFatura(String queueAccess) {
        String username = ("izin-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        List<Map.Entry<String, String>> fields = List.of(Map.entry("username", username), Map.entry("displayName", "İzin Ajanı"),
                Map.entry("email", ""), Map.entry("password", PASSWORD), Map.entry("skills", "billing"), Map.entry("languages", "tr"),
                Map.entry("queues", queueId("Fatura")), Map.entry("presence", "offline"));
        assertThat(admin.submit("/console/admin/agents", "/console/admin/agents", fields).status()).isEqualTo(302);
        setQueueAccessOnAgentForm(username, queueAccess);
        return username;
    }

    private void setQueueAccessOnAgentForm(String username, String queueAccess) {
        String agentId = api.get("/api/v1/agents").json().valueStream().filter(a -> username.equals(a.at("/username").asString()))
                .findFirst().orElseThrow().at("/id").asString();
        String edit = "/console/admin/agents/" + agentId;
        Console.Page form = admin.get(edit);
        assertThat(form.body()).contains("name=\"queueAccess\"");
        List<Map.Entry<String, String>> update = List.of(Map.entry("displayName", "İzin Ajanı"), Map.entry("email", ""),
                Map.entry("skills", "billing"), Map.entry("languages", "tr"), Map.entry("queues", queueId("Fatura")),
                Map.entry("presence", "offline"), Map.entry("queueAccess", queueAccess));
        assertThat(admin.submit(edit, edit, update).status()).isEqualTo(302);
    }

    private String queueId(String name) {
        return api.get("/api/v1/queues").json().valueStream().filter(q -> name.equals(q.at("/name").asString()))
                .findFirst().orElseThrow().at("/id").asString();
    }

    private Api.Response inbound(String entryPoint, String subject, String text) {
        return inbound(entryPoint, subject, text, "izin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    private Api.Response inbound(String entryPoint, String subject, String text, String sender) {
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s","name":"İzin Müşterisi"},"subject":%s,"text":%s}"""
                .formatted(entryPoint, UUID.randomUUID(), sender, Api.quote(subject), Api.quote(text)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }
}
