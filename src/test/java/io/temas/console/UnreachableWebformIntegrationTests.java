package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import io.temas.support.Visitor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A help-centre form that left only a phone number, with no SMS provider configured: the
 * conversation has no way to answer at all, and the console says so above the reply box instead
 * of offering an empty channel list.
 */
@TemasIntegrationTest
class UnreachableWebformIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void aFormWithOnlyAPhoneAndNoSmsProviderIsToldAsUnreachable() {
        String local = "532" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        Visitor visitor = new Visitor(port, "198.51.100." + (20 + ThreadLocalRandom.current().nextInt(200)));
        assertThat(visitor.submit("/portal/contact", "/portal/contact", Map.of("name", "Kemal Telefoncu", "phone", "0" + local,
                "subject", "Fatura", "message", "Faturam iki kez kesildi, lütfen arayın.")).statusCode()).isEqualTo(200);

        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String customerId = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers?identifier=%2B90" + local).text("/items/0/id"), id -> id != null);
        String conversationId = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/conversations?customerId=" + customerId).text("/items/0/id"), id -> id != null);

        Console agent = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = agent.get("/console/conversations/" + conversationId).body();
        assertThat(page).contains("Bu müşteriye SMS üzerinden ulaşmanın bir yolu yok")
                .contains("Müşteri başka bir adres bırakmadı").doesNotContain("name=\"via\"");
    }
}
