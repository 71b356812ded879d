package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Acknowledgements are signed with the organisation's name, which the admin sets on the
 * acknowledgements screen (the demo loads "Örnek A.Ş."); the preview shows it at once.
 */
@TemasIntegrationTest
class OrganisationNameIntegrationTests {

    @LocalServerPort
    int port;

    private static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theAdminsNameSignsTheNextAcknowledgement() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        assertThat(admin.get("/console/admin/acks").body()).as("the demo's name").contains("value=\"Örnek A.Ş.\"");
        try {
            Console.Page saved = admin.submit("/console/admin/acks", "/console/admin/organisation", Map.of("name", "Deneme Ticaret Ltd."));
            assertThat(saved.status()).isEqualTo(302);

            String conversation = api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                     "subject":"İmza","text":"Merhaba, bir sorum var."}""".formatted(unique("imza"), unique("imza"))).text("/conversationId");
            String ack = api.get("/api/v1/conversations/" + conversation).json().at("/messages").valueStream()
                    .filter(m -> m.at("/kind").asString().equals("ack")).findFirst().orElseThrow().at("/text").asString();

            assertThat(ack).endsWith("Deneme Ticaret Ltd.");
            assertThat(admin.get("/console/admin/acks").body()).contains("Deneme Ticaret Ltd.");
            assertThat(admin.submit("/console/admin/acks", "/console/admin/organisation", Map.of("name", "Ç".repeat(121))).status())
                    .isEqualTo(302);
            assertThat(admin.submit("/console/admin/acks", "/console/admin/organisation", Map.of("name", " ")).status()).isEqualTo(302);
            assertThat(admin.get("/console/admin/acks").body()).as("neither a name over 120 characters nor a blank one is taken")
                    .contains("value=\"Deneme Ticaret Ltd.\"");
        } finally {
            admin.submit("/console/admin/acks", "/console/admin/organisation", Map.of("name", "Örnek A.Ş."));
        }
    }
}
