package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The top bar's search box in a real browser, on a phone and on a desktop. */
@TemasIntegrationTest
class SearchBoxBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void anAdminFindsAConversationByItsReferenceFromTheTopBarAtPhoneAndDesktopWidth() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String subject = "Arama kutusu " + UUID.randomUUID().toString().substring(0, 6);
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},"subject":%s,"text":"Merhaba"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), Api.quote(subject)));
        String reference = api.get("/api/v1/conversations/" + created.text("/conversationId")).text("/reference");

        try (Browser chromium = Browser.start()) {
            for (int width : new int[] {390, 1280}) {
                BrowserContext context = chromium.context();
                try {
                    Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
                    page.setViewportSize(width, 800);
                    if (page.locator(".menu-toggle").isVisible()) {
                        // On a phone the search box sits in the top bar's folded menu.
                        page.locator(".menu-toggle").click();
                    }
                    page.locator("#topbar-q").fill("#" + reference.toLowerCase());
                    page.locator("#topbar-q").press("Enter");
                    page.waitForURL("**/console/search?q=**");
                    assertThat(page.locator(".results li").first()).containsText(subject);
                    assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).as("no sideways scrolling at " + width)
                            .isLessThanOrEqualTo(width);
                    Browser.screenshot(page, "search-" + width);

                    page.locator(".results li a").first().click();
                    page.waitForURL("**/console/conversations/" + created.text("/conversationId"));
                } finally {
                    context.close();
                }
            }
        }
    }
}
