package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** On a phone the customers page is a column of cards, each value with its label, and nothing scrolls sideways. */
@TemasIntegrationTest
class CustomersPhoneBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void eachCustomerIsACardWithLabelledValuesAt390Pixels() {
        String name = "Kart " + UUID.randomUUID().toString().substring(0, 8);
        new Api(port, TemasIntegrationTest.ADMIN_TOKEN).post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<%1$s@example.com>",
                 "from":{"email":"%2$s@example.com","name":"%1$s"},"subject":"Soru","text":"Merhaba, kargom nerede?"}"""
                .formatted(name, UUID.randomUUID()));
        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
                page.setViewportSize(390, 844);
                for (String lang : List.of("tr", "az", "en")) {
                    page.navigate("http://localhost:" + port + "/console/customers?lang=" + lang);
                    int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
                    assertThat(width).as(lang + ": the page's width").isLessThanOrEqualTo(390);
                    assertThat(page.locator("#customer-list thead").isVisible()).as("no table head on a phone").isFalse();
                    var card = page.locator("#customer-list tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(name));
                    assertThat(card.evaluate("r => getComputedStyle(r).display")).isEqualTo("block");
                    assertThat(((Number) card.evaluate("r => r.getBoundingClientRect().right")).doubleValue()).isLessThanOrEqualTo(390);
                    String label = (String) card.locator("td[data-label]").first()
                            .evaluate("td => getComputedStyle(td, '::before').content");
                    assertThat(label).as(lang + ": each value says what it is").isNotIn("none", "normal", "\"\"");
                }
                page.navigate("http://localhost:" + port + "/console/customers?lang=tr");
                Browser.screenshot(page, "customers-phone");
                page.setViewportSize(1280, 900);
                assertThat(page.locator("#customer-list thead").isVisible()).as("a table on a desktop").isTrue();
                Browser.screenshot(page, "customers");
            } finally {
                context.close();
            }
        }
    }
}
