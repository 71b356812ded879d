package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The telephony settings screen in a browser, at 390 px wide: an extension rung from the simulated PBX's form, then hung up. */
@TemasIntegrationTest
class TelephonyBrowserIntegrationTests {

    private static final int PHONE = 390;

    @LocalServerPort
    int port;

    @Test
    void anAdminRingsAnExtensionAndHangsUpOnAPhoneSizedScreen() {
        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            page.setViewportSize(PHONE, 844);
            page.navigate("http://localhost:" + port + "/console/admin/telephony");
            assertThat(page.locator("h1")).hasText("Telefon sistemi");
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);

            page.locator("#s-from").fill("+905327770001");
            page.locator("#s-ext").fill("101");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Dahiliyi çaldır")).click();
            assertThat(page.locator("[data-simulated]").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("+905327770001")))
                    .containsText("çalıyor");
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
            Browser.screenshot(page, "telephony-390");
            for (String panel : new String[] {"settings", "webhooks", "extensions", "simulator"}) {
                page.locator("#" + panel).screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(Browser.SCREENSHOTS.resolve("telephony-" + panel + "-390.png")));
            }

            page.locator("[data-simulated]").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("+905327770001"))
                    .getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                            .setName("Kapat")).click();
            assertThat(page.locator("[data-simulated]").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("+905327770001")))
                    .hasCount(0);
        }
    }
}
