package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.reporting.ReportFixture;
import io.temas.reporting.ReportRollups;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report pages over HTTP as a supervisor and an agent see them: every report with its chart
 * data, table and export; filters from the address; the CSV's content; refusals for addresses
 * that make no sense. Figures are written for days far in the past that no other test uses, in
 * the console's configured zone (Europe/Istanbul, as no browser sent its own).
 */
@TemasIntegrationTest
class ReportsConsoleIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportRollups rollups;

    @Autowired
    Queues queues;

    @Test
    void aSupervisorSeesEveryReportWithChartTableExportAndTheLinksToComplaintsAndWinBack() {
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        for (String report : ReportsController.REPORTS) {
            Console.Page page = selin.get("/console/reports/" + report);
            assertThat(page.status()).as(report).isEqualTo(200);
            assertThat(page.body()).as(report).contains("data-chart=", "<table class=\"figures\"", "/console/reports/" + report + "/",
                    ".csv?from=", "href=\"/console/complaints\"", "href=\"/console/win-back\"", "echarts.common.min.js");
        }
        Console.Page overview = selin.get("/console/reports");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("href=\"/console/reports\"", "/console/reports/volume/days.csv");
    }

    @Test
    void anAgentGetsTheRefusalPageAndNoLinkToReports() {
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(ayse.get("/console/reports").status()).isEqualTo(403);
        assertThat(ayse.get("/console/reports/satisfaction").status()).isEqualTo(403);
        assertThat(ayse.get("/console/reports/volume/days.csv").status()).isEqualTo(403);
        assertThat(ayse.get("/console/inbox").body()).doesNotContain("href=\"/console/reports\"");
    }

    @Test
    void filtersInTheAddressNarrowTheFiguresAndTheCsvCarriesThem() {
        Queue fatura = queue("Fatura");
        Queue other = queues.all().stream().filter(q -> !q.id().equals(fatura.id())).findFirst().orElseThrow();
        ReportFixture fixture = new ReportFixture(jdbc);
        LocalDate first = LocalDate.of(2021, 6, 7);
        for (int day = 0; day < 3; day++) {
            Instant at = first.plusDays(day).atTime(10, 0).atZone(ISTANBUL).toInstant();
            for (int i = 0; i <= day; i++) {
                fixture.conversation(fatura.id(), "sms", at.plusSeconds(i), null, null, false, null, null, false);
            }
            fixture.conversation(fatura.id(), "email", at, null, null, false, null, at.plusSeconds(3600), false);
            fixture.conversation(other.id(), "sms", at, null, null, false, null, null, false);
        }
        rollups.refresh();
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        String range = "from=2021-06-07&to=2021-06-09";

        assertThat(csv(selin, "/console/reports/volume/days.csv?" + range + "&queue=" + fatura.id() + "&channel=sms")).containsExactly(
                "2021-06-07,1,1,0", "2021-06-08,2,2,0", "2021-06-09,3,3,0");
        assertThat(csv(selin, "/console/reports/volume/days.csv?" + range + "&queue=" + fatura.id())).containsExactly(
                "2021-06-07,1,1,2,1", "2021-06-08,1,2,3,1", "2021-06-09,1,3,4,1");
        assertThat(csv(selin, "/console/reports/volume/days.csv?" + range + "&channel=sms")).containsExactly(
                "2021-06-07,2,2,0", "2021-06-08,3,3,0", "2021-06-09,4,4,0");
        assertThat(csv(selin, "/console/reports/volume/days.csv?from=2021-06-08&to=2021-06-08&queue=" + other.id())).containsExactly(
                "2021-06-08,1,1,0");

        Console.Page page = selin.get("/console/reports/volume?" + range + "&queue=" + fatura.id() + "&channel=sms");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"2021-06-07\"", "value=\"2021-06-09\"",
                "<option value=\"" + fatura.id() + "\" selected=\"selected\"", "<option value=\"sms\" selected=\"selected\"");
    }

    @Test
    void theCsvQuotesAndDisarmsWhatASpreadsheetWouldRun() {
        ReportFixture fixture = new ReportFixture(jdbc);
        Instant at = LocalDate.of(2021, 6, 20).atTime(11, 0).atZone(ISTANBUL).toInstant();
        fixture.conversation(queue("Fatura").id(), "email", at, null, null, false, null, null, false,
                "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd", "-1+2", "@SUM(A1)", "iade, kargo");
        rollups.refresh();
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page export = selin.get("/console/reports/tags/top.csv?from=2021-06-20&to=2021-06-20");
        assertThat(export.status()).isEqualTo(200);
        List<String> lines = export.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("\uFEFF");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
                "\"'+cmd\",1,1.0000",
                "\"'-1+2\",1,1.0000",
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",1,1.0000",
                "\"'@SUM(A1)\",1,1.0000",
                "\"iade, kargo\",1,1.0000");
    }

    @Test
    void addressesThatMakeNoSenseGetAReadableRefusalNotAnError() {
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        selin.cookie("temas-lang", "en");
        Map<String, String> refusals = Map.of(
                "/console/reports/volume?from=yesterday", "The first day is not a date",
                "/console/reports/volume?from=2021-01-01&to=2021-13-01", "The last day is not a date",
                "/console/reports/times?from=2021-02-01&to=2021-01-01", "The last day is before the first",
                "/console/reports/sla?from=2000-01-01&to=2021-01-01", "The range is too long",
                "/console/reports/satisfaction?queue=not-a-queue", "No such queue",
                "/console/reports/satisfaction?queue=00000000-0000-0000-0000-000000000001", "No such queue",
                "/console/reports/tags?channel=carrier-pigeon", "No such channel",
                "/console/reports/volume/days.csv?from=2021-02-30", "The first day is not a date");
        refusals.forEach((path, sentence) -> {
            Console.Page page = selin.get(path);
            assertThat(page.status()).as(path).isEqualTo(400);
            assertThat(page.body()).as(path).contains(sentence, "Request not understood").doesNotContain("Exception");
        });
        assertThat(selin.get("/console/reports/nonsense").status()).isEqualTo(404);
        assertThat(selin.get("/console/reports/volume/nonsense.csv").status()).isEqualTo(404);
    }

    private Queue queue(String name) {
        return queues.all().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    /** The CSV's data lines (the heading line left out). */
    private static List<String> csv(Console console, String path) {
        Console.Page page = console.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        List<String> lines = page.body().lines().toList();
        return lines.subList(1, lines.size());
    }
}
