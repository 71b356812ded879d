package io.temas.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V55 on a database an older Temas filled: hours its aggregation had built keep their rows, hours it
 * had touched and not yet built are counted again from their conversations, and from then on the
 * rows follow the conversations' changes.
 */
class ReportChangesMigrationIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void builtHoursStayTouchedHoursAreCountedAgainAndChangesFollow() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(dir.toFile()).start()) {
            DataSource data = postgres.getPostgresDatabase();
            flyway(data, "54").migrate();
            JdbcClient jdbc = JdbcClient.create(data);
            ReportFixture fixture = new ReportFixture(jdbc);
            UUID queue = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Instant built = Instant.parse("2021-10-04T09:10:00Z");
            Instant touched = built.plus(Duration.ofHours(2));
            UUID answered = fixture.conversation(queue, "email", built, built.plusSeconds(3600), built.plusSeconds(600), false,
                    built.plusSeconds(86_400), null, false, "fatura");
            fixture.conversation(other, "sms", built.plusSeconds(60), built.plusSeconds(3660), null, true, built.plusSeconds(86_460), null, false);
            // The older aggregation built the first hour's rows (here: counted by the same definitions) and took its touches.
            jdbc.sql("""
                    insert into report_hours (hour, queue_id, channel, opened, fr_within, fr_target_seconds, fr_targets, fr_buckets)
                    values (?, ?, 'email', 1, 1, 3600, 1, ?::integer[]), (?, ?, 'sms', 1, 0, 0, 0, null)""")
                    .params(hour(built), queue, buckets(600), hour(built), other).update();
            jdbc.sql("insert into report_hours (hour, queue_id, channel, fr_over) values (?, ?, 'sms', 1)")
                    .params(hour(built.plusSeconds(3660)), other).update();
            jdbc.sql("insert into report_tag_hours (hour, queue_id, channel, tag, conversations) values (?, ?, 'email', 'fatura', 1)")
                    .params(hour(built), queue).update();
            jdbc.sql("delete from report_touches").update();
            // Then more came, touched and not yet built; one of its hours holds an outdated row.
            fixture.conversation(queue, "chat", touched, touched.plusSeconds(3600), touched.plusSeconds(30), false, touched.plusSeconds(86_400),
                    touched.plusSeconds(7200), false, "iade", "fatura");
            fixture.conversation(other, "email", touched.plusSeconds(5), null, null, false, null, null, false);
            jdbc.sql("insert into report_hours (hour, queue_id, channel, opened) values (?, ?, 'chat', 7)").params(hour(touched), queue).update();
            assertThat(jdbc.sql("select count(*) from report_touches").query(Long.class).single()).isPositive();

            flyway(data, "latest").migrate();
            ReportRollups rollups = new ReportRollups(jdbc, new TransactionTemplate(new DataSourceTransactionManager(data)), Clock.systemUTC(),
                    new ReportSettings(Duration.ofMinutes(1), 744, 366, java.util.List.of(ZoneId.of("Europe/Istanbul"))));
            rollups.refresh();
            assertThat(fixture.hourRows(queue, other)).hasSize(6).containsExactlyElementsOf(fixture.hourRowsCounted(queue, other));
            assertThat(fixture.tagRows(queue, other)).hasSize(3).containsExactlyElementsOf(fixture.tagRowsCounted(queue, other));

            // A change to a conversation of a built hour: its row follows.
            jdbc.sql("update conversations set resolved_at = created_at + interval '3 hours', status = 'resolved' where id = ?").param(answered)
                    .update();
            rollups.refresh();
            assertThat(fixture.hourRows(queue, other)).hasSize(7).containsExactlyElementsOf(fixture.hourRowsCounted(queue, other));
        }
    }

    private static Flyway flyway(DataSource data, String target) {
        return Flyway.configure().dataSource(data).locations("classpath:db/migration").target(target).load();
    }

    private static Timestamp hour(Instant at) {
        return Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.HOURS));
    }

    /** A histogram with one duration of these seconds, as the older aggregation stored it. */
    private static String buckets(long seconds) {
        int[] counts = new int[Histogram.BUCKETS];
        counts[Histogram.bucket(seconds) - 1] = 1;
        return java.util.Arrays.stream(counts).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
