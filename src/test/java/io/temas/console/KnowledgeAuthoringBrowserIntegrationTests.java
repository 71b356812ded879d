package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The loop the knowledge base exists for, as people do it in Chromium: a customer searches the
 * help centre and finds nothing; an admin opens the failed-search report, presses "write an
 * article for this", previews it (htmx, under the console's script policy) and publishes it; the
 * customer's same search then finds the article. Every authoring page fits a phone and a desktop
 * in Turkish, Azerbaijani and English, without browser errors.
 */
@TemasIntegrationTest
class KnowledgeAuthoringBrowserIntegrationTests {

    private static final String BASE = "/console/knowledge/admin";

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

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void aFailedSearchBecomesAnArticleThatTheSameSearchThenFinds() {
        // Six random letters: a word no article holds (a UUID's letters alone were sometimes fewer than six).
        String word = "kx" + java.util.concurrent.ThreadLocalRandom.current().ints(6, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "zor";
        String query = "Hediye çeki " + word + " nasıl kullanılır";

        try (BrowserContext customerSide = chromium.context(); BrowserContext adminSide = chromium.context()) {
            Page customer = customerSide.newPage();
            customer.navigate(url("/portal/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
            // Nothing answers it (the search finds neighbours about gift cards, none of which the customer opens): a failed search.
            assertThat(customer.locator("main h1")).containsText(query);
            assertThat(customer.locator("main a", new Page.LocatorOptions().setHasText(query))).hasCount(0);

            Page admin = Browser.signIn(adminSide, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            List<String> errors = collectErrors(admin);
            admin.navigate(url("/console/admin"));
            admin.locator(".admin-menu a[href='" + BASE + "']").click();
            assertThat(admin.locator("h1")).hasText("Makaleler");
            admin.locator(".admin-menu a[href='" + BASE + "/failed-searches']").click();
            var row = admin.locator("tr.kb-failed-row").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(query));
            assertThat(row).hasCount(1);
            Browser.screenshot(admin, "kb-failed-searches-1280");
            row.locator("a.kb-write").click();

            assertThat(admin.locator("#a-title")).hasValue(query);
            assertThat(admin.locator("#a-tags")).hasValue(query);
            assertThat(admin.locator("#a-language")).hasValue("tr");
            admin.locator("#a-body").fill("<p>Hediye çekinizi ödeme adımında <strong>Çek kullan</strong> alanına yazın.</p>"
                    + "<ul><li>Çek kodu 12 haneli</li><li>Son kullanma tarihi çekin arkasında</li></ul><script>alert('x')</script>");
            admin.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Önizle")).click();
            assertThat(admin.locator("#kb-preview .portal-body li")).hasCount(2);
            assertThat(admin.locator("#kb-preview h1")).hasText(query);
            assertThat(admin.locator("#kb-preview script")).hasCount(0);
            assertThat(admin).hasURL(Pattern.compile(".*/articles/new.*"));
            Browser.screenshot(admin, "kb-editor-preview-1280");

            admin.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yayınla").setExact(true))
                    .first().click();
            assertThat(admin.locator(".alert.ok")).containsText("Yayınlandı");
            assertThat(admin.locator(".kb-status .badge")).hasText("Yayında");

            customer.navigate(url("/portal/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
            customer.locator("main a", new Page.LocatorOptions().setHasText(query)).first().click();
            assertThat(customer.locator("article.portal-article h1")).hasText(query);
            assertThat(customer.locator("article.portal-article .portal-body")).containsText("Çek kodu 12 haneli");
            assertThat(customer.locator("article.portal-article script")).hasCount(0);

            assertThat(errors).as("browser errors on the authoring pages").isEmpty();
        }
    }

    @Test
    void everyAuthoringPageFitsAPhoneAndADesktopInEveryLanguage() {
        try (BrowserContext context = chromium.context()) {
            Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
            List<String> errors = collectErrors(page);
            page.navigate(url(BASE + "/articles?state=published"));
            String article = page.locator("tr.kb-article-row a").first().getAttribute("href");
            List<String> pages = List.of(BASE + "/articles", BASE + "/articles/new", article, article + "/versions/1",
                    BASE + "/categories", BASE + "/synonyms", BASE + "/failed-searches");
            List<String> problems = new ArrayList<>();
            for (String language : List.of("tr", "az", "en")) {
                for (String path : pages) {
                    page.navigate(url(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
                    for (int width : new int[] {390, 1280}) {
                        page.setViewportSize(width, width == 390 ? 844 : 900);
                        int scrollWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
                        if (scrollWidth > width) {
                            problems.add(language + " " + path + " is " + scrollWidth + " px wide at " + width);
                        }
                        if ("tr".equals(language)) {
                            Browser.screenshot(page, "kb" + path.replace(BASE, "").replace(article.replace(BASE, ""), "/article")
                                    .replaceAll("[^a-z0-9]+", "-") + "-" + width);
                        }
                    }
                    page.setViewportSize(1280, 900);
                }
            }
            assertThat(problems).isEmpty();
            assertThat(errors).as("browser errors on the authoring pages").isEmpty();
        }
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
}
