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
 * whole by the first run after V57 in the configured zone, built whole from the hour rows for a
 * zone the setting adds, kept in both as conversations come, and dropped for a zone it no longer
 * names. Berlin's clocks went back on 31 October 2021, a day of 25 hours; Istanbul's did not, and
 * UTC's days are neither's.
 */
class ReportDaysIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void eachConfiguredZoneHasItsDaysBuiltWholeThenKeptAndAZoneNoLongerNamedLosesThem() throws Exception {
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
                open(fixture, n++ % 2 == 0 ? queue : other, Instant.parse(at));
            }
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(data));
            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
            assertThat(builtZones(jdbc)).as("V57 leaves the days to the job").isEmpty();
            ReportFilter istanbulDays = filter(ISTANBUL, queue, other);
            ReportFilter berlinDays = filter(BERLIN, queue, other);

            rollups(jdbc, transactions, ISTANBUL).refresh();
            assertThat(builtZones(jdbc)).containsExactly(ISTANBUL.getId());
            assertDaysSumTheirHours(fixture, queue, other, ISTANBUL);
            Reports istanbul = new Reports(jdbc, settings(ISTANBUL));
            assertThat(istanbul.dayZone(istanbulDays)).isEqualTo(ISTANBUL);
            assertThat(opened(istanbul, istanbulDays)).containsExactly("2021-10-31 2", "2021-11-01 2");
            assertThat(istanbul.dayZone(berlinDays)).as("a Berlin reader's days start at other instants").isNull();
            assertThat(opened(istanbul, berlinDays)).as("read from the hours").containsExactly("2021-10-30 1", "2021-10-31 2", "2021-11-01 1");

            rollups(jdbc, transactions, ISTANBUL, BERLIN).refresh();
            assertThat(builtZones(jdbc)).containsExactly(BERLIN.getId(), ISTANBUL.getId());
            assertDaysSumTheirHours(fixture, queue, other, BERLIN);
            assertDaysSumTheirHours(fixture, queue, other, ISTANBUL);
            Reports both = new Reports(jdbc, settings(ISTANBUL, BERLIN));
            assertThat(both.dayZone(berlinDays)).isEqualTo(BERLIN);
            assertThat(both.dayZone(istanbulDays)).isEqualTo(ISTANBUL);
            assertThat(opened(both, berlinDays)).containsExactly("2021-10-30 1", "2021-10-31 2", "2021-11-01 1");
            assertThat(opened(both, istanbulDays)).containsExactly("2021-10-31 2", "2021-11-01 2");
            assertThat(both.tags(berlinDays, 10)).containsExactly(new Reports.TagCount("fatura", 4));

            // Opened at 00:10 on 1 November in Berlin and at 02:10 in Istanbul: both zones' days follow.
            open(fixture, other, Instant.parse("2021-10-31T23:10:00Z"));
            rollups(jdbc, transactions, ISTANBUL, BERLIN).refresh();
            assertDaysSumTheirHours(fixture, queue, other, BERLIN);
            assertDaysSumTheirHours(fixture, queue, other, ISTANBUL);
            assertThat(opened(both, berlinDays)).containsExactly("2021-10-30 1", "2021-10-31 2", "2021-11-01 2");
            assertThat(opened(both, istanbulDays)).containsExactly("2021-10-31 2", "2021-11-01 3");

            rollups(jdbc, transactions, BERLIN).refresh();
            assertThat(builtZones(jdbc)).containsExactly(BERLIN.getId());
            assertThat(jdbc.sql("""
                    select (select count(*) from report_days where zone = :z) + (select count(*) from report_agent_days where zone = :z)
                           + (select count(*) from report_tag_days where zone = :z)""").param("z", ISTANBUL.getId()).query(Long.class).single())
                    .as("Istanbul's day rows").isZero();
            assertThat(both.dayZone(istanbulDays)).as("Istanbul's days no longer built").isNull();
            assertThat(opened(both, istanbulDays)).containsExactly("2021-10-31 2", "2021-11-01 3");
        }
    }

    private static void open(ReportFixture fixture, UUID queue, Instant created) {
        fixture.conversation(queue, "email", created, created.plusSeconds(3600), created.plusSeconds(600), false, created.plusSeconds(86_400), null,
                false, "fatura");
    }

    private static ReportRollups rollups(JdbcClient jdbc, TransactionTemplate transactions, ZoneId... zones) {
        return new ReportRollups(jdbc, transactions, Clock.systemUTC(), settings(zones));
    }

    private static ReportSettings settings(ZoneId... zones) {
        return new ReportSettings(Duration.ofMinutes(1), 744, 366, List.of(zones));
    }

    private static ReportFilter filter(ZoneId zone, UUID queue, UUID other) {
        return new ReportFilter(LocalDate.of(2021, 10, 29), LocalDate.of(2021, 11, 2), zone, null, null, Set.of(queue, other));
    }

    /** Conversations opened per day, as "day count". */
    private static List<String> opened(Reports reports, ReportFilter filter) {
        return reports.volume(filter).stream().map(v -> v.day() + " " + v.opened()).toList();
    }

    private static List<String> builtZones(JdbcClient jdbc) {
        return jdbc.sql("select zone from report_day_zones order by 1").query(String.class).list();
    }

    private static void assertDaysSumTheirHours(ReportFixture fixture, UUID queue, UUID other, ZoneId zone) {
        assertThat(fixture.dayRows(queue, other, zone)).as("day rows in %s", zone).isNotEmpty()
                .containsExactlyElementsOf(fixture.hourRowsSummedPerDay(queue, other, zone));
    }
}
