package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class OutboxIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    Outbox outbox;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void aTemporaryFailureIsRetriedLaterWithBackoff() {
        String conversationId = messageFrom("fail-temp-" + UUID.randomUUID());
        Instant before = Instant.now();

        dispatcher.dispatch();

        Outbox.Entry ack = outbox.forConversation(UUID.fromString(conversationId)).getFirst();
        assertThat(ack.status()).isEqualTo("pending");
        assertThat(ack.attempts()).isEqualTo(1);
        assertThat(ack.lastError()).contains("provider busy");
        assertThat(ack.nextAttemptAt()).isAfter(before.plus(Duration.ofSeconds(5)));
        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("queued");
    }

    @Test
    void aPermanentFailureIsShownOnTheConversation() {
        String conversationId = messageFrom("fail-perm-" + UUID.randomUUID());

        dispatcher.dispatch();

        assertThat(outbox.forConversation(UUID.fromString(conversationId)).getFirst().status()).isEqualTo("failed");
        JsonNode ack = message(conversationId);
        assertThat(ack.at("/delivery").asString()).isEqualTo("failed");
        assertThat(ack.at("/deliveryError").asString()).isEqualTo("no such user on the network");
    }

    @Test
    void aSuccessfulSendIsMarkedSent() {
        String conversationId = messageFrom("ok-" + UUID.randomUUID());

        dispatcher.dispatch();

        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("sent");
        assertThat(outbox.forConversation(UUID.fromString(conversationId)).getFirst().transport()).isEqualTo("scripted");
    }

    private String messageFrom(String handle) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"social","entryPoint":"instagram:ornek","externalId":"%s","from":{"handle":"%s","network":"instagram"},
                 "text":"Merhaba, siparişim nerede?"}""".formatted(UUID.randomUUID(), handle));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private JsonNode message(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId).json().at("/messages").valueStream()
                .filter(m -> "ack".equals(m.at("/kind").asString())).findFirst().orElseThrow();
    }
}
