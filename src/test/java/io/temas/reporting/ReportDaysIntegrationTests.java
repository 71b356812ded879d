package io.temas.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day rows on a database of their own, so no other node's job runs between the steps: built
 * whole by the first run after V57, cut in the configured zone, and built whole again from the hour
 * rows when the configuration names another zone. Berlin's clocks went back on 31 October
 * 2021, a day of 25 hours; Istanbul's did not, and UTC's days are neither's.
 */
class ReportDaysIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void theFirstRunBuildsTheDaysInTheConfiguredZoneAndAnotherZoneBuildsThemAgain() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(dir.toFile()).start()) {
            DataSource data = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(data).locations("classpath:db/migration").target("56").load().migrate();
            JdbcClient jdbc = JdbcClient.create(data);
            ReportFixture fixture = new ReportFixture(jdbc);
            UUID queue = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            int n = 0;
            for (String at : List.of("2021-10-30T21:30:00Z", "2021-10-30T22:30:00Z", "2021-10-31T22:30:00Z", "2021-10-31T23:30:00Z")) {
                Instant created = Instant.parse(at);
                fixture.conversation(n++ % 2 == 0 ? queue : other, "email", created, created.plusSeconds(3600), created.plusSeconds(600), false,
                        created.plusSeconds(86_400), null, false, "fatura");
            }
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(data));
            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
            assertThat(dayZone(jdbc)).as("V57 leaves the days to the job").isNull();

            rollups(jdbc, transactions, ISTANBUL).refresh();
            assertThat(dayZone(jdbc)).isEqualTo(ISTANBUL.getId());
            assertDaysSumTheirHours(fixture, queue, other, ISTANBUL);
            Reports istanbul = new Reports(jdbc, settings(ISTANBUL));
            ReportFilter istanbulDays = filter(ISTANBUL, queue, other);
            assertThat(istanbul.byDays(istanbulDays)).isTrue();
            assertThat(opened(istanbul, istanbulDays)).containsExactly("2021-10-31 2", "2021-11-01 2");
            assertThat(istanbul.byDays(filter(BERLIN, queue, other))).as("a Berlin reader's days start at other instants").isFalse();
            assertThat(opened(istanbul, filter(BERLIN, queue, other))).as("read from the hours")
                    .containsExactly("2021-10-30 1", "2021-10-31 2", "2021-11-01 1");

            rollups(jdbc, transactions, BERLIN).refresh();
            assertThat(dayZone(jdbc)).isEqualTo(BERLIN.getId());
            assertDaysSumTheirHours(fixture, queue, other, BERLIN);
            Reports berlin = new Reports(jdbc, settings(BERLIN));
            ReportFilter berlinDays = filter(BERLIN, queue, other);
            assertThat(berlin.byDays(berlinDays)).isTrue();
            assertThat(opened(berlin, berlinDays)).containsExactly("2021-10-30 1", "2021-10-31 2", "2021-11-01 1");
            assertThat(berlin.tags(berlinDays, 10)).containsExactly(new Reports.TagCount("fatura", 4));
            assertThat(istanbul.byDays(istanbulDays)).as("the day rows are no longer cut in Istanbul").isFalse();
            assertThat(opened(istanbul, istanbulDays)).containsExactly("2021-10-31 2", "2021-11-01 2");
        }
    }

    private static ReportRollups rollups(JdbcClient jdbc, TransactionTemplate transactions, ZoneId zone) {
        return new ReportRollups(jdbc, transactions, Clock.systemUTC(), settings(zone));
    }

    private static ReportSettings settings(ZoneId zone) {
        return new ReportSettings(Duration.ofMinutes(1), 744, 366, zone);
    }

    private static ReportFilter filter(ZoneId zone, UUID queue, UUID other) {
        return new ReportFilter(LocalDate.of(2021, 10, 29), LocalDate.of(2021, 11, 2), zone, null, null, Set.of(queue, other));
    }

    /** Conversations opened per day, as "day count". */
    private static List<String> opened(Reports reports, ReportFilter filter) {
        return reports.volume(filter).stream().map(v -> v.day() + " " + v.opened()).toList();
    }

    private static String dayZone(JdbcClient jdbc) {
        return jdbc.sql("select day_zone from report_state").query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1))).single().orElse(null);
    }

    private static void assertDaysSumTheirHours(ReportFixture fixture, UUID queue, UUID other, ZoneId zone) {
        List<List<String>> daysAndHours = fixture.dayRowsAndHoursSummed(queue, other, zone);
        assertThat(daysAndHours.getFirst()).as("day rows").isNotEmpty().containsExactlyElementsOf(daysAndHours.getLast());
    }
}
