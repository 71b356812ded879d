package io.temas.webhooks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator in a real browser: adds a subscription with its events ticked and no secret (the generated one is
 * shown once), sends a test event to a receiver that keeps failing, watches the delivery log fill with the attempts
 * (time, event, attempt, HTTP status, latency, reason) until the delivery fails for good, and retries it now once the
 * receiver is back; both pages fit a phone (390 px) and a desktop (1280 px) without sideways scrolling.
 */
@TemasIntegrationTest
class WebhookConsoleBrowserIntegrationTests {

    private static Browser chromium;

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() {
        chromium = Browser.start();
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @Test
    void theDeliveryLogShowsEveryAttemptAndRetriesAFailedDeliveryNow() {
        AtomicBoolean down = new AtomicBoolean(true);
        String subscription = null;
        try (Receiver receiver = new Receiver((delivery, times) -> down.get() ? 500 : 200);
             BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            page.navigate(base() + "/console/admin/webhooks");
            fits(page, "webhooks-list");

            // A scheme other than http(s) is refused with the reason in the admin's language, the form kept.
            page.locator("#w-url").fill("ftp://hooks.example.com/temas");
            page.locator("input[name=events][value='message.received']").check();
            page.locator("#webhook-form button[type=submit]").click();
            assertThat(page.locator(".alert.error")).containsText("Adres http:// veya https:// ile başlamalı.");
            assertThat(page.locator("#w-url")).hasValue("ftp://hooks.example.com/temas");
            assertThat(page.locator("input[name=events][value='message.received']")).isChecked();

            page.locator("#w-url").fill(receiver.url());
            page.locator("input[name=events][value='message.received']").uncheck();
            page.locator("input[name=events][value='stage.changed']").check();
            page.locator("#webhook-form button[type=submit]").click();
            page.waitForURL(Pattern.compile(".*/console/admin/webhooks/[0-9a-f-]{36}$"));
            subscription = page.url().substring(page.url().lastIndexOf('/') + 1);
            assertThat(page.locator("#created-secret pre")).hasText(Pattern.compile("[0-9a-f]{64}"));
            assertThat(page.locator(".kv")).containsText("Yaşam döngüsü aşaması değişti");

            page.locator("form[action$='/test'] button").click();
            assertThat(page.locator(".alert.ok")).hasText("Deneme olayı sıraya alındı.");
            assertThat(page.locator("#created-secret")).hasCount(0);

            // Four tries (the test setting), each answered 500, then the delivery is failed and offers "retry now".
            Locator retry = page.locator("#webhook-attempts form[action*='/retry'] button");
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                page.reload();
                return retry.count() == 1;
            });
            Locator rows = page.locator("#webhook-attempts tbody tr");
            assertThat(rows).hasCount(4);
            for (int i = 0; i < 4; i++) {
                Locator cells = rows.nth(i).locator("td");
                assertThat(cells.nth(1)).containsText("Deneme olayı");
                assertThat(cells.nth(2)).hasText(Integer.toString(4 - i));
                assertThat(cells.nth(3)).hasText("500");
                assertThat(cells.nth(4)).hasText(Pattern.compile("\\d+ ms"));
                assertThat(cells.nth(5)).containsText("Alıcı başarısız yanıt verdi");
                assertThat(cells.nth(5)).containsText("answered HTTP 500");
            }
            assertThat(page.locator("#webhook-counts")).hasText("0 bekliyor, 0 iletildi, 1 başarısız");
            page.setViewportSize(390, 844);
            fits(page, "webhooks-log-failed");
            page.setViewportSize(1280, 800);

            down.set(false);
            retry.click();
            assertThat(page.locator(".alert.ok")).hasText("Gönderim şimdi yeniden deneniyor.");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                page.reload();
                return page.locator("#webhook-attempts tbody tr").count() == 5;
            });
            Locator latest = rows.first().locator("td");
            assertThat(latest.nth(2)).hasText("5");
            assertThat(latest.nth(3)).hasText("200");
            assertThat(latest.nth(5)).hasText("iletildi");
            assertThat(retry).hasCount(0);
            assertThat(page.locator("#webhook-counts")).hasText("0 bekliyor, 1 iletildi, 0 başarısız");
            fits(page, "webhooks-log-1280");
            page.setViewportSize(390, 844);
            fits(page, "webhooks-log-390");

            assertThat(receiver.requests()).hasSize(5);
            assertThat(receiver.requests().stream().map(Receiver.Request::delivery).distinct()).as("one delivery, tried five times").hasSize(1);

            page.locator("form[action$='/pause'] button").click();
            assertThat(page.locator(".alert.ok")).containsText("duraklatıldı");
            page.navigate(base() + "/console/admin/webhooks");
            assertThat(page.locator("#webhook-subscriptions tr", new Page.LocatorOptions().setHasText(receiver.url())).locator(".badge"))
                    .hasText("duraklatıldı");
            fits(page, "webhooks-list-390");
        } finally {
            if (subscription != null) {
                new Api(port, TemasIntegrationTest.ADMIN_TOKEN).delete("/api/v1/webhook-subscriptions/" + subscription);
            }
        }
    }

    private void fits(Page page, String name) {
        int width = page.viewportSize().width;
        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(name + " fits " + width + " px")
                .isLessThanOrEqualTo(width);
        Browser.screenshot(page, name);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
