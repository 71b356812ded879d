package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.campaigns.CallLists;
import io.temas.customers.CustomerId;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.Consenting;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dialer in the browser: an agent previews a customer of the demo campaign's call list; the
 * customer accepts by SMS ("KIS2026 EVET") and vanishes from her screen without a reload, with
 * the reason, and the next customer is shown; a list of customers nobody may call says how many
 * left it. At 1280 and 390 px wide.
 */
@TemasIntegrationTest
class DialerBrowserIntegrationTests {

    private static final int PHONE = 390;

    @LocalServerPort
    int port;

    @Autowired
    io.temas.campaigns.Consents consents;

    @Autowired
    IdentityResolver identities;

    @Test
    void aCustomerWhoAcceptsBySmsVanishesFromTheAgentsScreenAndTheNextOneLoads() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String campaignId = demoCampaign(api);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String first = "Selma Tarayıcı " + suffix;
        String second = "Orhan Tarayıcı " + suffix;
        String firstPhone = "+90537" + (1_000_000 + Math.floorMod(suffix.hashCode(), 8_000_000));
        String secondPhone = "+90538" + (1_000_000 + Math.floorMod(suffix.hashCode(), 8_000_000));
        // The dialer calls for a campaign: commercial contact, which needs a recorded consent.
        UUID x = Consenting.everywhere(consents, identities.resolve(List.of(Identifier.phone(firstPhone)), first, Language.TR).customerId()).value();
        UUID y = Consenting.everywhere(consents, identities.resolve(List.of(Identifier.phone(secondPhone)), second, Language.TR).customerId()).value();
        Api.Response list = api.post("/api/v1/campaigns/" + campaignId + "/call-list",
                "{\"customerIds\":[\"" + x + "\",\"" + y + "\"]}");
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        String listId = list.text("/callListId");

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "elif", TemasIntegrationTest.DEMO_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/dialer");
                assertThat(page.locator("a[href='/console/dialer/" + listId + "']").first()).isVisible();
                assertThat(page.locator("nav a[aria-current=page]")).hasText("Arama");
                Browser.screenshot(page, "dialer-lists-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "dialer-lists-390");
                page.setViewportSize(1280, 800);

                page.navigate("http://localhost:" + port + "/console/dialer/" + listId);
                assertThat(page.locator("#dialer-contact")).containsText(first);
                assertThat(page.locator("#dialer-contact")).containsText("Kış boyunca tüm internet paketlerinde");
                assertThat(page.locator("#dialer-contact button", new Page.LocatorOptions().setHasText("Kabul etti"))).isVisible();
                page.locator("#live-status.on").waitFor();
                Browser.screenshot(page, "dialer-preview-1280");
                // Marks this very document: the change must come over the live stream, not by loading the page again.
                page.evaluate("window.dialerTestMark = 'same page'");

                Api.Response sms = api.post("/api/v1/inbound", """
                        {"channel":"sms","entryPoint":"+908502220000","externalId":"dialer-browser-%s","from":{"phone":"%s"},"text":"KIS2026 EVET"}"""
                        .formatted(suffix, firstPhone));
                assertThat(sms.status()).as(sms.body()).isEqualTo(201);

                assertThat(page.locator("#dialer-notice")).containsText(first);
                assertThat(page.locator("#dialer-notice")).containsText("kampanyaya başka bir kanaldan yanıt verdi");
                assertThat(page.locator("#dialer-contact")).containsText(second);
                assertThat(page.locator("#dialer-contact")).not().containsText(first);
                assertThat(page.locator("#dialer-contact")).containsText(secondPhone);
                assertThat(page.evaluate("window.dialerTestMark")).isEqualTo("same page");
                assertThat(page.locator("#dialer-contact")).hasAttribute("data-entry", Pattern.compile("[0-9a-f-]{36}"));
                Browser.screenshot(page, "dialer-removed-1280");

                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "dialer-preview-390");
            } finally {
                context.close();
            }
        }
    }

    @Test
    void theNoticeOfEntriesTakenOffTheListFitsAPhoneAndADesk() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String campaignId = demoCampaign(api);
        // Customers who withdraw their consent to commercial calls after the list was built: the dialer takes them off it.
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<CustomerId> withdrawing = new java.util.ArrayList<>();
        for (int i = 0; i < CallLists.REFUSALS_PER_REQUEST; i++) {
            String phone = "+90539" + (1_000_000 + Math.floorMod((suffix + i).hashCode(), 8_000_000));
            withdrawing.add(Consenting.everywhere(consents,
                    identities.resolve(List.of(Identifier.phone(phone)), "Vazgeçen " + suffix + " " + i, Language.TR).customerId()));
        }
        Api.Response list = api.post("/api/v1/campaigns/" + campaignId + "/call-list", "{\"customerIds\":["
                + withdrawing.stream().map(c -> "\"" + c.value() + "\"").collect(java.util.stream.Collectors.joining(",")) + "]}");
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        withdrawing.forEach(c -> Consenting.withdrawCalls(consents, c));

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "elif", TemasIntegrationTest.DEMO_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/dialer/" + list.text("/callListId"));
                assertThat(page.locator("p.empty")).containsText(CallLists.REFUSALS_PER_REQUEST + " kişi, bir iletişim kuralı");
                Browser.screenshot(page, "dialer-taken-off-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "dialer-taken-off-390");
            } finally {
                context.close();
            }
        }
    }

    /** The demo's winter campaign, its calls allowed at any hour and without a cap (the test must not depend on the time). */
    private static String demoCampaign(Api api) {
        assertThat(api.put("/api/v1/contact-rules/voice", "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
        return api.get("/api/v1/campaigns?running=true").json().valueStream()
                .filter(c -> "KIS2026".equals(c.at("/code").asString())).findFirst().orElseThrow().at("/id").asString();
    }
}
