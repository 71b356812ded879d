package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The conversation page as an agent works it in Chromium: at 1280×900 the customer's 360 beside
 * the thread, canned replies searched with "/" from the reply box, the shortcuts on "?", send and
 * resolve; at 390×844 the thread, the reply and the 360 as tabs on a page no wider than the phone.
 */
@TemasIntegrationTest
class ConversationPageBrowserIntegrationTests {

    private static Browser chromium;

    @LocalServerPort
    int port;

    private BrowserContext browser;
    private Api api;
    private final List<String> errors = new ArrayList<>();

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
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        assertThat(errors).as("console errors").isEmpty();
    }

    @Test
    void atDeskWidthThe360SitsBesideTheThreadAndCannedRepliesAreOneSlashAway() {
        String customer = "Deniz Aksoy " + suffix();
        String id = email(customer);
        Page page = open(id, 1280, 900);

        BoundingBox thread = page.locator("#thread").boundingBox();
        BoundingBox side = page.locator(".customer-360").boundingBox();
        assertThat(side.y).as("the 360 starts inside the first screen").isBetween(0.0, 300.0);
        assertThat(side.x).as("the 360 is beside the thread").isGreaterThanOrEqualTo(thread.x + thread.width);
        assertThat(side.y + Math.min(side.height, 400)).isLessThanOrEqualTo(900.0);
        assertThat(page.locator(".customer-360 h2")).containsText(customer);
        assertThat(page.locator("[data-tabs]")).isHidden();
        Browser.screenshot(page, "conversation-desk");

        Locator box = page.locator("#reply-text");
        Locator list = page.locator("#canned-list");
        box.click();
        box.pressSequentially("Ek bilgi:\n/");
        assertThat(list).isVisible();
        assertThat(list.getByRole(AriaRole.OPTION)).not().hasCount(0);
        box.pressSequentially("fatura kop");
        assertThat(list.locator("[role=option]:visible")).hasCount(1);
        assertThat(list.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(Pattern.compile("^Fatura kopyası"))))
                .hasAttribute("aria-selected", "true");
        Browser.screenshot(page, "conversation-canned");
        box.press("Enter");
        assertThat(list).isHidden();
        String reference = api.get("/api/v1/conversations/" + id).text("/reference");
        assertThat(box).hasValue(Pattern.compile("^Ek bilgi:\nMerhaba " + customer + ",\n\nFaturanızın bir kopyasını.*"
                + "Referans numaranız: " + reference + "\\..*Ayşe Yılmaz$", Pattern.DOTALL));

        // Esc closes the list and keeps what was typed; a word that matches nothing says so.
        box.press("End");
        box.pressSequentially("\n/zzqx");
        assertThat(page.locator("[data-canned-none]")).isVisible();
        box.press("Escape");
        assertThat(list).isHidden();
        assertThat(box).hasValue(Pattern.compile(".*\n/zzqx$", Pattern.DOTALL));
    }

    @Test
    void questionMarkListsTheShortcutsInTheReadersLanguageAndEResolves() {
        String id = email("Ece Tan " + suffix());
        Page page = open(id, 1280, 900);

        page.locator("h1").click();
        page.keyboard().press("?");
        Locator dialog = page.locator("#shortcuts");
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("Klavye kısayolları");
        assertThat(dialog).containsText("Yanıt kutusuna geçer");
        Browser.screenshot(page, "conversation-shortcuts");
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();

        page.keyboard().press("r");
        assertThat(page.locator("#reply-text")).isFocused();
        // Typed in a field, a shortcut letter is just a letter.
        page.keyboard().type("a?");
        assertThat(page.locator("#reply-text")).hasValue("a?");
        assertThat(dialog).isHidden();

        page.navigate("http://localhost:" + port + "/console/conversations/" + id + "?lang=en");
        page.locator("h1").click();
        page.keyboard().press("?");
        assertThat(dialog).containsText("Keyboard shortcuts");
        page.keyboard().press("Escape");
        page.keyboard().press("e");
        assertThat(page.locator(".alert.ok")).containsText("Saved: Status.");
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("resolved");
    }

    @Test
    void sendAndResolveThroughTheBrowser() {
        String id = email("Kaan Demir " + suffix());
        Page page = open(id, 1280, 900);

        page.locator("#reply-text").fill("Faturanızı düzelttik, iyi günler.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gönder ve çöz")).click();
        assertThat(page.locator(".alert.ok")).hasText("Yanıt gönderim kuyruğuna alındı; konuşma çözüldü.");
        assertThat(page.locator("#thread")).containsText("Faturanızı düzelttik, iyi günler.");
        // The reply names its agent as people know her, not by her user name.
        assertThat(page.locator("#thread")).containsText("Ayşe Yılmaz → ");
        assertThat(page.locator("[data-status]")).hasText("Çözüldü");
        assertThat(api.get("/api/v1/conversations/" + id).text("/status")).isEqualTo("resolved");
        assertThat(page.locator("#reply-text")).hasValue("");
    }

    @Test
    void aLiveRefreshShowsWhatChangedAndKeepsTheDraftBeingTyped() {
        String id = email("Umut Ak " + suffix());
        Page page = open(id, 1280, 900);
        AtomicInteger navigations = new AtomicInteger();
        page.onFrameNavigated(frame -> {
            if (frame == page.mainFrame()) {
                navigations.incrementAndGet();
            }
        });
        assertThat(page.locator("#live-status")).hasClass(Pattern.compile("\\bon\\b"));
        page.locator("#reply-text").pressSequentially("Yarım kalan taslak");

        assertThat(api.post("/api/v1/conversations/" + id + "/messages", "{\"kind\":\"note\",\"text\":\"Meslektaştan not\"}").status())
                .isEqualTo(201);
        assertThat(page.locator("#thread")).containsText("Meslektaştan not");
        api.post("/api/v1/conversations/" + id + "/status", "{\"status\":\"pending\"}");
        assertThat(page.locator("[data-status]")).hasText("Müşteri bekleniyor");

        assertThat(page.locator("#reply-text")).hasValue("Yarım kalan taslak");
        assertThat(navigations.get()).as("refreshed without reloading the page").isZero();
        // A reload (as after saving the manage form) brings the draft back from the tab's session.
        page.reload();
        assertThat(page.locator("#reply-text")).hasValue("Yarım kalan taslak");
    }

    @Test
    void onAPhoneTheThreadTheReplyAndThe360AreTabs() {
        String customer = "Selin Koç " + suffix();
        String id = email(customer);
        Page page = open(id, 390, 844);

        Locator tabs = page.getByRole(AriaRole.TABLIST);
        assertThat(tabs).isVisible();
        Locator thread = tabs.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName("Yazışma"));
        Locator reply = tabs.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName("Yanıt"));
        Locator profile = tabs.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName("Müşteri 360"));
        assertThat(thread).hasAttribute("aria-selected", "true");
        assertThat(page.locator("#thread")).isVisible();
        assertThat(page.locator("#reply-text")).isHidden();
        assertThat(page.locator(".customer-360")).isHidden();
        assertWithinPhone(page);
        Browser.screenshot(page, "conversation-phone-thread");

        reply.click();
        assertThat(reply).hasAttribute("aria-selected", "true");
        assertThat(thread).hasAttribute("aria-selected", "false");
        assertThat(page.locator("#reply-text")).isVisible();
        assertThat(page.locator("#thread")).isHidden();
        assertThat(page.locator("#send-resolve")).isVisible();
        assertWithinPhone(page);
        Browser.screenshot(page, "conversation-phone-reply");

        // The arrow keys move between tabs, as in any tab list.
        reply.press("ArrowRight");
        assertThat(profile).isFocused();
        assertThat(profile).hasAttribute("aria-selected", "true");
        assertThat(page.locator(".customer-360")).isVisible();
        assertThat(page.locator(".customer-360 h2")).containsText(customer);
        assertThat(page.locator("#reply-text")).isHidden();
        assertWithinPhone(page);
        Browser.screenshot(page, "conversation-phone-360");

        // The folded manage form opens and fits too.
        page.locator("#manage summary").click();
        assertThat(page.locator("#manage-status")).isVisible();
        assertWithinPhone(page);
    }

    private void assertWithinPhone(Page page) {
        int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        assertThat(width).as("page width at 390 px").isLessThanOrEqualTo(390);
    }

    private Page open(String id, int width, int height) {
        Page page = Browser.signIn(browser, port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.setViewportSize(width, height);
        page.navigate("http://localhost:" + port + "/console/conversations/" + id);
        assertThat(page.locator("#thread")).isAttached();
        return page;
    }

    private String email(String name) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com","name":"%s"},
                 "subject":"Fatura kopyası","text":"Merhaba, faturamın bir kopyasını alabilir miyim?"}"""
                .formatted("mail-" + suffix(), "musteri-" + suffix(), name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private static String suffix() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
