package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor's decision about who works a conversation sticks: unassigned on the board, it waits
 * in its queue instead of going straight back; reassigned, it stays; the agent it was taken from
 * gets it again only when nobody else who could take it is online. Races are decided by the
 * database. Every change is on the customer's timeline with who made it.
 */
@TemasIntegrationTest
class ManualAssignmentIntegrationTests {

    private static final String PASSWORD = "parola-karar-1";

    @LocalServerPort
    int port;

    @Autowired
    Assignment assignment;

    @Autowired
    Assigner assigner;

    @Autowired
    Conversations conversations;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String suffix;
    String queue;
    String queueId;
    String address;

    @BeforeEach
    void ownQueue() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "Karar " + suffix;
        address = "karar-" + suffix + "@ornek.com.tr";
        queueId = api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").text("/id");
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}").status()).isEqualTo(201);
    }

    @Test
    void aSupervisorsUnassignOnTheBoardLeavesItWaitingForSomeoneElse() {
        String ayla = agentUser("ayla", 5);
        String baris = agent("baris", 1, "online");
        String conversation = send();
        assertThat(assignee(conversation)).as("the one with most room gets it").isEqualTo(ayla);

        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page done = selin.submit("/console/supervisor?queue=" + queueId, "/console/supervisor/reassign",
                Map.of("ids", conversation, "agent", "", "queue", "", "back", queueId));
        assertThat(done.status()).isEqualTo(302);
        listenersDone(conversation);

        assertThat(assignee(conversation)).as("not given straight back to Ayla, who still has the most room").isNull();
        assertThat(api.get("/api/v1/conversations?queue=" + queueId + "&unassigned=true").json().at("/items").valueStream()
                .map(i -> i.at("/id").asString()).toList())
                .as("it waits in the queue's unassigned list").contains(conversation);
        Console agentsView = Console.signIn(port, "ayla-" + suffix, PASSWORD);
        assertThat(agentsView.get("/console/inbox?view=unassigned").body()).as("the queue's agents see it waiting")
                .contains(api.get("/api/v1/conversations/" + conversation).text("/reference"));
        assertThat(summaries(conversation, "conversation.unassigned"))
                .containsExactly("Unassigned from ayla " + suffix + " by Selin Arslan; back in queue " + queue);

        // The hold runs out: the auto-assigner offers it, to the other agent although Ayla has more room.
        assertThat(assignment.endHolds(Instant.now().plus(Duration.ofMinutes(10)))).isGreaterThanOrEqualTo(1);
        assertThat(assignee(conversation)).isEqualTo(baris);
    }

    @Test
    void theAgentItWasTakenFromGetsItAgainOnlyWhenNobodyElseWhoCouldTakeItIsOnline() {
        String ayla = agent("ayla", 5, "online");
        String baris = agent("baris", 1, "online");
        String conversation = send();
        String other = send();
        assertThat(assignee(conversation)).isEqualTo(ayla);
        assign(other, baris); // Barış is now full
        assertThat(api.post("/api/v1/conversations/" + conversation + "/assign", "{\"agentId\":null}").status()).isEqualTo(200);
        listenersDone(conversation);

        assignment.endHolds(Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(assignee(conversation)).as("Barış is online and could take it once he has room: it waits for him").isNull();

        api.put("/api/v1/agents/" + baris, """
                {"username":"baris-%s","capacity":{"email":1},"queues":["%s"],"presence":"offline"}""".formatted(suffix, queue));
        api.post("/api/v1/conversations/" + other + "/status", "{\"status\":\"resolved\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(assignee(conversation)).as("nobody else is online: Ayla may have it again").isEqualTo(ayla));
    }

    @Test
    void aReassignmentOnTheBoardSticksAndSaysWhoMadeIt() {
        String ayla = agent("ayla", 5, "online");
        String baris = agent("baris", 1, "online");
        String conversation = send();
        assertThat(assignee(conversation)).isEqualTo(ayla);

        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(selin.submit("/console/supervisor?queue=" + queueId, "/console/supervisor/reassign",
                Map.of("ids", conversation, "agent", baris, "queue", "", "back", queueId)).status()).isEqualTo(302);
        listenersDone(conversation);

        assertThat(assignee(conversation)).isEqualTo(baris);
        assertThat(summaries(conversation, "conversation.reassigned"))
                .containsExactly("Reassigned from ayla " + suffix + " to baris " + suffix + " by Selin Arslan");

        // Later it is taken from Barış too: it goes to Cem, who came online, not back to Ayla, who has the most room.
        String cem = agent("cem", 1, "online");
        assertThat(api.post("/api/v1/conversations/" + conversation + "/assign", "{\"agentId\":null}").status()).isEqualTo(200);
        listenersDone(conversation);
        assignment.endHolds(Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(assignee(conversation)).isEqualTo(cem);
    }

    @Test
    void anAssignerThatReadTheConversationBeforeTheUnassignDoesNotGiveItBack() {
        String conversation = send();
        Conversation stale = conversations.get(UUID.fromString(conversation));
        assertThat(stale.assigneeId()).as("nobody was online").isNull();
        String ayla = agent("ayla", 5, "offline");
        assign(conversation, ayla);
        api.put("/api/v1/agents/" + ayla, """
                {"username":"ayla-%s","capacity":{"email":5},"queues":["%s"],"presence":"online"}""".formatted(suffix, queue));
        assertThat(api.post("/api/v1/conversations/" + conversation + "/assign", "{\"agentId\":null}").status()).isEqualTo(200);

        assertThat(assigner.assign(stale)).as("the supervisor's unassign stands against a stale read").isEmpty();
        assertThat(assignee(conversation)).isNull();
    }

    @Test
    void concurrentReassignmentsAreServedOneAfterTheOtherEachOnWhatTheOtherLeft() throws Exception {
        String ayla = agent("ayla", 20, "online");
        String baris = agent("baris", 20, "offline");
        String cem = agent("cem", 20, "offline");
        for (int round = 0; round < 5; round++) {
            String conversation = send();
            assertThat(assignee(conversation)).isEqualTo(ayla);
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Api.Response>> both = new ArrayList<>();
                for (String to : List.of(baris, cem)) {
                    both.add(executor.submit(() -> {
                        together.await();
                        return api.post("/api/v1/conversations/" + conversation + "/assign", "{\"agentId\":\"" + to + "\"}");
                    }));
                }
                for (Future<Api.Response> response : both) {
                    assertThat(response.get().status()).as(response.get().body()).isEqualTo(200);
                }
            }
            String last = assignee(conversation);
            String first = last.equals(baris) ? cem : baris;
            assertThat(summaries(conversation, "conversation.reassigned")).as("the second reassigns from where the first left it")
                    .containsExactlyInAnyOrder(
                            "Reassigned from ayla " + suffix + " to " + name(first) + " by token:bootstrap",
                            "Reassigned from " + name(first) + " to " + name(last) + " by token:bootstrap");
        }
    }

    private String name(String agentId) {
        return api.get("/api/v1/agents/" + agentId).text("/displayName");
    }

    private void assign(String conversation, String agentId) {
        assertThat(api.post("/api/v1/conversations/" + conversation + "/assign", "{\"agentId\":\"" + agentId + "\"}").status())
                .isEqualTo(200);
    }

    /** Waits until every listener of the events about the conversation has run (the publication registry empties). */
    private void listenersDone(String conversation) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        select count(*) from event_publication where completion_date is null and serialized_event like ?""")
                .param("%" + conversation + "%").query(Integer.class).single() == 0);
    }

    private String assignee(String conversation) {
        return api.get("/api/v1/conversations/" + conversation).text("/assigneeId");
    }

    /** The English summaries of the conversation's timeline entries of one kind. */
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

    /** An online agent of the queue who can also sign in to the console. */
    private String agentUser(String name, int emailCapacity) {
        String username = name + "-" + suffix;
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        assertThat(admin.submit("/console/admin/agents", "/console/admin/agents", List.of(Map.entry("username", username),
                Map.entry("displayName", name + " " + suffix), Map.entry("email", ""), Map.entry("password", PASSWORD),
                Map.entry("skills", ""), Map.entry("languages", "tr"), Map.entry("queues", queueId), Map.entry("presence", "online"),
                Map.entry("capacity.email", String.valueOf(emailCapacity)))).status()).isEqualTo(302);
        return api.get("/api/v1/agents").json().valueStream().filter(a -> username.equals(a.at("/username").asString()))
                .findFirst().orElseThrow().at("/id").asString();
    }

    private String agent(String name, int emailCapacity, String presence) {
        Api.Response response = api.post("/api/v1/agents", """
                {"username":"%s-%s","displayName":"%s %s","capacity":{"email":%d},"queues":["%s"],"presence":"%s"}"""
                .formatted(name, suffix, name, suffix, emailCapacity, queue, presence));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/id");
    }

    private String send() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"subject":"Soru","text":"Merhaba"}"""
                .formatted(address, UUID.randomUUID(), UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }
}
