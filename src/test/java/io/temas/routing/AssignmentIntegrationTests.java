package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@TemasIntegrationTest
class AssignmentIntegrationTests {

    @LocalServerPort
    int port;

    Api api;
    String queue;
    String address;

    @BeforeEach
    void queueWithOneAgentOfCapacityOne() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "Kapasite " + suffix;
        address = "kapasite-" + suffix + "@ornek.com.tr";
        api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}");
        api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}");
    }

    @Test
    void anAgentNeverGetsMoreThanTheirCapacityAndWaitingWorkIsOfferedWhenCapacityFrees() {
        String agentId = agent("tek-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");

        String first = send();
        String second = send();

        assertThat(api.get("/api/v1/conversations/" + first).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isNull();

        api.post("/api/v1/conversations/" + first + "/status", "{\"status\":\"resolved\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isEqualTo(agentId));
    }

    @Test
    void theQualifiedAgentWithMostSpareCapacityGetsTheConversation() {
        String small = agent("az-" + UUID.randomUUID().toString().substring(0, 8), 2, "online");
        String large = agent("cok-" + UUID.randomUUID().toString().substring(0, 8), 5, "online");
        agent("yok-" + UUID.randomUUID().toString().substring(0, 8), 50, "offline");

        assertThat(api.get("/api/v1/conversations/" + send()).text("/assigneeId")).isEqualTo(large);
        assertThat(api.get("/api/v1/conversations?assigneeId=" + small).json().at("/items")).isEmpty();
    }

    @Test
    void anAgentComingOnlineIsOfferedWaitingConversations() {
        String late = agent("gec-" + UUID.randomUUID().toString().substring(0, 8), 3, "offline");
        String waiting = send();
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isNull();

        api.put("/api/v1/agents/" + late, """
                {"username":"%s","capacity":{"email":3},"queues":["%s"],"presence":"online"}"""
                .formatted(api.get("/api/v1/agents/" + late).text("/username"), queue));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isEqualTo(late));
    }

    @Test
    void routingThatReadAConversationBeforeSomeoneElseTookItLeavesItWithThem(@org.springframework.beans.factory.annotation.Autowired
                                                                               Assigner assigner,
                                                                               @org.springframework.beans.factory.annotation.Autowired
                                                                               io.temas.conversations.Conversations conversations) {
        String waiting = send();
        io.temas.conversations.Conversation stale = conversations.get(UUID.fromString(waiting));
        assertThat(stale.assigneeId()).isNull();
        String chosen = agent("secilen-" + UUID.randomUUID().toString().substring(0, 8), 3, "online");
        api.post("/api/v1/conversations/" + waiting + "/assign", "{\"agentId\":\"" + chosen + "\"}");
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isEqualTo(chosen);

        agent("bos-" + UUID.randomUUID().toString().substring(0, 8), 3, "online");
        assertThat(assigner.assign(stale)).as("the routing's read is stale").isEmpty();
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).as("the supervisor's choice stands").isEqualTo(chosen);
    }

    private String agent(String username, int emailCapacity, String presence) {
        Api.Response response = api.post("/api/v1/agents", """
                {"username":"%s","displayName":"%s","capacity":{"email":%d},"queues":["%s"],"presence":"%s"}"""
                .formatted(username, username, emailCapacity, queue, presence));
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
