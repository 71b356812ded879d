package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.Consenting;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A supervisor runs a campaign from the screens alone: creates it, adds an entry point and an
 * audience (watching the live preview), dry-runs the SMS, confirms the send, finds the messages in
 * the outbox, and opens the report's funnel. At 1280 and 390 px wide.
 */
@TemasIntegrationTest
class CampaignScreensBrowserIntegrationTests {

    private static final int PHONE = 390;

    @LocalServerPort
    int port;

    @Autowired
    io.temas.campaigns.Consents consents;

    @Autowired
    IdentityResolver identities;

    @Test
    void aSupervisorCreatesDryRunsSendsAndReportsACampaignFromTheScreens() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        assertThat(api.put("/api/v1/contact-rules/sms", "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String code = "TARAYICI" + suffix.toUpperCase();
        String segment = "tarayici-" + suffix;
        String address = "bahar-" + suffix + "@ornek.com.tr";
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"Genel\"}").status()).isEqualTo(201);
        String first = "Deniz Tarayıcı " + suffix;
        String second = "Ece Tarayıcı " + suffix;
        String firstPhone = "+90539" + (1_000_000 + Math.floorMod(suffix.hashCode(), 4_000_000));
        String secondPhone = "+90539" + (5_000_000 + Math.floorMod(suffix.hashCode(), 4_000_000));
        // The campaign texts them: commercial contact, which needs a recorded consent.
        UUID x = Consenting.everywhere(consents, identities.resolve(List.of(Identifier.phone(firstPhone)), first, Language.TR).customerId()).value();
        UUID y = Consenting.everywhere(consents, identities.resolve(List.of(Identifier.phone(secondPhone)), second, Language.TR).customerId()).value();

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/campaigns");
                page.locator("a[href='/console/campaigns/new']").click();
                page.waitForURL("**/console/campaigns/new");
                page.locator("#c-name").fill("Bahar Tarayıcı " + suffix);
                page.locator("#c-code").fill(code);
                page.locator("#c-offer").fill("Baharda tüm paketlerde %20 indirim");
                page.locator("#c-status").selectOption("running");
                page.locator("#c-sms").fill("Bahar fırsatı: " + code + " EVET yazın");
                Browser.screenshot(page, "campaign-new-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "campaign-new-390");
                page.setViewportSize(1280, 800);
                page.locator("form.panel button[type=submit].primary").click();
                page.waitForURL(u -> u.matches(".*/console/campaigns/[0-9a-f-]{36}$"));
                assertThat(page.locator(".alert.ok")).hasText("Kampanya oluşturuldu.");

                // An entry point customers answer at: one of ours.
                page.locator("#ep-address").fill(address);
                page.locator("#ep-medium").fill("billboard");
                page.locator("#entry-points button[type=submit]:not(.danger)").click();
                assertThat(page.locator("#entry-points [data-entry-point]")).hasText(address);

                // The audience: the live preview follows the rules as they are typed.
                page.locator("#au-customers").fill(x + "\n" + y);
                assertThat(page.locator("[data-preview-count]")).hasText("2");
                assertThat(page.locator("#audience-preview")).containsText(first);
                assertThat(page.locator("#audience-preview")).containsText(second);
                page.locator("#au-segments").fill(segment);
                assertThat(page.locator("[data-preview-count]")).hasText("0");
                page.locator("#au-segments").fill("");
                assertThat(page.locator("[data-preview-count]")).hasText("2");
                page.locator("#audience button[type=submit]").click();
                assertThat(page.locator(".alert.ok")).hasText("Hedef kitle kaydedildi.");
                Browser.screenshot(page, "campaign-page-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "campaign-page-390");
                page.setViewportSize(1280, 800);
                String campaignId = page.url().replaceAll(".*/console/campaigns/", "");

                // Dry run, then the confirmation that names the numbers, then the send.
                page.locator("#dr-channel").selectOption("sms");
                page.locator("#dry-run button[type=submit]").click();
                page.waitForURL("**/sends/*");
                assertThat(page.locator("[data-figure=allowed]")).hasText("2");
                assertThat(page.locator("[data-figure=held]")).hasText("0");
                assertThat(pending(api, campaignId)).isZero();
                Browser.screenshot(page, "campaign-dry-run-1280");
                page.locator("#send-next").click();
                page.waitForURL("**/confirm");
                assertThat(page.locator("[data-confirm-question]")).containsText("2 SMS mesajı şimdi gönderilsin mi?");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "campaign-confirm-390");
                page.setViewportSize(1280, 800);
                page.locator("#confirm-send").click();
                assertThat(page.locator(".alert.ok")).hasText("2 mesaj gönderim sırasına alındı.");
                assertThat(page.locator("[data-sent]")).containsText("selin");

                // The messages are in the outbox, addressed to the two customers.
                assertThat(pending(api, campaignId)).isEqualTo(2);

                // The report: the funnel chart is drawn, the table says what was queued.
                page.navigate("http://localhost:" + port + "/console/campaigns/" + campaignId + "/report");
                assertThat(page.locator("#campaign-funnel[data-drawn=true] svg")).isVisible();
                assertThat(page.locator("tr[data-channel=sms] td.num").first()).hasText("2");
                Browser.screenshot(page, "campaign-report-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "campaign-report-390");
            } finally {
                context.close();
            }
        }
    }

    /** The campaign's messages waiting in the outbox, as the API lists them. */
    private static int pending(Api api, String campaignId) {
        Api.Response outbox = api.get("/api/v1/outbox?status=pending&limit=500");
        assertThat(outbox.status()).as(outbox.body()).isEqualTo(200);
        JsonNode items = outbox.json().isArray() ? outbox.json() : outbox.json().at("/items");
        int n = 0;
        for (JsonNode e : items) {
            if (campaignId.equals(e.at("/headers/X-Temas-Campaign").asString(""))) {
                n++;
            }
        }
        return n;
    }
}
