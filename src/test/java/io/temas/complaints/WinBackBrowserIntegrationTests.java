package io.temas.complaints;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.campaigns.Audience;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.Campaigns;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A supervisor opens the win-back list, presses "make it a campaign audience", and lands on the
 * campaigns with the draft campaign made; its audience holds exactly the customers the list showed.
 * Also the complaint report, the admin screen and the conversation page's complaint field, at 1280
 * and 390 px wide.
 */
@TemasIntegrationTest
class WinBackBrowserIntegrationTests {

    private static Browser chromium;

    @LocalServerPort
    int port;

    @Autowired
    Campaigns campaigns;

    @BeforeAll
    static void start() {
        chromium = Browser.start();
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @Test
    void aSupervisorMakesTheWinBackListADraftCampaignsAudienceWithOnePress() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String first = lostCustomer(api, "delivery");
        String second = lostCustomer(api, "staff");

        try (BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
            page.navigate("http://localhost:" + port + "/console/win-back");
            assertThat(page.locator("h1")).hasText("Geri kazanım listesi");
            assertThat(page.locator("[data-customer='" + first + "']")).containsText("Şikâyet: Teslimat");
            assertThat(page.locator("[data-customer='" + second + "']")).containsText("Şikâyet: Personel tutumu");
            List<UUID> shown = page.locator("#winback-list > li").all().stream()
                    .map(li -> UUID.fromString(li.getAttribute("data-customer"))).toList();
            assertThat(shown).contains(UUID.fromString(first), UUID.fromString(second));
            Browser.screenshot(page, "win-back-1280");
            page.setViewportSize(390, 844);
            Browser.screenshot(page, "win-back-390");
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no sideways scrolling at 390 px").isTrue();
            page.setViewportSize(1280, 800);

            page.locator("#make-campaign").click();
            page.waitForURL("**/console/campaigns/*");
            assertThat(page.locator("#win-back-created")).containsText("taslak kampanyası");
            UUID campaignId = UUID.fromString(page.locator("#win-back-created").getAttribute("data-campaign"));
            assertThat(page.url()).as("the button opens the campaign it made").endsWith("/console/campaigns/" + campaignId);

            Campaign campaign = campaigns.get(campaignId);
            assertThat(campaign.status()).isEqualTo(Campaign.Status.DRAFT);
            assertThat(campaign.name()).startsWith("Geri kazanım ");
            Audience audience = campaigns.target(campaignId).orElseThrow();
            assertThat(audience.customerIds()).containsExactlyInAnyOrderElementsOf(shown);
            assertThat(api.get("/api/v1/campaigns/" + campaignId).text("/status")).isEqualTo("DRAFT");
        }
    }

    @Test
    void theComplaintReportAdminScreenAndComplaintFieldWorkAtBothWidths() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        lostCustomer(api, "billing");
        try (BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/console/complaints");
            assertThat(page.locator("#by-category")).containsText("Fatura ve ücretler");
            assertThat(page.locator("#complaint-trend[data-drawn='true'] svg")).hasCount(1);
            Browser.screenshot(page, "complaints-1280");
            page.setViewportSize(390, 844);
            page.reload();
            assertThat(page.locator("#complaint-trend[data-drawn='true'] svg")).hasCount(1);
            Browser.screenshot(page, "complaints-390");
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();

            page.navigate("http://localhost:" + port + "/console/admin/complaints");
            assertThat(page.locator("#complaint-categories")).containsText("billing");
            Browser.screenshot(page, "admin-complaints-390");
            page.setViewportSize(1280, 800);
            page.reload();
            Browser.screenshot(page, "admin-complaints-1280");

            String conversation = api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                     "subject":"Fatura","text":"Faturam yanlış.","language":"tr"}""".formatted(UUID.randomUUID(), UUID.randomUUID()))
                    .text("/conversationId");
            page.navigate("http://localhost:" + port + "/console/conversations/" + conversation);
            page.locator("#manage-complaint").selectOption("billing");
            page.locator("#manage-form button[type=submit]").click();
            assertThat(page.locator(".alert.ok").first()).containsText("Şikâyet");
            assertThat(page.locator("#manage-complaint")).hasValue("billing");
            Browser.screenshot(page, "conversation-complaint-1280");
            page.setViewportSize(390, 844);
            Browser.screenshot(page, "conversation-complaint-390");
        }
    }

    /** A customer who wrote 40 days ago, whose conversation was resolved and marked a complaint of {@code category}. */
    private static String lostCustomer(Api api, String category) {
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"kayip-%s@example.com","name":"Kayıp Müşteri"},
                 "subject":"Sipariş","text":"Siparişim hâlâ gelmedi.","language":"tr","receivedAt":"%s"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), Instant.now().minus(Duration.ofDays(40))));
        org.assertj.core.api.Assertions.assertThat(inbound.status()).as(inbound.body()).isEqualTo(201);
        String conversation = inbound.text("/conversationId");
        api.post("/api/v1/conversations/" + conversation + "/status", "{\"status\":\"resolved\"}");
        api.post("/api/v1/conversations/" + conversation + "/complaint", "{\"category\":\"" + category + "\"}");
        return api.get("/api/v1/conversations/" + conversation).text("/customerId");
    }
}
