package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With {@code temas.routing.retirement-alternatives} set, the notice names those entry points, in that order, and no others. */
@TemasIntegrationTest
@TestPropertySource(properties = "temas.routing.retirement-alternatives=+90 850 222 00 00,destek@ornek.com.tr,yok@ornek.com.tr")
class RetirementAlternativesIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theConfiguredAlternativesAreNamedInTheirOrder() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String queue = unique("Liste");
        api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}");
        String address = unique("liste") + "@ornek.com.tr";
        assertThat(api.post("/api/v1/entry-points", """
                {"address":"%s","channel":"email","queue":"%s","state":"retired","retiresAt":"%s"}"""
                .formatted(address, queue, LocalDate.now(ZoneId.of("Europe/Istanbul")))).status()).isEqualTo(201);
        String sms = "+90216" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        api.post("/api/v1/entry-points", "{\"address\":\"%s\",\"channel\":\"sms\",\"queue\":\"%s\"}".formatted(sms, queue));

        Api.Response sent = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Order","text":"Hello, where is my order? Thank you."}""".formatted(address, unique("liste"), unique("liste")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String notice = api.get("/api/v1/conversations/" + sent.text("/conversationId")).json().at("/messages").valueStream()
                .filter(m -> m.at("/kind").asString().equals("notice")).findFirst().orElseThrow().at("/text").asString();

        assertThat(notice).contains("no longer in use", "+908502220000, E-mail: destek@ornek.com.tr").doesNotContain(sms, "yok@");
    }
}
