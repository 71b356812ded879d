package io.temas.chat;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.sun.net.httpserver.HttpServer;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chat widget as a visitor uses it on somebody else's site: a shop's page, served from an
 * origin of its own (a JDK HTTP server) with hostile CSS, embeds {@code /chat/widget.js} with one
 * tag; Chromium, driven by Playwright, talks to the bot and to an agent, reloads, uses only the
 * keyboard and a phone-sized screen. The help centre embeds the same widget under its strict CSP.
 */
@TemasIntegrationTest
class ChatWidgetBrowserIntegrationTests {

    private static final int PHONE = 390;
    private static final String LAUNCHER = "Canlı destek sohbetini aç";
    private static Browser chromium;

    @LocalServerPort
    int port;

    private Api admin;
    private HttpServer shop;
    private String shopOrigin;
    private String entryPoint;
    private BrowserContext browser;

    @BeforeAll
    static void startBrowser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    /**
     * The shop's site: one page with the widget's tag, on an origin the admin allows for a chat entry
     * point of its own (its queue has no business hours, so agents are always there).
     */
    @BeforeEach
    void openShop() throws IOException {
        admin = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String queue = "Mağaza sohbeti " + unique;
        entryPoint = "magaza-sohbet-" + unique;
        assertThat(admin.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            byte[] page = shopPage().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        shop.start();
        shopOrigin = "http://localhost:" + shop.getAddress().getPort();
        Api.Response allowed = admin.put("/api/v1/chat-settings/" + entryPoint, "{\"origins\":[\"" + shopOrigin + "\"],"
                + "\"prechat\":{\"name\":\"optional\",\"email\":\"required\",\"phone\":\"hidden\"}}");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        browser = chromium.context();
    }

    @AfterEach
    void closeShop() {
        browser.close();
        shop.stop(0);
    }

    private String shopPage() {
        return """
                <!DOCTYPE html>
                <html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Örnek Mağaza</title>
                <style>* { font-family: serif !important; color: #f0f !important; } button, section, div { background: #f00 !important; }</style>
                </head><body><h1>Örnek Mağaza</h1><p><a href="#kampanyalar">Kampanyalar</a></p>
                <script src="http://localhost:%d/chat/widget.js" data-entry-point="%s" async></script>
                </body></html>""".formatted(port, entryPoint);
    }

    @Test
    void aVisitorAsksTheBotGetsAnArticleReachesAnAgentAndAReloadShowsTheWholeChatOnce() {
        Page page = browser.newPage();
        List<String> errors = new ArrayList<>();
        page.onPageError(errors::add);
        List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> streams = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onWebSocket(ws -> sockets.add(ws.url()));
        page.onRequest(r -> {
            if (r.url().contains("/events")) {
                streams.add(r.url());
            }
        });
        page.navigate(shopOrigin + "/");

        // Keyboard only: Tab from the page's own link reaches the launcher, Enter opens the panel on the pre-chat form.
        Locator launcher = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(LAUNCHER));
        assertThat(launcher).isVisible();
        assertThat(launcher).hasCSS("background-color", "rgb(11, 110, 116)"); // the shop's CSS stays outside
        tabTo(page, LAUNCHER);
        page.keyboard().press("Enter");
        Locator panel = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Canlı destek"));
        assertThat(panel).isVisible();
        assertThat(page.getByLabel("Adınız")).isFocused();
        page.keyboard().type("Deniz Aydın");
        page.keyboard().press("Tab");
        page.keyboard().type("deniz@");
        page.keyboard().press("Enter");
        assertThat(panel.getByText("Geçerli bir e-posta adresi yazın")).isVisible();
        assertThat(page.getByLabel("E-posta adresiniz")).isFocused();
        page.keyboard().type("example.com");
        page.keyboard().press("Enter");
        Locator message = page.getByLabel("Mesajınız");
        assertThat(message).isFocused();

        // A billing question: the bot answers with an article that opens in a new tab.
        page.keyboard().type("Faturamı nasıl öderim?");
        page.keyboard().press("Enter");
        Locator article = panel.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("Faturamı nasıl öderim")));
        assertThat(article).isVisible();
        assertThat(article).hasAttribute("target", "_blank");
        assertThat(article).hasAttribute("rel", Pattern.compile("noopener"));
        assertThat(article).not().containsText("<mark>"); // the search highlight is drawn, not shown as markup
        assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hayır"))).isVisible();

        // A file before a person has joined is refused, and the visitor reads why in Turkish, not the server's English.
        panel.locator("input[type=file]").setInputFiles(new com.microsoft.playwright.options.FilePayload("ekran.png", "image/png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}));
        assertThat(panel.getByRole(AriaRole.ALERT).first()).hasText("Dosyaları bir temsilci sohbete katıldıktan sonra gönderebilirsiniz.");
        message.focus();

        // Asking for a person hands the chat over; the agent's reply arrives live.
        page.keyboard().type("Bir temsilci ile görüşmek istiyorum");
        page.keyboard().press("Enter");
        assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hayır"))).hasCount(0);
        Map<String, String> stored = visitor(page);
        Api visitor = new Api(port, stored.get("token"));
        String conversation = await().atMost(Duration.ofSeconds(20)).until(() -> conversationOf(visitor, stored.get("sessionId")),
                java.util.Objects::nonNull);
        Api.Response reply = admin.post("/api/v1/conversations/" + conversation + "/messages",
                "{\"text\":\"Merhaba Deniz Hanım, kartla ödeme adımlarını birlikte yapalım.\"}");
        assertThat(reply.status()).as(reply.body()).isLessThan(300);
        assertThat(panel.getByText("kartla ödeme adımlarını birlikte yapalım")).isVisible();
        Browser.screenshot(page, "chat-widget-desktop");

        // A reload continues the chat and draws the whole history once.
        List<String> before = transcript(page);
        assertThat(before).hasSizeGreaterThanOrEqualTo(4);
        page.reload();
        if (!page.getByRole(AriaRole.DIALOG).isVisible()) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(LAUNCHER)).click();
        }
        assertThat(panel.getByText("kartla ödeme adımlarını birlikte yapalım")).isVisible();
        assertThat(panel.locator(".msg, .system, .notice")).hasCount(before.size());
        assertThat(transcript(page)).containsExactlyElementsOf(before);
        assertThat(panel.locator(".msg.customer").filter(new Locator.FilterOptions().setHasText("Faturamı nasıl öderim?"))).hasCount(1);

        // Esc closes the panel and gives the focus back to the launcher.
        message.focus();
        page.keyboard().press("Escape");
        assertThat(panel).isHidden();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(LAUNCHER))).isFocused();
        assertThat(errors).isEmpty();
        assertThat(sockets).as("events came over the WebSocket").isNotEmpty().allMatch(u -> u.contains("/socket?"));
        assertThat(streams).as("no fallback to server-sent events was needed").isEmpty();
    }

    @Test
    void aMoneyMatterIsOfferedACallAndTheVisitorBooksAFreeTimeWhileWaiting() {
        Page page = browser.newPage();
        page.navigate(shopOrigin + "/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(LAUNCHER)).click();
        page.getByLabel("E-posta adresiniz").fill("iade@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sohbeti başlat")).click();
        Locator message = page.getByLabel("Mesajınız");
        message.fill("Geçen ay iki kez ödeme çekildi, paramı geri istiyorum");
        message.press("Enter");
        Locator panel = page.getByRole(AriaRole.DIALOG);
        assertThat(panel.getByText("Bu konuyu telefonda konuşmak isterseniz")).isVisible();
        // The hand-off's own events follow the offer; the offer stands.
        assertThat(panel.getByText("Sohbetiniz bir temsilciye aktarıldı")).isVisible();
        Locator offer = panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Beni arayın"));
        assertThat(offer).isVisible();
        offer.click();
        Locator times = panel.getByRole(AriaRole.RADIO);
        assertThat(times.first()).isVisible();
        String chosen = panel.locator(".slots label").first().innerText().strip();
        Locator form = panel.locator("form.offer");
        panel.getByLabel("Sizi hangi numaradan arayalım?").fill("+905327771122");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Gönder")).click();
        assertThat(panel.getByText("Lütfen bir saat seçin.")).isVisible();
        times.first().check();
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Gönder")).click();
        assertThat(panel.getByText("Geri aramanız ayarlandı: " + chosen)).isVisible();
        assertThat(offer).hasCount(0);
    }

    @Test
    void withoutWebSocketsTheChatRunsOnServerSentEventsAndPostToItsEnd() {
        browser.addInitScript("delete window.WebSocket;"); // as behind a proxy that drops upgrades
        Page page = browser.newPage();
        page.navigate(shopOrigin + "/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(LAUNCHER)).click();
        page.getByLabel("E-posta adresiniz").fill("sse@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sohbeti başlat")).click();
        Locator message = page.getByLabel("Mesajınız");
        message.fill("Faturamı nasıl öderim?");
        message.press("Enter");
        Locator panel = page.getByRole(AriaRole.DIALOG);
        assertThat(panel.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("Faturamı nasıl öderim")))).isVisible();
        assertThat(panel.locator(".pending")).hasCount(0);
        List<String> before = transcript(page);

        page.reload();
        assertThat(panel.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("Faturamı nasıl öderim")))).isVisible();
        assertThat(panel.locator(".msg, .system, .notice")).hasCount(before.size());
        assertThat(transcript(page)).containsExactlyElementsOf(before);

        // The visitor leaves: a rating (once), the transcript by e-mail, and a new chat.
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sohbeti bitir")).click();
        Locator rate = panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Değerlendirmeyi gönder"));
        rate.click();
        assertThat(panel.getByText("Lütfen 1 ile 5 arasında bir puan seçin.")).isVisible();
        panel.getByLabel("4 yıldız").check();
        panel.getByLabel("Yorumunuz (isteğe bağlı)").fill("Hızlı ve net.");
        rate.click();
        assertThat(panel.getByText("Değerlendirmeniz için teşekkür ederiz.")).isVisible();
        Map<String, String> stored = visitor(page);
        Api.Response session = new Api(port, stored.get("token")).get("/chat/v1/sessions/" + stored.get("sessionId"));
        assertThat(session.json().get("state").asString()).isEqualTo("ended");
        assertThat(session.json().get("rated").asBoolean()).isTrue();
        panel.getByLabel("Sohbet dökümünü e-postayla gönder").fill("sse@example.com");
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dökümü gönder")).click();
        assertThat(panel.getByText("Sohbet dökümü sse@example.com adresine gönderilecek.")).isVisible();
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Yeni sohbet başlat")).click();
        assertThat(page.getByLabel("Adınız")).isFocused();
        assertThat(panel.locator(".msg.customer")).hasCount(0);
    }

    @Test
    void onAPhoneThePanelFillsTheScreenAndNothingScrollsSideways() {
        Page page = browser.newPage();
        page.setViewportSize(PHONE, 844);
        page.navigate(shopOrigin + "/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(LAUNCHER)).click();
        Locator panel = page.getByRole(AriaRole.DIALOG);
        assertThat(panel).isVisible();
        BoundingBox box = panel.boundingBox();
        assertThat(box.x).isZero();
        assertThat(box.y).isZero();
        assertThat(box.width).isEqualTo(PHONE);
        assertThat(box.height).isEqualTo(844);
        Locator start = panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sohbeti başlat"));
        BoundingBox button = start.boundingBox();
        assertThat(button.x + button.width).isLessThanOrEqualTo(PHONE);
        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
        Browser.screenshot(page, "chat-widget-phone");
    }

    @Test
    void theHelpCentreEmbedsTheWidgetUnderItsContentSecurityPolicy() {
        Page page = browser.newPage();
        List<String> refused = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                refused.add(m.text());
            }
        });
        page.navigate("http://localhost:" + port + "/portal?lang=az");
        Locator launcher = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Canlı dəstək söhbətini aç"));
        launcher.click();
        Locator panel = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Canlı dəstək"));
        assertThat(panel).isVisible();
        assertThat(panel.locator("header")).hasCSS("background-color", "rgb(11, 110, 116)"); // styles applied despite style-src 'self'
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("English")).click();
        assertThat(page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Live chat"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start chat"))).isVisible();
        assertThat(refused).isEmpty();
    }

    private static void tabTo(Page page, String label) {
        for (int i = 0; i < 10; i++) {
            page.keyboard().press("Tab");
            Object focused = page.evaluate("() => { let e = document.activeElement; "
                    + "while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement; "
                    + "return e && e.getAttribute('aria-label'); }");
            if (label.equals(focused)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + label);
    }

    /** What the widget keeps in the page's localStorage. */
    @SuppressWarnings("unchecked")
    private Map<String, String> visitor(Page page) {
        return (Map<String, String>) page.evaluate("key => { const s = JSON.parse(localStorage.getItem(key)); "
                + "return {sessionId: s.sessionId, token: s.token}; }", "temas-chat:" + entryPoint);
    }

    /** The conversation the hand-over opened, as the session answers its visitor. */
    private static String conversationOf(Api visitor, String sessionId) {
        Api.Response session = visitor.get("/chat/v1/sessions/" + sessionId);
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return session.json().hasNonNull("conversationId") ? session.json().get("conversationId").asString() : null;
    }

    /** The chat as drawn: every message and system line, times left out (a redraw may cross a minute). */
    private static List<String> transcript(Page page) {
        return page.locator("temas-chat .msg, temas-chat .system, temas-chat .notice").allTextContents().stream()
                .map(t -> t.replaceAll("\\d{1,2}:\\d{2}", "")).toList();
    }
}
