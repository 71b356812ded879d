package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.temas.channels.email.MailServerTest;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console as agents, supervisors and admins use it: Debian's Chromium driven by Playwright
 * against the whole application with real SMTP and IMAP servers. Each test keeps screenshots of
 * the screens it passes through in {@code target/screenshots}.
 */
class ConsoleBrowserIntegrationTests extends MailServerTest {

    private static Browser chromium;
    private BrowserContext browser;

    @BeforeAll
    static void startBrowser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium.context();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void agentSeesANewEmailArriveLiveAndHerReplyReachesTheCustomerThreaded() throws Exception {
        Page page = Browser.signIn(browser, port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        page.locator("#views").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Fatura"))).click();
        page.waitForURL("**view=queue**");
        AtomicInteger navigations = new AtomicInteger();
        page.onFrameNavigated(frame -> {
            if (frame == page.mainFrame()) {
                navigations.incrementAndGet();
            }
        });

        // The page listens for changes before the mail is sent.
        assertThat(page.locator("#live-status")).hasClass(Pattern.compile("\\bon\\b"));
        String customer = unique("musteri") + "@example.com";
        String subject = "Fatura itirazı " + unique("K");
        String messageId = send(customer, "fatura@ornek.com.tr", subject, "Merhaba, kasım faturamda hata var.", null, Map.of());

        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(subject));
        assertThat(row).isVisible();
        assertThat(navigations.get()).as("the conversation appeared without reloading the page").isZero();
        Browser.screenshot(page, "inbox");

        row.getByRole(AriaRole.LINK).click();
        page.waitForURL("**/console/conversations/**");
        assertThat(page.locator("#thread")).containsText("kasım faturamda hata var");
        page.locator("#reply-text").fill("Merhaba, faturanızı düzelttik. İyi günler dileriz.");
        Browser.screenshot(page, "conversation");
        page.setViewportSize(820, 1180);
        Browser.screenshot(page, "conversation-tablet");
        page.setViewportSize(1280, 800);
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName(Pattern.compile("^Gönder$"))).click();
        assertThat(page.locator(".alert.ok")).isVisible();
        assertThat(page.locator("#thread")).containsText("faturanızı düzelttik");

        MimeMessage reply = awaitMail(customer, m -> "reply".equals(header(m, "X-Temas-Kind")));
        assertThat(reply.getSubject()).startsWith("Re: " + subject).containsPattern("\\[#T-\\d+]");
        assertThat(header(reply, "In-Reply-To")).isEqualTo(messageId);
        assertThat(reply.getFrom()[0].toString()).contains("fatura@ornek.com.tr");

        page.locator(".customer-360 h2 a").click();
        page.waitForURL("**/console/customers/**");
        assertThat(page.locator("main")).containsText(customer);
        Browser.screenshot(page, "customer");
    }

    @Test
    void supervisorReassignsAConversationFromTheBoard() {
        String customer = unique("tasima") + "@example.com";
        api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s","name":"Deniz Kara"},
                 "subject":"Ödeme iki kez çekildi","text":"Kartımdan iki kez ödeme alındı."}""".formatted(unique("board"), customer));
        String conversationId = conversationOf(customer);
        String reference = api.get("/api/v1/conversations/" + conversationId).text("/reference");
        String fatura = api.get("/api/v1/conversations/" + conversationId).text("/queueId");

        Page page = Browser.signIn(browser, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        page.navigate("http://localhost:" + port + "/console/supervisor?queue=" + fatura);
        Browser.screenshot(page, "supervisor-board");
        page.getByLabel(Pattern.compile(".* " + reference + "$")).check();
        page.locator("#bulk-agent").selectOption(new SelectOption().setLabel("Zeynep Şahin (çevrimiçi)"));
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Seçilenleri yeniden ata")).click();

        assertThat(page.locator(".alert.ok")).containsText("1 konuşma yeniden atandı");
        assertThat(api.get("/api/v1/conversations/" + conversationId).text("/assignee")).isEqualTo("zeynep");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(reference))).containsText("Zeynep Şahin");
    }

    @Test
    void adminAddsAnEntryPointAndARuleAndTheNextMessageLandsInTheRulesQueue() {
        String address = unique("iade") + "@ornek.com.tr";
        Page page = Browser.signIn(browser, port, "admin", ADMIN_PASSWORD);

        page.navigate("http://localhost:" + port + "/console/admin/entry-points");
        page.locator("#ep-address").fill(address);
        page.locator("#ep-channel").selectOption("email");
        page.locator("#ep-queue").selectOption(new SelectOption().setLabel("Teknik Destek"));
        page.locator("#ep-name").fill("İade e-posta");
        page.locator("#form button[type=submit]").click();
        assertThat(page.locator("table")).containsText(address);
        Browser.screenshot(page, "admin-entry-points");

        page.navigate("http://localhost:" + port + "/console/admin/rules");
        page.locator("#r-name").fill("İade talepleri Genel kuyruğuna");
        page.locator("#r-entry").fill(address);
        page.locator("#r-keywords").fill("iade");
        page.locator("#r-queue").selectOption(new SelectOption().setLabel("Genel"));
        page.locator("#form button[type=submit]").click();
        assertThat(page.locator("table")).containsText("İade talepleri Genel kuyruğuna");

        page.locator("#t-channel").selectOption("email");
        page.locator("#t-entry").fill(address);
        page.locator("#t-subject").fill("Ürün iadesi");
        page.locator("#t-text").fill("Aldığım ürünü iade etmek istiyorum.");
        page.locator("#try button[type=submit]").click();
        assertThat(page.locator("#preview-result")).containsText("İade talepleri Genel kuyruğuna");
        Browser.screenshot(page, "admin-rules");

        String customer = unique("iade-musteri") + "@example.com";
        api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s"},
                 "subject":"Ürün iadesi","text":"Kargoyla gelen ürünü iade etmek istiyorum."}""".formatted(address, unique("rule"), customer));
        assertThat(api.get("/api/v1/conversations/" + conversationOf(customer)).text("/queue")).isEqualTo("Genel");
    }
}
