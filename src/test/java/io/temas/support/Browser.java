package io.temas.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, one per test class (started in {@code @BeforeAll}, closed
 * in {@code @AfterAll}, so no browser process outlives its tests). Playwright is told
 * not to download a browser of its own; {@code temas.test.chromium} (or {@code CHROMIUM}) names
 * the binary when it is not at {@code /usr/bin/chromium}. Screenshots go to
 * {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static Browser start() {
        // Mail arrives through a real IMAP fetch; give pages the same 20 s as actions.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable())
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"))));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser context (own cookies) at 1280×800, Turkish by default like a customer-service floor in Istanbul. */
    public BrowserContext context() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 800).setLocale("tr-TR"));
        context.setDefaultTimeout(20_000);
        return context;
    }

    /** A fresh browser context whose browser speaks {@code locale} (a language tag) and runs in the time zone {@code zone}. */
    public BrowserContext context(String locale, String zone) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 800).setLocale(locale).setTimezoneId(zone));
        context.setDefaultTimeout(20_000);
        return context;
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png}. */
    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Signs in through the login form and waits for the console. */
    public static Page signIn(BrowserContext context, int port, String username, String password) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel(java.util.regex.Pattern.compile("Kullanıcı adı|User name|İstifadəçi adı")).fill(username);
        page.locator("#password").fill(password);
        page.locator("button[type=submit]").click();
        page.waitForURL("**/console/**");
        return page;
    }

    private static Path executable() {
        String configured = System.getProperty("temas.test.chromium", System.getenv("CHROMIUM"));
        Path path = Paths.get(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("No Chromium at " + path + ": install Debian's chromium (apt-get install chromium) "
                    + "or name the binary with -Dtemas.test.chromium=...");
        }
        return path;
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
