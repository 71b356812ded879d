package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An agent who works on a conversation nobody has takes it: replying in the console or through a
 * token acting for them, or setting its status; two at once leave one owner. Someone who is no
 * agent (a token acting for nobody) leaves it as it is. Every manual change is on the customer's
 * timeline with who made it, and the console says it in the reader's language.
 */
@TemasIntegrationTest
class TakingOverIntegrationTests {

    private static final String PASSWORD = "parola-ustlenme-1";

    @LocalServerPort
    int port;

    Api api;
    Console admin;
    String suffix;
    String queue;
    String queueId;
    String address;

    @BeforeEach
    void queueWithNobodyOnline() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "Üstlenme " + suffix;
        address = "ustlenme-" + suffix + "@ornek.com.tr";
        queueId = api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").text("/id");
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}").status()).isEqualTo(201);
    }

    @Test
    void anAgentWhoRepliesInTheConsoleToAnUnassignedConversationOwnsIt() {
        String ayla = agentUser("ayla");
        String conversation = waiting();

        Console agent = Console.signIn(port, "ayla-" + suffix, PASSWORD);
        Console.Page sent = agent.submit("/console/conversations/" + conversation, "/console/conversations/" + conversation + "/reply",
                Map.of("channel", "email", "text", "Merhaba, hemen bakıyorum."));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(agent.get(sent.location().replaceFirst("^https?://[^/]+", "")).body()).contains("alert ok");

        assertThat(assignee(conversation)).isEqualTo(ayla);
        assertThat(summaries(conversation, "conversation.taken")).containsExactly("Taken by Ayla " + suffix + " on replying");
    }

    @Test
    void aReplyByATokenActingForNoAgentLeavesItUnassigned() {
        String conversation = waiting();

        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\":\"Bakıyoruz.\"}").status()).isEqualTo(201);

        assertThat(assignee(conversation)).isNull();
        assertThat(summaries(conversation, "conversation.taken")).isEmpty();
    }

    @Test
    void twoAgentsReplyingAtOnceLeaveOneOwnerWhoTookIt() throws Exception {
        List<String> agents = List.of(agentUser("ayla"), agentUser("baris"));
        List<Api> tokens = List.of(api.withToken(token("ayla")), api.withToken(token("baris")));
        for (int round = 0; round < 5; round++) {
            String conversation = waiting();
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Api.Response>> both = new ArrayList<>();
                for (Api token : tokens) {
                    both.add(executor.submit(() -> {
                        together.await();
                        return token.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\":\"Bakıyorum.\"}");
                    }));
                }
                for (Future<Api.Response> response : both) {
                    assertThat(response.get().status()).as(response.get().body()).isEqualTo(201);
                }
            }
            assertThat(assignee(conversation)).isIn(agents);
            assertThat(summaries(conversation, "conversation.taken")).as("taken once, by the one who has it").hasSize(1)
                    .first().asString().startsWith("Taken by " + (assignee(conversation).equals(agents.get(0)) ? "Ayla" : "Baris"));
        }
    }

    @Test
    void anAgentsChangesInTheConsoleAreOnTheTimelineWithTheirNameInTheReadersLanguage() {
        String ayla = agentUser("ayla");
        String other = "Başka " + suffix;
        api.post("/api/v1/queues", "{\"name\":\"" + other + "\"}");
        String otherId = api.get("/api/v1/queues").json().valueStream().filter(q -> other.equals(q.at("/name").asString()))
                .findFirst().orElseThrow().at("/id").asString();
        String conversation = waiting();
        Console agent = Console.signIn(port, "ayla-" + suffix, PASSWORD);
        String page = "/console/conversations/" + conversation;

        assertThat(agent.submit(page, page + "/manage", Map.of("priority", "high")).status()).isEqualTo(302);
        assertThat(assignee(conversation)).as("a priority changes nobody's work").isNull();
        assertThat(agent.submit(page, page + "/manage", Map.of("tags", "İade, vip")).status()).isEqualTo(302);
        assertThat(agent.submit(page, page + "/manage", Map.of("status", "resolved")).status()).isEqualTo(302);
        assertThat(assignee(conversation)).as("resolved by an agent, never with no owner").isEqualTo(ayla);
        assertThat(agent.submit(page, page + "/manage", Map.of("queue", otherId, "agent", "")).status()).isEqualTo(302);

        String name = "Ayla " + suffix;
        assertThat(summaries(conversation, "conversation.priority")).containsExactly("Priority set to high by " + name);
        assertThat(summaries(conversation, "conversation.tagged")).containsExactly("Tags set to iade, vip by " + name);
        assertThat(summaries(conversation, "conversation.taken")).containsExactly("Taken by " + name);
        assertThat(summaries(conversation, "conversation.status")).containsExactly("Status set to resolved by " + name);
        assertThat(summaries(conversation, "conversation.transferred")).containsExactly("Transferred to queue " + other + " by " + name);
        assertThat(summaries(conversation, "conversation.unassigned")).containsExactly(
                "Unassigned from " + name + " by " + name + "; back in queue " + other);

        String customer = api.get("/api/v1/conversations/" + conversation).text("/customerId");
        String turkish = admin.get("/console/customers/" + customer).body();
        assertThat(turkish).contains("Durum: Çözüldü (değiştiren: " + name + ")", "Öncelik: Yüksek (değiştiren: " + name + ")",
                "Etiketler: iade, vip (değiştiren: " + name + ")", name + " konuşmayı üstlendi",
                other + " kuyruğuna aktarıldı (yapan: " + name + ")");
    }

    /** An agent of the queue with a console user, offline, so nothing is given to them automatically; answers the agent id. */
    private String agentUser(String name) {
        String username = name + "-" + suffix;
        assertThat(admin.submit("/console/admin/agents", "/console/admin/agents", List.of(Map.entry("username", username),
                Map.entry("displayName", capitalised(name) + " " + suffix), Map.entry("email", ""), Map.entry("password", PASSWORD),
                Map.entry("skills", ""), Map.entry("languages", "tr"), Map.entry("queues", queueId), Map.entry("presence", "offline"),
                Map.entry("capacity.email", "5"))).status()).isEqualTo(302);
        return api.get("/api/v1/agents").json().valueStream().filter(a -> username.equals(a.at("/username").asString()))
                .findFirst().orElseThrow().at("/id").asString();
    }

    private String token(String name) {
        Api.Response issued = api.post("/api/v1/tokens", """
                {"name":"%s-%s","scopes":["WRITE"],"user":"%s-%s"}""".formatted(name, suffix, name, suffix));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.text("/value");
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A conversation waiting in the queue, with nobody online to take it. */
    private String waiting() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"subject":"Soru","text":"Merhaba"}"""
                .formatted(address, UUID.randomUUID(), UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String conversation = response.text("/conversationId");
        assertThat(assignee(conversation)).isNull();
        return conversation;
    }

    private String assignee(String conversation) {
        return api.get("/api/v1/conversations/" + conversation).text("/assigneeId");
    }

    private List<String> summaries(String conversation, String kind) {
        String customer = api.get("/api/v1/conversations/" + conversation).text("/customerId");
        List<String> found = new ArrayList<>();
        for (JsonNode e : api.get("/api/v1/customers/" + customer).json().at("/timeline")) {
            if (kind.equals(e.at("/kind").asString()) && conversation.equals(e.at("/conversationId").asString())) {
                found.add(e.at("/summary").asString());
            }
        }
        return found;
    }
}
