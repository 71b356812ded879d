package io.temas.scoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In a real browser: the 360 of a VIP left open on an agent's screen shows "VIP with an open
 * complaint" on top the moment a complaint is marked elsewhere (live, no reload), and drops it when
 * the conversation is resolved; the 360 and the admin screen fit a phone (390 px) and a desktop.
 */
@TemasIntegrationTest
class ScoresBrowserIntegrationTests {

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
    void anOpen360ShowsTheAlertLiveOnTopAndDropsItWhenResolved() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Kart aidatı","text":"Kart aidatım iade edilmedi.","language":"tr","receivedAt":"%s"}"""
                .formatted("mail-" + UUID.randomUUID(), "canli-" + UUID.randomUUID(), Instant.now()));
        assertThat(inbound.status()).as(inbound.body()).isEqualTo(201);
        String conversation = inbound.text("/conversationId");
        UUID customer = UUID.fromString(api.get("/api/v1/conversations/" + conversation).text("/customerId"));
        jdbc.sql("update customers set vip = true where id = ?").param(customer).update();

        try (BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/console/conversations/" + conversation);
            assertThat(page.locator("#live-status.on")).hasCount(1);
            assertThat(page.locator("#rule-alerts-" + customer + " li")).hasCount(0);

            api.post("/api/v1/conversations/" + conversation + "/complaint", "{\"category\":\"billing\"}");
            assertThat(page.locator("#rule-alerts-" + customer + " li.severity-critical")).containsText("VIP müşterinin açık bir şikâyeti var.");
            Browser.screenshot(page, "scores-360-alert-1280");

            page.navigate("http://localhost:" + port + "/console/customers/" + customer);
            assertThat(page.locator("#rule-alerts-" + customer + " li.severity-critical")).hasCount(1);
            assertThat(page.locator("#rule-scores-" + customer + " dd[data-score=risk]")).hasText("20");
            page.setViewportSize(390, 844);
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue()).as("the 360 fits 390 px")
                    .isLessThanOrEqualTo(390);
            Browser.screenshot(page, "scores-360-390");

            api.post("/api/v1/conversations/" + conversation + "/status", "{\"status\":\"resolved\"}");
            assertThat(page.locator("#rule-alerts-" + customer + " li")).hasCount(0);
        }
    }

    @Test
    void theAdminScreenFitsAPhoneAndADesktop() {
        try (BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/console/admin/scores");
            assertThat(page.locator("#score-rules")).containsText("risk");
            assertThat(page.locator("#alert-rules")).containsText("Açık şikâyeti olan VIP");
            assertThat(page.locator("#fact-catalogue")).containsText("open_complaints");
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue()).isLessThanOrEqualTo(1280);
            Browser.screenshot(page, "scores-admin-1280");
            page.setViewportSize(390, 844);
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue()).as("the admin screen fits 390 px")
                    .isLessThanOrEqualTo(390);
            Browser.screenshot(page, "scores-admin-390");
        }
    }
}
