package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.temas.customers.Customers;
import io.temas.events.ImportRunnerControl;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A supervisor imports a 100,000-line CSV of branch visits from the console: the job page's progress bar follows the
 * job to its end without a reload, the bad lines are listed with their numbers and downloadable, and the imported
 * activity shows on a customer's 360. At 1280 and 390 px wide.
 */
@TemasIntegrationTest
class ImportsBrowserIntegrationTests {

    private static final int PHONE = 390;
    private static final int LINES = 100_000;

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    ApplicationContext application;

    @Test
    void aSupervisorImportsAHundredThousandLinesWatchesTheProgressAndReadsTheBadLines() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path file = csv(suffix);

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                page.locator("nav a[href='/console/imports']").click();
                page.waitForURL("**/console/imports");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "imports-390");
                page.setViewportSize(1280, 800);

                // A file refused whole says why in the reader's language.
                Path badHeader = file.resolveSibling("bad-header-" + suffix + ".csv");
                Files.writeString(badHeader, "type,when,source_id\nbranch_visit,2026-12-02T10:15:00+03:00,x\n");
                page.locator("#im-file").setInputFiles(badHeader);
                page.locator("#import-start").click();
                assertThat(page.locator("body")).containsText("Bu dosya içe aktarılamaz: CSV başlığında \"at\" sütunu yok");

                // A file over the upload limit is refused by the page before it is sent, saying the limit and the way for it.
                Path tooLarge = Files.createTempFile("too-large", ".csv");
                try {
                    try (var out = Files.newOutputStream(tooLarge)) {
                        byte[] line = "branch_visit,2026-12-02T10:15:00+03:00,x,a@example.com\n".getBytes(StandardCharsets.UTF_8);
                        for (long written = 0; written <= 25L * 1024 * 1024; written += line.length) {
                            out.write(line);
                        }
                    }
                    page.locator("#im-file").setInputFiles(tooLarge);
                    assertThat(page.locator("#import-too-large")).isVisible();
                    assertThat(page.locator("#import-too-large")).containsText("25 MB sınırından büyük");
                    assertThat(page.locator("#import-too-large")).containsText("POST /api/v1/customer-events/imports");
                    List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
                    java.util.function.Consumer<com.microsoft.playwright.Request> watch = r -> {
                        if ("POST".equals(r.method())) {
                            posted.add(r.url());
                        }
                    };
                    page.onRequest(watch);
                    // A click that sends the form waits until its navigation has started, so a sent form is seen here.
                    page.locator("#import-start").click();
                    page.offRequest(watch);
                    assertThat(posted).as("nothing sent").isEmpty();
                    assertThat(page.locator("#import-too-large")).isVisible();
                } finally {
                    Files.deleteIfExists(tooLarge);
                }

                // The runner is held until the job's page is open, so the page is seen following a job that has not run yet.
                ImportRunnerControl.hold(application);
                try {
                    page.locator("#im-file").setInputFiles(file);
                    page.locator("#import-start").click();
                    page.waitForURL(u -> u.matches(".*/console/imports/[0-9a-f-]{36}$"));
                    assertThat(page.locator("#import-progress")).hasAttribute("data-status", "queued");
                } finally {
                    ImportRunnerControl.release(application);
                }

                // htmx polls the progress block; the page is never reloaded by the test.
                assertThat(page.locator("#import-progress")).hasAttribute("data-status", "done",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(180_000));
                assertThat(page.locator("#import-bar")).hasAttribute("value", "100");
                assertThat(page.locator("#import-counts")).containsText("100.000 / 100.000");
                assertThat(page.locator("#import-counts")).containsText("3 reddedildi");
                assertThat(page.locator("#import-counts")).containsText("99.997 alındı");
                List<String> lines = page.locator("#refusals tbody tr td:first-child").allTextContents();
                assertThat(lines).containsExactly("1001", "50002", "99999");
                // Why, in the reader's language, not the API's English.
                List<String> reasons = page.locator("#refusals tbody tr td:nth-child(2)").allTextContents();
                assertThat(reasons.get(0)).contains("\"dün\" saat dilimi farkıyla yazılmış bir ISO-8601 zamanı değil");
                assertThat(reasons.get(1)).contains("\"Şube!\" türü ne bilinen bir tür");
                assertThat(reasons.get(2)).contains("Satırda 3 hücre var, başlık ise 6 sütun adlandırıyor");
                Browser.screenshot(page, "import-done-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "import-done-390");
                page.setViewportSize(1280, 800);

                Download download = page.waitForDownload(() -> page.locator("#refusals-download").click());
                List<String> report = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
                assertThat(report).hasSize(4);
                assertThat(report.get(0)).isEqualTo("\uFEFFline,field,reason,raw");
                assertThat(report.get(1)).startsWith("1001,at,").contains("ISO-8601 zamanı değil");
                assertThat(report.get(2)).startsWith("50002,type,");
                assertThat(report.get(3)).startsWith("99999,,");

                // The activity is on the customer's 360, in the reader's language.
                UUID customer = customers.findByIdentifier("sube-" + suffix + "-7@example.com").orElseThrow().id().value();
                page.navigate("http://localhost:" + port + "/console/customers/" + customer);
                assertThat(page.locator("#customer-events")).containsText("Diğer sistemlerden son hareketler");
                assertThat(page.locator("#customer-events li").first()).containsText("Şube ziyareti");
                assertThat(page.locator("#customer-events")).containsText("Kadıköy şubesi");
                assertThat(page.locator("body")).containsText("Şubeye geldi: Kadıköy şubesi");
            } finally {
                context.close();
            }
        }
    }

    /** 100,000 branch visits of 1,000 people, three of them bad: a time that is none, a type that is none, cells missing. */
    private static Path csv(String suffix) throws IOException {
        Path dir = Paths.get("target", "imports");
        Files.createDirectories(dir);
        Path file = dir.resolve("branch-visits-" + suffix + ".csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("type,at,source_id,email,attr.branch,attr.teller\n");
            for (int i = 1; i <= LINES; i++) {
                int line = i + 1;
                String id = "visit-" + suffix + "-" + i;
                String email = "sube-" + suffix + "-" + (i % 1000) + "@example.com";
                if (line == 1_001) {
                    out.write("branch_visit,dün,"+ id + "," + email + ",Kadıköy şubesi,3\n");
                } else if (line == 50_002) {
                    out.write("Şube!,2026-12-02T10:15:00+03:00," + id + "," + email + ",Kadıköy şubesi,3\n");
                } else if (line == 99_999) {
                    out.write("branch_visit,2026-12-02T10:15:00+03:00," + id + "\n");
                } else {
                    out.write("branch_visit,2026-12-0" + (1 + i % 2) + "T" + (10 + i % 8) + ":15:00+03:00," + id + "," + email
                            + ",Kadıköy şubesi," + (i % 9) + "\n");
                }
            }
        }
        return file;
    }
}
