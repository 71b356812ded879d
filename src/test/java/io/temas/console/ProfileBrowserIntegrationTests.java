package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer page with the profile panels, the printable 360 and the lifecycle report, in a real browser at 1280 and
 * 390 px: nothing scrolls sideways.
 */
@TemasIntegrationTest
class ProfileBrowserIntegrationTests {

    private static final int PHONE = 390;
    private static final int DESK = 1280;

    @LocalServerPort
    int port;

    @Test
    void theProfileFormsAndThePrintoutFitAPhoneAndADesk() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String u = UUID.randomUUID().toString().substring(0, 8);
        String id = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<browser-%1$s@example.com>",
                 "from":{"email":"uzun.bir.eposta.adresi.%1$s@cok-uzun-bir-alan-adi.example.com.tr","name":"Gülşen Karaağaçlıoğlu %1$s"},
                 "subject":"Bilgi","text":"Merhaba"}""".formatted(u)).text("/customerId");
        api.patch("/api/v1/customers/" + id + "/profile", """
                {"vip":true,"segments":["gold","kurumsal","bireysel-emeklilik"],"city":"Kahramanmaraş","occupation":"Bilgisayar mühendisi"}""");
        api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"loyal\",\"reason\":\"Beş yıldır müşterimiz ve her ay ödeme yapıyor\"}");

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/customers/" + id);
                assertThat(page.locator("#profile-edit input[name=vip]").isChecked()).isTrue();
                page.locator("#profile-city").fill("Gaziantep");
                page.locator("#profile-edit form.profile-form button[type=submit]").click();
                page.waitForURL("**/console/customers/" + id);
                assertThat(page.locator(".profile-facts").innerText()).contains("Gaziantep");
                page.locator("#profile-stage").selectOption("at_risk");
                page.locator("#profile-stage-reason").fill("Son üç ayda işlem yok");
                page.locator("#profile-edit form.stage-form button[type=submit]").click();
                page.waitForURL("**/console/customers/" + id);
                assertThat(page.locator("#lifecycle-history li").first().innerText()).contains("Kayıp riski").contains("Son üç ayda işlem yok");
                fits(page, DESK, "profile-customer-1280");
                fits(page, PHONE, "profile-customer-390");

                page.setViewportSize(DESK, 900);
                page.navigate("http://localhost:" + port + "/console/customers/" + id + "/print");
                assertThat(page.locator("h1").innerText()).contains("Gülşen Karaağaçlıoğlu " + u).contains("Kayıp riski");
                fits(page, DESK, "profile-print-1280");
                fits(page, PHONE, "profile-print-390");
                page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
                assertThat(page.locator(".print-now").isVisible()).isFalse();
                page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));

                page.setViewportSize(DESK, 900);
                page.navigate("http://localhost:" + port + "/console/reports/lifecycle");
                page.locator("#panel-stages .chart canvas").first().waitFor();
                page.locator("#panel-moves .chart canvas").first().waitFor();
                assertThat(page.locator("#panel-moves tbody").innerText()).contains("Sadık müşteri").contains("Kayıp riski");
                fits(page, DESK, "profile-funnel-1280");
                fits(page, PHONE, "profile-funnel-390");
            } finally {
                context.close();
            }
        }
    }

    private static void fits(Page page, int width, String screenshot) {
        page.setViewportSize(width, 900);
        int scrollWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        Browser.screenshot(page, screenshot);
        assertThat(scrollWidth).as(screenshot + " is " + scrollWidth + " px wide").isLessThanOrEqualTo(width);
    }
}
