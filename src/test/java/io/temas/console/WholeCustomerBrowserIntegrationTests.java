package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole customer on one screen: the bank's other systems say the customer visited a branch yesterday and was
 * refused at an ATM this morning; the customer is a VIP at risk. When they write in, the agent who opens the
 * conversation sees both events on the 360, the stage, and the alerts on top of it, in Turkish, on a desktop and a phone.
 */
@TemasIntegrationTest
class WholeCustomerBrowserIntegrationTests {

    private static Browser chromium;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void browser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theAgentSeesTheBranchVisitTheAtmRefusalAndTheVipAtRiskAlertOnTop() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String u = UUID.randomUUID().toString().substring(0, 8);
        String email = "butun-" + u + "@example.com";
        Instant now = Instant.now();
        Api.Response events = api.postRaw("/api/v1/customer-events", "application/x-ndjson", """
                {"type":"branch_visit","at":"%s","sourceId":"branch-%s","identifiers":{"email":"%s"},"attributes":{"branch":"Kadıköy şubesi"}}
                {"type":"atm_use","at":"%s","sourceId":"atm-%s","identifiers":{"email":"%s"},"attributes":{"atm":"Moda ATM","outcome":"refused"}}
                """.formatted(now.minus(1, ChronoUnit.DAYS), u, email, now, u, email).getBytes(StandardCharsets.UTF_8));
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        assertThat(events.json().at("/taken").asInt()).isEqualTo(2);

        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s","name":"Bütün %s"},
                 "subject":"Kartım","text":"Kartım bu sabah ATM'de reddedildi, neden?","language":"tr"}""".formatted(u, email, u));
        assertThat(inbound.status()).as(inbound.body()).isEqualTo(201);
        String customer = inbound.text("/customerId");
        String conversation = inbound.text("/conversationId");
        assertThat(api.patch("/api/v1/customers/" + customer + "/profile", "{\"vip\":true}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/customers/" + customer + "/lifecycle", "{\"stage\":\"at_risk\",\"reason\":\"ATM\"}").status())
                .isEqualTo(200);

        // The alerts come from a recomputation a moment after these changes. A page rendered before it hears of them only
        // over its live connection, which may not be open yet: the page is opened once both are there.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                select count(*) from customer_alerts where customer_id = ?::uuid and cleared_at is null""")
                .param(customer).query(Integer.class).single() >= 2);

        try (BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
            page.navigate("http://localhost:" + port + "/console/conversations/" + conversation + "?lang=tr");
            Locator alerts = page.locator("#rule-alerts-" + customer + " li.rule-alert");
            assertThat(alerts.filter(new Locator.FilterOptions().setHasText("VIP müşteri kaybedilme riskinde."))).hasCount(1);
            assertThat(alerts.filter(new Locator.FilterOptions().setHasText("Müşterinin bugün bir ATM işlemi reddedildi."))).hasCount(1);
            Locator activity = page.locator("#customer-events");
            assertThat(activity.locator("li[data-type=branch_visit]")).containsText("Kadıköy şubesi");
            assertThat(activity.locator("li[data-type=atm_use]")).containsText("Moda ATM");
            assertThat(activity.locator("li[data-type=atm_use]")).containsText("reddedildi");
            // The alerts come first in the 360: above the contact details and the activity.
            double alertsTop = alerts.first().boundingBox().y;
            assertThat(alertsTop).isLessThan(activity.boundingBox().y);
            assertThat(alertsTop).isLessThan(page.locator(".customer-360 h3").first().boundingBox().y);
            Browser.screenshot(page, "whole-customer-1280");

            page.setViewportSize(390, 844);
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            Browser.screenshot(page, "whole-customer-390");
        }
    }
}
