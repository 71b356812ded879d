package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every console page, settings page and help-centre page, with data on it, in Turkish, Azerbaijani
 * and English (a settings entry's own page and the inbox's further views in Turkish), on a phone
 * (390×844) and a desktop (1280×900), in Turkish on a tablet (820 wide) too: nothing makes the
 * page scroll sideways, the browser logs no error (a blocked inline style or script, a failed
 * script), and no value of a key-value list is squeezed to a sliver beside its label. On a phone
 * the top bar folds into a menu button that reaches the user's presence, language and sign-out.
 * Error pages (404, 403, a refused id) come in the console's frame and the reader's language, with
 * a way back; the sign-in page fits too; the icon is served at {@code /favicon.ico}.
 */
@TemasIntegrationTest
class ResponsiveConsoleBrowserIntegrationTests {

    private static final int PHONE = 390;
    private static final int TABLET = 820;
    private static final int[] WIDTHS = {PHONE, TABLET, 1280};
    private static final List<String> LANGUAGES = List.of("tr", "az", "en");

    /** Narrower than this, a value breaks a letter or two to the line. */
    private static final int SLIVER = 48;

    /** A customer whose name and addresses are longer than a phone's width allows on one line with a label. */
    private static final String LONG_NAME = "Gülşen Büyükkarakurt-Hacıosmanoğulları Çiçekliyurtoğlu";

    private static final List<String> ADMIN_PAGES = List.of("/console/admin", "/console/admin/mailboxes",
            "/console/admin/entry-points", "/console/admin/queues", "/console/admin/agents", "/console/admin/users",
            "/console/admin/rules", "/console/admin/sla", "/console/admin/hours", "/console/admin/acks", "/console/admin/quarantine",
            "/console/admin/canned", "/console/admin/whatsapp", "/console/admin/chat", "/console/admin/messengers",
            "/console/admin/callbacks", "/console/admin/telephony", "/console/admin/surveys");

    /** Settings lists whose first entry's own page is checked too. */
    private static final List<String> DETAIL_OF = List.of("/console/campaigns/", "/console/admin/entry-points/", "/console/admin/queues/",
            "/console/admin/agents/", "/console/admin/rules/", "/console/admin/sla/", "/console/admin/hours/");

    @LocalServerPort
    int port;

    private static Browser chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    @Test
    void everyPageFitsEveryWidthInEveryLanguageWithoutBrowserErrors() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> conversation = inbound(api, "fatura@ornek.com.tr", "Kasım faturası ve otomatik ödeme talimatı " + tag,
                "gulsen-" + tag + "@uzun-alan-adi-ornegi.example.com.tr", "+90555%07d".formatted(Math.floorMod(tag.hashCode(), 10_000_000)));
        inbound(api, "destek@ornek.com.tr", "Modem her akşam bağlantıyı kesiyor " + tag, "modem-" + tag + "@example.com", null);
        // Settings rows with long unbroken values, as other tests and real organisations leave them.
        String queue = "Kurumsal-müşteri-faturalandırma-ve-tahsilat-" + UUID.randomUUID();
        api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}");
        api.post("/api/v1/entry-points", "{\"address\":\"kurumsal-faturalandirma-" + UUID.randomUUID()
                + "@uzun-alan-adi-ornegi.example.com.tr\",\"channel\":\"email\",\"queue\":\"" + queue + "\",\"name\":\"Kurumsal"
                + UUID.randomUUID().toString().replace("-", "") + "\"}");

        List<String> pages = new ArrayList<>(List.of("/console/inbox", "/console/inbox?view=all",
                "/console/conversations/" + conversation.get("conversation"), "/console/customers", "/console/customers/" + conversation.get("customer"), "/console/search?q=" + tag,
                "/console/supervisor", "/console/callbacks", "/console/dialer", "/console/campaigns"));
        pages.addAll(ADMIN_PAGES);
        pages.addAll(List.of("/portal", "/portal/contact", "/portal/callback", "/portal/search?q=fatura"));

        List<String> problems = new ArrayList<>();
        BrowserContext context = chromium.context();
        try {
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            List<String> errors = collectErrors(page);
            // Pages that repeat another's layout with other rows are seen in Turkish only, to keep the walk short.
            Set<String> turkishOnly = new LinkedHashSet<>(List.of("/console/inbox?view=unassigned", "/console/inbox?view=due"));
            turkishOnly.addAll(detailPages(page));
            pages.addAll(portalArticles(page));
            for (String language : LANGUAGES) {
                open(page, "/console/inbox?lang=" + language);
                List<String> walk = new ArrayList<>(pages);
                if ("tr".equals(language)) {
                    walk.addAll(turkishOnly);
                }
                for (String path : walk) {
                    errors.clear();
                    Response response = open(page, path);
                    if (response == null || response.status() >= 400) {
                        problems.add(language + " " + path + " answered " + (response == null ? "nothing" : response.status()));
                    }
                    check(page, language, path, errors, problems);
                }
                topBarFoldsOnAPhone(page, language, "/console/inbox", problems);
            }
        } finally {
            context.close();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void errorPagesComeInTheFrameAndTheReadersLanguageWithAWayBack() {
        List<String> problems = new ArrayList<>();
        BrowserContext context = chromium.context();
        try {
            Page page = Browser.signIn(context, port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
            List<String> errors = collectErrors(page);
            Map<String, List<String>> titles = Map.of("tr", List.of("Sayfa bulunamadı", "Bu sayfaya erişiminiz yok", "Bulunamadı"),
                    "az", List.of("Səhifə tapılmadı", "Bu səhifəyə girişiniz yoxdur", "Tapılmadı"),
                    "en", List.of("Page not found", "You do not have access to this page", "Not found"));
            Map<String, String> back = Map.of("tr", "Gelen kutusuna dön", "az", "Gələnlərə qayıt", "en", "Back to the inbox");
            for (String language : LANGUAGES) {
                open(page, "/console/inbox?lang=" + language);
                List<String> paths = List.of("/console/nowhere-" + language, "/console/admin/rules",
                        "/console/conversations/" + UUID.randomUUID());
                List<Integer> statuses = List.of(404, 403, 404);
                for (int i = 0; i < paths.size(); i++) {
                    errors.clear();
                    Response response = open(page, paths.get(i));
                    assertThat(response.status()).as(paths.get(i)).isEqualTo(statuses.get(i));
                    assertThat(page.locator("html").getAttribute("lang")).as(paths.get(i)).isEqualTo(language);
                    assertThat(page.locator("header.topbar nav a[href='/console/inbox']").count()).as("the console's frame on " + paths.get(i))
                            .isOne();
                    assertThat(page.locator("header.topbar .brand").isVisible()).as(paths.get(i)).isTrue();
                    assertThat(page.locator("main h1").innerText()).as(paths.get(i)).isEqualTo(titles.get(language).get(i));
                    Locator way = page.locator("main a[href='/console/inbox']");
                    assertThat(way.count()).as("a way back on " + paths.get(i)).isOne();
                    assertThat(way.innerText()).isEqualTo(back.get(language));
                    assertThat(page.content()).doesNotContain("Whitelabel");
                    check(page, language, paths.get(i), errors, problems);
                }
                topBarFoldsOnAPhone(page, language, "/console/nowhere", problems);
            }
            // An agent's own pages: the top bar offers her availability too.
            open(page, "/console/inbox?lang=tr");
            page.setViewportSize(PHONE, 844);
            page.locator(".topbar .menu-toggle").click();
            assertThat(page.locator("#my-presence").isVisible()).as("presence reachable at 390 px").isTrue();
            assertThat(page.locator("#my-presence").boundingBox().x + page.locator("#my-presence").boundingBox().width)
                    .isLessThanOrEqualTo(PHONE);

            // A help-centre address that names nothing: the help centre's own frame, the way home.
            Response portal = open(page, "/portal/nowhere?lang=en");
            assertThat(portal.status()).isEqualTo(404);
            assertThat(page.locator(".portal-header").isVisible()).isTrue();
            assertThat(page.locator("main a[href='/portal']").count()).isOne();
            assertThat(page.content()).doesNotContain("Whitelabel");
        } finally {
            context.close();
        }

        // Not signed in: the bare frame, in the language asked for, and the way to sign in.
        BrowserContext stranger = chromium.context();
        try {
            Page page = stranger.newPage();
            List<String> errors = collectErrors(page);
            for (String language : LANGUAGES) {
                errors.clear();
                page.navigate("http://localhost:" + port + "/login?lang=" + language);
                check(page, language, "/login", errors, problems);
            }
            Response response = page.navigate("http://localhost:" + port + "/nowhere?lang=az");
            assertThat(response.status()).isEqualTo(403);
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo("az");
            assertThat(page.locator("main a[href^='/login']").innerText()).isEqualTo("Daxil ol");
            assertThat(page.content()).doesNotContain("Whitelabel");
            // An API address opened in a browser answers as the API does, with a problem detail.
            page.setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + TemasIntegrationTest.ADMIN_TOKEN));
            Response api = page.navigate("http://localhost:" + port + "/api/v1/nowhere");
            assertThat(api.status()).isEqualTo(404);
            assertThat(api.headerValue("content-type")).startsWith("application/problem+json");
            assertThat(api.text()).contains("\"status\":404").doesNotContain("Whitelabel");
            page.setExtraHTTPHeaders(Map.of());
            Response icon = page.navigate("http://localhost:" + port + "/favicon.ico");
            assertThat(icon.status()).as("the icon, without a sign-in").isEqualTo(200);
            assertThat(icon.headerValue("content-type")).startsWith("image/svg+xml");
            assertThat(page.url()).endsWith("/favicon.ico");
        } finally {
            stranger.close();
        }
        assertThat(problems).isEmpty();
    }

    /** Every width: no sideways scroll, no value squeezed to a sliver; and no error in the browser's console. */
    private static void check(Page page, String language, String path, List<String> errors, List<String> problems) {
        for (int width : WIDTHS) {
            if (width == TABLET && !"tr".equals(language)) {
                continue; // the tablet's layout is the phone's or the desktop's; one language shows it holds
            }
            page.setViewportSize(width, width == PHONE ? 844 : 900);
            int scrollWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
            if (scrollWidth > width) {
                problems.add(language + " " + path + " is " + scrollWidth + " px wide at " + width + ": " + page.evaluate(
                        "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w)"
                                + ".slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')", width));
            }
            int slivers = ((Number) page.evaluate("[...document.querySelectorAll('.kv > dd')]"
                    + ".filter(d => d.offsetParent !== null && d.getBoundingClientRect().width < " + SLIVER + ").length")).intValue();
            if (slivers > 0) {
                problems.add(language + " " + path + " has " + slivers + " values narrower than " + SLIVER + " px at " + width);
            }
        }
        // The page's own error status is logged by Chromium as a failed resource; anything else is a fault.
        errors.stream().filter(e -> !e.startsWith("Failed to load resource: the server responded with a status of 40"))
                .forEach(e -> problems.add(language + " " + path + " logged: " + e));
    }

    /** At 390 px the navigation and the user's controls are behind the menu button, and all of them fit once it is open. */
    private static void topBarFoldsOnAPhone(Page page, String language, String path, List<String> problems) {
        open(page, path);
        page.setViewportSize(PHONE, 844);
        Locator toggle = page.locator(".topbar .menu-toggle");
        Locator signOut = page.locator(".topbar form[action='/logout'] button");
        if (!toggle.isVisible() || signOut.isVisible()) {
            problems.add(language + " " + path + ": the top bar does not fold behind a menu button at " + PHONE + " px");
            return;
        }
        toggle.click();
        for (String control : List.of(".topbar nav a[href='/console/inbox']", "#topbar-q", "#lang-select",
                ".topbar form[action='/logout'] button", ".topbar .me-name")) {
            Locator element = page.locator(control);
            var box = element.boundingBox();
            if (!element.isVisible() || box == null || box.x < 0 || box.x + box.width > PHONE) {
                problems.add(language + " " + path + ": " + control + " is not reachable at " + PHONE + " px");
            }
        }
        page.keyboard().press("Escape");
        if (signOut.isVisible()) {
            problems.add(language + " " + path + ": Escape does not fold the menu again");
        }
        page.setViewportSize(1280, 900);
        if (toggle.isVisible() || !signOut.isVisible()) {
            problems.add(language + " " + path + ": at 1280 px the top bar should show everything without a menu button");
        }
    }

    private static Response open(Page page, String path) {
        String origin = page.url().replaceFirst("^(https?://[^/]+).*$", "$1");
        return page.navigate(origin + path);
    }

    private static List<String> collectErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(message.text());
            }
        });
        page.onPageError(error -> errors.add("uncaught: " + error));
        return errors;
    }

    /**
     * The first entry's own page of each settings list that has one; for campaigns the demo campaign's, whichever is
     * listed first, since it is the one with entry points, a call list and a report to lay out.
     */
    private static List<String> detailPages(Page page) {
        Set<String> found = new LinkedHashSet<>();
        for (String prefix : DETAIL_OF) {
            open(page, prefix.substring(0, prefix.length() - 1));
            Locator demo = page.locator("main :is(h2, tr):has-text('KIS2026') a[href^='" + prefix + "']");
            Locator links = prefix.equals("/console/campaigns/") && demo.count() > 0 ? demo : page.locator("main a[href^='" + prefix + "']");
            for (int i = 0; i < links.count(); i++) {
                String href = links.nth(i).getAttribute("href");
                String rest = href.substring(prefix.length());
                if (!rest.isEmpty() && !rest.contains("/") && !rest.contains("?") && !rest.equals("new")) {
                    found.add(href);
                    break;
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** A help-centre category and article, as a visitor reaches them from the home page. */
    private static List<String> portalArticles(Page page) {
        open(page, "/portal");
        List<String> found = new ArrayList<>();
        for (String prefix : List.of("/portal/categories/", "/portal/articles/")) {
            Locator link = page.locator("a[href^='" + prefix + "']");
            if (link.count() > 0) {
                found.add(link.first().getAttribute("href"));
            }
        }
        return found;
    }

    /** A customer writes in; answers the conversation's and the customer's ids. */
    private static Map<String, String> inbound(Api api, String entryPoint, String subject, String email, String phone) {
        String from = "{\"name\":" + Api.quote(LONG_NAME) + ",\"email\":" + Api.quote(email)
                + (phone == null ? "" : ",\"phone\":" + Api.quote(phone)) + "}";
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":%s,"language":"tr","subject":%s,
                 "text":"Merhaba, kasım faturamda iki kez ödeme alınmış görünüyor; referans numarası TR-2026-000123456789. Teşekkürler."}"""
                .formatted(entryPoint, "responsive-" + UUID.randomUUID(), from, Api.quote(subject)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return Map.of("conversation", response.text("/conversationId"), "customer", response.text("/customerId"));
    }
}
