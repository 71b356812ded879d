package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Handing conversations over and merging them through the API: the same operations the console calls. */
@TemasIntegrationTest
class ConversationsApiIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void aConversationMergedByItsReferenceBringsItsMessagesAndOnlyTheSameCustomersMayBeMerged() {
        String customer = unique("birlesme") + "@example.com";
        String first = send(customer, "Fatura sorusu", "İlk mesajım");
        api.post("/api/v1/conversations/" + first + "/status", "{\"status\":\"closed\"}");
        String second = send(customer, "Yine fatura", "İkinci mesajım");
        assertThat(second).isNotEqualTo(first);
        String reference = api.get("/api/v1/conversations/" + first).text("/reference");

        Api.Response merged = api.post("/api/v1/conversations/" + second + "/merge", "{\"other\":\"[#" + reference + "]\"}");

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode survivor = api.get("/api/v1/conversations/" + second).json();
        assertThat(survivor.at("/messages").valueStream().map(m -> m.at("/text").asString()))
                .contains("İlk mesajım", "İkinci mesajım");
        assertThat(api.post("/api/v1/conversations/" + second + "/merge", "{\"other\":\"" + second + "\"}").status())
                .as("into itself").isEqualTo(422);
        String stranger = send(unique("yabanci") + "@example.com", "Başka biri", "Merhaba");
        assertThat(api.post("/api/v1/conversations/" + second + "/merge", "{\"other\":\"" + stranger + "\"}").status())
                .as("another customer's").isEqualTo(422);
        assertThat(api.post("/api/v1/conversations/" + second + "/merge", "{\"other\":\"T-0\"}").status()).isEqualTo(404);
    }

    @Test
    void aTransferToAQueueLeavesTheAgentAndOffersTheConversationThere() {
        String queue = unique("Devir");
        api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}");
        String agent = api.post("/api/v1/agents", """
                {"username":"%s","capacity":{"email":3},"queues":["%s"],"presence":"online"}""".formatted(unique("devir"), queue))
                .text("/id");
        String conversation = send(unique("devir") + "@example.com", "Kargo", "Paketim nerede?");

        Api.Response transferred = api.post("/api/v1/conversations/" + conversation + "/assign", "{\"queue\":\"" + queue + "\"}");

        assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);
        assertThat(transferred.text("/queue")).isEqualTo(queue);
        assertThat(transferred.text("/assigneeId")).as("offered in the new queue at once").isEqualTo(agent);
        assertThat(api.get("/api/v1/conversations/" + conversation).text("/routing/reason")).isEqualTo("transferred to " + queue);
    }

    private String send(String from, String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s"},"subject":%s,"text":%s}"""
                .formatted(unique("devir"), from, Api.quote(subject), Api.quote(text)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }
}
