package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input in the console gets a readable page in the user's language, never a server error or SQL. */
@TemasIntegrationTest
class ConsoleBadInputIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void aMalformedLanguageCookieDoesNotBreakTheSignInPage() {
        Console browser = Console.anonymous(port);
        browser.cookie("temas-lang", "x@y");

        Console.Page login = browser.get("/login");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.csrf()).isNotBlank();
    }

    @Test
    void aMalformedLanguageCookieDoesNotBreakConsolePages() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        admin.cookie("temas-lang", "x@y");

        assertThat(admin.get("/console/inbox").status()).isEqualTo(200);
        assertThat(admin.get("/console/admin/queues").status()).isEqualTo(200);
    }

    @Test
    void aNulInTheCustomerSearchIsRemoved() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        Console.Page page = admin.get("/console/customers?q=ay%00se");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("ayse").doesNotContain("\u0000");
    }

    @Test
    void aValueLongerThanTheDatabaseCanIndexGetsAReadablePage() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        // Letters that do not compress, as a pasted text would be: a repeated letter would fit in an index entry.
        Random random = new Random(42);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 9000; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }

        Console.Page page = admin.submit("/console/admin/queues", "/console/admin/queues", Map.of("name", name.toString()));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("Değer kaydedilemedi").doesNotContainIgnoringCase("sql").doesNotContain("index row");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequestNamingIt() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        Console.Page page = admin.get("/console/inbox?queue=not-a-queue");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("queue").doesNotContain("MethodArgumentTypeMismatch");
    }

    @Test
    void aPathSegmentOfTheWrongTypeNamesNothing() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        assertThat(admin.get("/console/conversations/not-an-id").status()).isEqualTo(404);
    }
}
