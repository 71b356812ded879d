package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@TemasIntegrationTest
class SlaIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Conversations conversations;

    @Test
    void anOverdueFirstResponseIsMarkedBreachedAndEscalated() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Bekliyorum","text":"Hâlâ cevap yok"}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        String id = created.text("/conversationId");
        Instant due = Instant.parse(api.get("/api/v1/conversations/" + id).text("/sla/firstResponseDue"));
        assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("normal");

        conversations.markBreaches(due.minusSeconds(1));
        assertThat(api.get("/api/v1/conversations/" + id).json().at("/sla/firstResponseBreached").asBoolean()).isFalse();

        assertThat(conversations.markBreaches(due.plusSeconds(1))).isPositive();

        assertThat(api.get("/api/v1/conversations/" + id).json().at("/sla/firstResponseBreached").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("high"));
    }
}
