package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.reporting.ReportFixture;
import io.temas.reporting.ReportRollups;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor reads the reports in a real browser: the charts draw (a canvas, with data), a
 * different date range comes from the filter form and stays in the address, the table's CSV
 * downloads, and an agent's survey answers and reply ratings show on the agent chart and table.
 * Screenshots at 1280 and 390 px wide.
 */
@TemasIntegrationTest
class ReportsBrowserIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportRollups rollups;

    @Autowired
    Clock clock;

    @Test
    void aSupervisorReadsChartsChangesTheRangeDownloadsACsvAndSeesAnAgentsSatisfaction() throws Exception {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Rapor " + suffix;
        Api.Response created = api.post("/api/v1/agents", """
                {"username":"rapor-%s","displayName":"%s","capacity":{"email":1},"queues":["Fatura"],"presence":"offline"}"""
                .formatted(suffix, name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID agent = UUID.fromString(created.text("/id"));
        UUID fatura = jdbc.sql("select id from queues where name = 'Fatura'").query(UUID.class).single();

        LocalDate today = LocalDate.now(clock.withZone(ISTANBUL));
        Instant yesterday = today.minusDays(1).atTime(10, 0).atZone(ISTANBUL).toInstant();
        ReportFixture fixture = new ReportFixture(jdbc);
        int[] csat = {5, 4};
        for (int i = 0; i < csat.length; i++) {
            UUID c = fixture.conversation(fatura, i == 0 ? "email" : "sms", yesterday, yesterday.plusSeconds(3600), yesterday.plusSeconds(600),
                    false, yesterday.plusSeconds(86_400), yesterday.plusSeconds(7200), false, "rapor-" + suffix);
            fixture.survey(c, fatura, agent, "email", yesterday.plusSeconds(9000), csat[i], 2);
            fixture.rating(c, agent, i == 0, yesterday.plusSeconds(8000));
        }
        rollups.refresh();

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context("tr-TR", "Europe/Istanbul");
            try {
                Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                page.locator("nav a[href='/console/reports']").click();
                page.waitForURL("**/console/reports");
                Locator chart = page.locator("#panel-days .chart");
                assertThat(chart).hasAttribute("data-rendered", "true");
                assertThat(chart.locator("canvas")).hasCount(1);
                assertThat(page.locator("#panel-days table.figures tbody tr")).hasCount(7);
                Browser.screenshot(page, "reports-volume-1280");

                // Another range from the form: the address carries it, the table follows.
                String from = today.minusDays(2).toString();
                page.locator("#report-from").fill(from);
                page.locator("#report-to").fill(today.toString());
                page.locator(".report-filters button[type=submit]").click();
                page.waitForURL("**/console/reports/volume?from=" + from + "**");
                assertThat(page.locator("#panel-days table.figures tbody tr")).hasCount(3);
                assertThat(page.locator("#report-from")).hasValue(from);
                assertThat(page.locator("#panel-days .chart")).hasAttribute("data-rendered", "true");

                Download download = page.waitForDownload(() -> page.locator("#panel-days a.csv").click());
                List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
                assertThat(download.suggestedFilename()).isEqualTo("temas-volume-days-" + from + "-" + today + ".csv");
                assertThat(lines.getFirst()).startsWith("\uFEFFGün,");
                assertThat(lines).hasSize(4);
                assertThat(lines.get(2)).startsWith(today.minusDays(1) + ",");

                // The agent's figures: CSAT 4.50 from two answers, one of two replies rated helpful.
                page.locator("nav.report-nav a[href*='/console/reports/satisfaction']").click();
                page.waitForURL("**/console/reports/satisfaction**");
                Locator agents = page.locator("#panel-agents");
                assertThat(agents.locator(".chart")).hasAttribute("data-rendered", "true");
                assertThat(agents.locator(".chart canvas")).hasCount(1);
                Locator row = agents.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(name));
                assertThat(row.locator("td")).containsText(new String[] {"2", "4,50", "%100", "2", "2,00", "1", "2", "%50"});
                Locator ratings = page.locator("#panel-ratings tbody tr").filter(new Locator.FilterOptions().setHasText(name));
                assertThat(ratings.locator("td")).containsText(new String[] {"1", "2", "%50"});
                assertThat(page.locator("#panel-ratings .chart canvas")).hasCount(1);
                Browser.screenshot(page, "reports-satisfaction-1280");

                page.setViewportSize(390, 844);
                page.reload();
                assertThat(page.locator("#panel-agents .chart")).hasAttribute("data-rendered", "true");
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
                Browser.screenshot(page, "reports-satisfaction-390");
                page.navigate("http://localhost:" + port + "/console/reports/knowledge");
                Browser.screenshot(page, "reports-knowledge-390");
                page.setViewportSize(1280, 800);
                page.navigate("http://localhost:" + port + "/console/reports/times");
                assertThat(page.locator("#panel-first .chart")).hasAttribute("data-rendered", "true");
                assertThat(page.locator("#panel-resolution .chart canvas")).hasCount(1);
                Browser.screenshot(page, "reports-times-1280");
            } finally {
                context.close();
            }
        }
    }
}
