package io.temas.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.TemasIntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hour rows against a count made directly over the source tables with the same definitions:
 * they must agree after a run, and again after conversations of already aggregated days change.
 * Each test writes its own queues and a week of its own far in the past, so other tests' rows
 * never enter its figures.
 */
@TemasIntegrationTest
class ReportRollupsIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final List<String> CHANNELS = List.of("email", "sms", "chat");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportRollups rollups;

    @Autowired
    Reports reports;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    ReportFixture fixture;
    final UUID queueA = UUID.randomUUID();
    final UUID queueB = UUID.randomUUID();

    @BeforeEach
    void fixture() {
        fixture = new ReportFixture(jdbc);
    }

    @Test
    void rollupEqualsADirectCountAndFollowsChangesToAggregatedDays() {
        LocalDate first = LocalDate.of(2021, 2, 1);
        List<UUID> ids = generate(first, 7, 400, new Random(7));
        rollups.refresh();
        ReportFilter week = new ReportFilter(first, first.plusDays(6), ISTANBUL, null, null, Set.of(queueA, queueB));
        ReportFilter baku = new ReportFilter(first.plusDays(1), first.plusDays(3), ZoneId.of("Asia/Baku"), queueA, "sms", null);
        assertThat(reports.dayZone(week)).as("an Istanbul reader reads the day rows").isEqualTo(ISTANBUL);
        assertThat(reports.dayZone(baku)).as("a Baku reader reads the hour rows").isNull();
        assertAgrees(week);
        assertDaysAgreeWithHours(week);
        assertAgrees(baku);

        // Conversations of days already aggregated change: resolved late, moved to the other queue, first response given.
        Instant now = first.plusDays(3).atStartOfDay(ISTANBUL).toInstant();
        jdbc.sql("""
                        update conversations set status = 'resolved', resolved_at = created_at + interval '30 hours', resolution_breached = true
                        where id = any(cast(? as uuid[])) and resolved_at is null""")
                .param(array(ids.subList(0, 40))).update();
        jdbc.sql("update conversations set queue_id = ? where id = any(cast(? as uuid[]))").params(queueB, array(ids.subList(40, 80))).update();
        jdbc.sql("""
                        update conversations set first_responded_at = created_at + interval '5 minutes', first_response_breached = false
                        where id = any(cast(? as uuid[])) and first_responded_at is null""")
                .param(array(ids.subList(80, 160))).update();
        assertThat(now).isNotNull();
        rollups.refresh();
        assertAgrees(week);
        assertDaysAgreeWithHours(week);
        assertDaysAgreeWithHours(new ReportFilter(first.plusDays(2), first.plusDays(5), ISTANBUL, queueB, "sms", null));
        assertAgrees(new ReportFilter(first, first.plusDays(6), ISTANBUL, queueB, null, null));
    }

    /**
     * Every kind of change a conversation goes through, many rows at a time and one at a time, some
     * rolled back, with a run after each round: the hour rows, kept by adding changes, equal the hours
     * counted from the conversations as they are now, column by column.
     */
    @Test
    void hourRowsKeptByTheirChangesEqualTheConversationsCountedAfresh() {
        LocalDate first = LocalDate.of(2021, 9, 6);
        Random random = new Random(23);
        List<UUID> ids = new ArrayList<>(generate(first, 3, 300, random));
        rollups.refresh();
        assertEqualsCountedAfresh();
        List<String> changes = List.of(
                "update conversations set status = 'resolved', resolved_at = created_at + interval '20 hours', resolution_breached = false",
                "update conversations set status = 'open', resolved_at = null",
                "update conversations set first_responded_at = created_at + interval '90 minutes'",
                "update conversations set first_responded_at = null, first_response_breached = true",
                "update conversations set resolution_breached = true",
                "update conversations set queue_id = case when queue_id = '" + queueA + "' then '" + queueB + "'::uuid else '" + queueA + "'::uuid end",
                "update conversations set channel = 'whatsapp'",
                "update conversations set tags = array_append(tags, 'yeni')",
                "update conversations set tags = '{}'",
                "update conversations set tags = array['iade', 'iade']",
                "update conversations set created_at = created_at - interval '7 hours'",
                "update conversations set first_response_due = first_response_due + interval '1 day', resolution_due = null",
                "update conversations set last_message_at = now()");
        for (int round = 0; round < 8; round++) {
            for (int k = 0; k < 5; k++) {
                String change = changes.get(random.nextInt(changes.size()));
                List<UUID> some = some(ids, 1 + random.nextInt(random.nextBoolean() ? 3 : 60), random);
                boolean rolledBack = random.nextInt(5) == 0;
                transactions.executeWithoutResult(status -> {
                    jdbc.sql(change + " where id = any(cast(? as uuid[]))").param(array(some)).update();
                    if (rolledBack) {
                        status.setRollbackOnly();
                    }
                });
            }
            List<UUID> copied = some(ids, 20, random);
            List<UUID> copies = jdbc.sql("""
                            insert into conversations (id, reference, customer_id, channel, status, priority, queue_id, created_at, last_message_at,
                                                       first_response_due, first_responded_at, first_response_breached, resolution_due,
                                                       resolved_at, resolution_breached, tags)
                            select gen_random_uuid(), 'R-' || nextval('conversation_reference_seq'), customer_id, channel, status, priority,
                                   queue_id, created_at + interval '1 hour', last_message_at, first_response_due, first_responded_at,
                                   first_response_breached, resolution_due, resolved_at, resolution_breached, tags
                            from conversations where id = any(cast(? as uuid[])) returning id""")
                    .param(array(copied)).query(UUID.class).list();
            ids.addAll(copies);
            List<UUID> gone = some(ids, 10, random);
            jdbc.sql("delete from conversations where id = any(cast(? as uuid[]))").param(array(gone)).update();
            ids.removeAll(gone);
            rollups.refresh();
            assertEqualsCountedAfresh();
        }
        assertThat(jdbc.sql("select count(*) from report_conversation_changes").query(Long.class).single()).isZero();
    }

    /** A change not yet committed when a run takes the changes is left for the run after its commit, and added once. */
    @Test
    void aChangeCommittedAfterARunTookTheChangesIsAddedByTheNextRunOnce() throws Exception {
        Instant at = LocalDate.of(2021, 10, 18).atTime(11, 0).atZone(ISTANBUL).toInstant();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var insert = other.prepareStatement("""
                    insert into conversations (id, reference, customer_id, channel, status, priority, queue_id, created_at, last_message_at)
                    select ?, 'R-' || nextval('conversation_reference_seq'), id, 'sms', 'open', 'normal', ?, ?, ? from customers limit 1""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, queueA);
                insert.setTimestamp(3, Timestamp.from(at));
                insert.setTimestamp(4, Timestamp.from(at));
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            rollups.refresh();
            assertThat(fixture.hourRows(queueA, queueB)).isEmpty();
            other.commit();
        }
        rollups.refresh();
        assertThat(fixture.hourRows(queueA, queueB)).hasSize(1).containsExactlyElementsOf(fixture.hourRowsCounted(queueA, queueB));
        rollups.refresh();
        assertThat(fixture.hourRows(queueA, queueB)).containsExactlyElementsOf(fixture.hourRowsCounted(queueA, queueB));
    }

    /** A bulk load's changes, taken by one run: the run adds them up and then vacuums the table they leave dead behind. */
    @Test
    void aRunTakingABulkOfChangesAddsThemAndVacuumsTheirTable() {
        Instant hour = Instant.parse("2021-11-01T08:00:00Z");
        Instant before = jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
        jdbc.sql("""
                        insert into report_conversation_changes
                        select ?, ?, 'email', 1, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, case when i % 2 = 0 then 1 else -1 end
                        from generate_series(0, ?) i""")
                .params(Timestamp.from(hour), queueA, ReportRollups.BULK).update();
        rollups.refresh();
        assertThat(jdbc.sql("select opened from report_hours where hour = ? and queue_id = ?").params(Timestamp.from(hour), queueA)
                .query(Integer.class).single()).isEqualTo(1);
        jdbc.sql("select pg_stat_clear_snapshot()").query((rs, n) -> 1).list();
        List<Instant> vacuumed = jdbc.sql("select last_vacuum from pg_stat_user_tables where relname = 'report_conversation_changes'")
                .query((rs, n) -> rs.getTimestamp(1) == null ? Instant.EPOCH : rs.getTimestamp(1).toInstant()).list();
        assertThat(vacuumed).singleElement().as("the table's last vacuum").matches(at -> !at.isBefore(before));
    }

    private static List<UUID> some(List<UUID> ids, int n, Random random) {
        List<UUID> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chosen.add(ids.get(random.nextInt(ids.size())));
        }
        return chosen;
    }

    /** The hour rows of the test's queues against the same figures counted from their conversations by the definitions of V33. */
    private void assertEqualsCountedAfresh() {
        assertThat(fixture.hourRows(queueA, queueB)).as("report_hours").isNotEmpty().containsExactlyElementsOf(fixture.hourRowsCounted(queueA, queueB));
        assertThat(fixture.tagRows(queueA, queueB)).as("report_tag_hours").isNotEmpty()
                .containsExactlyElementsOf(fixture.tagRowsCounted(queueA, queueB));
        assertDaysSumTheirHours();
    }

    /** The day rows of the test's queues equal their hour rows summed per day of the zone they are cut in. */
    private void assertDaysSumTheirHours() {
        assertThat(fixture.dayRows(queueA, queueB, ISTANBUL)).as("day rows").isNotEmpty()
                .containsExactlyElementsOf(fixture.hourRowsSummedPerDay(queueA, queueB, ISTANBUL));
    }

    /** Every figure read from the day rows equals the same read from the hour rows. */
    private void assertDaysAgreeWithHours(ReportFilter filter) {
        Reports hours = reports.fromHours();
        assertThat(reports.volume(filter)).isNotEmpty().isEqualTo(hours.volume(filter));
        assertThat(reports.times(filter)).usingRecursiveFieldByFieldElementComparator().isEqualTo(hours.times(filter));
        assertThat(reports.attainment(filter)).containsExactlyInAnyOrderElementsOf(hours.attainment(filter));
        assertThat(reports.satisfactionByQueue(filter)).isEqualTo(hours.satisfactionByQueue(filter));
        assertThat(reports.satisfactionByAgent(filter)).containsExactlyInAnyOrderElementsOf(hours.satisfactionByAgent(filter));
        assertThat(reports.tags(filter, 50)).isEqualTo(hours.tags(filter, 50));
        assertThat(reports.opened(filter)).isEqualTo(hours.opened(filter));
    }

    @Test
    void percentilesFromSummedBucketsAreWithinOneBucketOfTheExactOnes() {
        LocalDate first = LocalDate.of(2021, 3, 1);
        generate(first, 5, 500, new Random(11));
        rollups.refresh();
        ReportFilter filter = new ReportFilter(first, first.plusDays(4), ISTANBUL, null, null, Set.of(queueA, queueB));
        Histogram firstResponse = Histogram.empty();
        Histogram resolution = Histogram.empty();
        for (Reports.DayTimes day : reports.times(filter)) {
            firstResponse = firstResponse.plus(day.firstResponse().histogram());
            resolution = resolution.plus(day.resolution().histogram());
        }
        List<Double> exactFirst = durations(filter, "first_responded_at");
        List<Double> exactResolution = durations(filter, "resolved_at");
        assertThat(firstResponse.total()).isEqualTo(exactFirst.size()).isGreaterThan(100);
        assertThat(resolution.total()).isEqualTo(exactResolution.size()).isGreaterThan(100);
        for (double q : new double[] {0.5, 0.9}) {
            assertWithinABucket(firstResponse.percentile(q), exact(exactFirst, q));
            assertWithinABucket(resolution.percentile(q), exact(exactResolution, q));
        }
    }

    @Test
    void surveyAnswersAndReplyRatingsAddUpPerAgent() {
        LocalDate day = LocalDate.of(2021, 4, 6);
        Instant noon = day.atTime(12, 0).atZone(ISTANBUL).toInstant();
        UUID agentA = UUID.randomUUID();
        UUID agentB = UUID.randomUUID();
        int[] csat = {5, 4, 2, 5, 1};
        for (int i = 0; i < csat.length; i++) {
            UUID c = fixture.conversation(queueA, "email", noon.minusSeconds(7200), null, null, false, null, noon.minusSeconds(3600), false);
            fixture.survey(c, queueA, i < 3 ? agentA : agentB, "email", noon.plusSeconds(i * 600L), csat[i], i == 0 ? null : i + 1);
            fixture.rating(c, i < 3 ? agentA : agentB, i % 2 == 0, noon.plusSeconds(i * 60L));
        }
        rollups.refresh();
        Map<UUID, Reports.Satisfaction> byAgent = new HashMap<>();
        reports.satisfactionByAgent(new ReportFilter(day, day, ISTANBUL, null, null, Set.of(queueA)))
                .forEach(s -> byAgent.put(s.agentId(), s));
        assertThat(byAgent).containsOnlyKeys(agentA, agentB);
        Reports.Satisfaction a = byAgent.get(agentA);
        assertThat(a.csatCount()).isEqualTo(3);
        assertThat(a.csat()).isEqualTo((5 + 4 + 2) / 3.0);
        assertThat(a.satisfied()).isEqualTo(2);
        assertThat(a.cesCount()).isEqualTo(2);
        assertThat(a.ces()).isEqualTo((2 + 3) / 2.0);
        assertThat(a.helpful()).isEqualTo(2);
        assertThat(a.rated()).isEqualTo(3);
        Reports.Satisfaction b = byAgent.get(agentB);
        assertThat(b.csat()).isEqualTo(3.0);
        assertThat(b.helpfulShare()).isEqualTo(0.5);

        // A later press on the same reply replaces the earlier one, and the figures follow.
        jdbc.sql("update reply_ratings set helpful = true where agent_id = ?").param(agentB).update();
        rollups.refresh();
        Reports.Satisfaction changed = reports.satisfactionByAgent(new ReportFilter(day, day, ISTANBUL, null, null, Set.of(queueA))).stream()
                .filter(s -> agentB.equals(s.agentId())).findFirst().orElseThrow();
        assertThat(changed.helpfulShare()).isEqualTo(1.0);
        assertDaysSumTheirHours();
        assertDaysAgreeWithHours(new ReportFilter(day, day, ISTANBUL, null, null, Set.of(queueA)));
    }

    @Test
    void anOpeningAddsToTheHoursItCountsInAndABreachLaterToItsDueHour() {
        LocalDate day = LocalDate.of(2021, 8, 16);
        Instant opened = day.atTime(10, 10).atZone(ISTANBUL).toInstant();
        Instant firstDue = opened.plus(Duration.ofHours(3));
        Instant resolutionDue = opened.plus(Duration.ofHours(30));
        // Within one transaction, rolled back, so no run of the job takes the changes first.
        List<Instant> touched = transactions.execute(status -> {
            status.setRollbackOnly();
            fixture.conversation(queueA, "email", opened, firstDue, null, false, resolutionDue, null, false);
            Instant breachedOpened = opened.plus(Duration.ofMinutes(5));
            fixture.conversation(queueA, "sms", breachedOpened, breachedOpened.plus(Duration.ofHours(5)), null, true,
                    breachedOpened.plus(Duration.ofHours(50)), null, true);
            return jdbc.sql("select distinct hour from report_conversation_changes where hour >= ? and hour < ? order by 1")
                    .params(Timestamp.from(opened.minus(Duration.ofDays(1))), Timestamp.from(opened.plus(Duration.ofDays(5))))
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        });
        Instant hour = opened.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        assertThat(touched).as("the opening's hour, and the due hours of the one that arrived breached only")
                .containsExactly(hour, hour.plus(Duration.ofHours(5)), hour.plus(Duration.ofHours(50)));

        // Committed: opened with its deadline ahead, then the sweep's mark puts it in its due hour.
        UUID id = fixture.conversation(queueB, "email", opened, firstDue, null, false, resolutionDue, null, false);
        rollups.refresh();
        assertThat(overAt(firstDue)).isZero();
        jdbc.sql("update conversations set first_response_breached = true where id = ?").param(id).update();
        rollups.refresh();
        assertThat(overAt(firstDue)).isEqualTo(1);
    }

    /** Queue B's first responses counted over their due time in the UTC hour of {@code at}. */
    private int overAt(Instant at) {
        return jdbc.sql("select coalesce(sum(fr_over), 0) from report_hours where queue_id = ? and hour = ?")
                .params(queueB, Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.HOURS))).query(Integer.class).single();
    }

    @Test
    void tagsAreCountedPerConversationOpened() {
        LocalDate day = LocalDate.of(2021, 5, 10);
        Instant at = day.atTime(9, 30).atZone(ISTANBUL).toInstant();
        fixture.conversation(queueA, "email", at, null, null, false, null, null, false, "fatura", "iade");
        fixture.conversation(queueA, "sms", at.plusSeconds(60), null, null, false, null, null, false, "fatura");
        fixture.conversation(queueB, "sms", at.plusSeconds(120), null, null, false, null, null, false, "fatura", "=1+1");
        rollups.refresh();
        ReportFilter both = new ReportFilter(day, day, ISTANBUL, null, null, Set.of(queueA, queueB));
        assertThat(reports.tags(both, 10)).containsExactly(new Reports.TagCount("fatura", 3), new Reports.TagCount("=1+1", 1),
                new Reports.TagCount("iade", 1));
        assertThat(reports.tags(new ReportFilter(day, day, ISTANBUL, null, "sms", Set.of(queueA, queueB)), 10))
                .containsExactly(new Reports.TagCount("fatura", 2), new Reports.TagCount("=1+1", 1));
        assertThat(reports.opened(both)).isEqualTo(3);
    }

    @Test
    void chatSessionsAndArticleViewsAreCountedPerDay() {
        LocalDate day = LocalDate.of(2021, 7, 12);
        Instant at = day.atTime(15, 0).atZone(ISTANBUL).toInstant();
        UUID entryPoint = jdbc.sql("select id from entry_points order by address limit 1").query(UUID.class).single();
        UUID handedTo = fixture.conversation(queueA, "chat", at, null, null, false, null, null, false);
        String session = """
                insert into chat_sessions (id, entry_point_id, language, state, conversation_id, outcome, created_at, last_active_at)
                values (?, ?, 'tr', ?, ?, ?, ?, ?)""";
        jdbc.sql(session).params(UUID.randomUUID(), entryPoint, "ended", null, "bot_answered", Timestamp.from(at), Timestamp.from(at)).update();
        jdbc.sql(session).params(UUID.randomUUID(), entryPoint, "ended", null, "customer_left", Timestamp.from(at), Timestamp.from(at)).update();
        jdbc.sql(session).params(UUID.randomUUID(), entryPoint, "agent", handedTo, null, Timestamp.from(at), Timestamp.from(at)).update();
        UUID open = UUID.randomUUID();
        jdbc.sql(session).params(open, entryPoint, "bot", null, null, Timestamp.from(at), Timestamp.from(at)).update();
        List<UUID> articles = jdbc.sql("select id from kb_articles order by slug limit 2").query(UUID.class).list();
        assertThat(articles).hasSize(2);
        for (int i = 0; i < 3; i++) {
            jdbc.sql("insert into kb_views (id, article_id, source, viewed_at) values (?, ?, 'portal', ?)")
                    .params(UUID.randomUUID(), articles.get(i == 0 ? 1 : 0), Timestamp.from(at.plusSeconds(i))).update();
        }
        rollups.refresh();
        ReportFilter filter = new ReportFilter(day, day, ISTANBUL, null, null, null);
        assertThat(reports.deflection(filter)).containsExactly(new Reports.Deflection(day, 4, 2, 1));
        assertThat(reports.articleViews(filter)).extracting(Reports.ArticleViews::articleId, Reports.ArticleViews::views)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(articles.get(0), 2L), org.assertj.core.groups.Tuple.tuple(articles.get(1), 1L));

        // The open session ends with the bot: the day's figures follow.
        jdbc.sql("update chat_sessions set state = 'ended', outcome = 'bot_answered' where id = ?").param(open).update();
        rollups.refresh();
        assertThat(reports.deflection(filter)).containsExactly(new Reports.Deflection(day, 4, 3, 1));
    }

    @Test
    void aNodeThatFindsTheAggregationLockTakenSkipsItsRound() throws Exception {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("select pg_advisory_lock(" + ReportRollups.LOCK + ")");
            try {
                assertThat(rollups.tryRun().ran()).isFalse();
            } finally {
                statement.execute("select pg_advisory_unlock(" + ReportRollups.LOCK + ")");
            }
        }
        // Once the lock is free a round runs (the scheduled round may hold it for a moment: then the next try runs).
        await().atMost(Duration.ofSeconds(60)).until(() -> rollups.tryRun().ran());
        assertThat(rollups.refreshedAt()).isNotNull();
    }

    // --- the direct count, written from the definitions

    private void assertAgrees(ReportFilter filter) {
        Map<String, long[]> expected = new TreeMap<>();
        where(filter, "created_at").forEach(row -> expected.computeIfAbsent(row.day + " " + row.channel, k -> new long[2])[0]++);
        where(filter, "resolved_at").forEach(row -> expected.computeIfAbsent(row.day + " " + row.channel, k -> new long[2])[1]++);
        Map<String, long[]> actual = new TreeMap<>();
        reports.volume(filter).forEach(v -> actual.put(v.day() + " " + v.channel(), new long[] {v.opened(), v.resolved()}));
        assertThat(actual).as("volume").usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual).isNotEmpty();

        Map<UUID, List<Long>> attainment = new HashMap<>();
        for (Reports.Attainment a : reports.attainment(filter)) {
            attainment.put(a.queueId(), List.of(a.firstWithin(), a.firstOver(), a.resolutionWithin(), a.resolutionOver()));
        }
        Map<UUID, List<Long>> direct = new HashMap<>();
        for (UUID queue : List.of(queueA, queueB)) {
            if ((filter.queue() != null && !filter.queue().equals(queue))) {
                continue;
            }
            List<Long> counts = List.of(
                    count(filter, queue, "first_responded_at", "first_response_due is not null and not first_response_breached "
                            + "and first_responded_at <= first_response_due"),
                    count(filter, queue, "first_responded_at", "(first_response_breached or first_responded_at > first_response_due)")
                            + count(filter, queue, "first_response_due", "first_responded_at is null and first_response_breached"),
                    count(filter, queue, "resolved_at", "resolution_due is not null and not resolution_breached and resolved_at <= resolution_due"),
                    count(filter, queue, "resolved_at", "(resolution_breached or resolved_at > resolution_due)")
                            + count(filter, queue, "resolution_due", "resolved_at is null and resolution_breached"));
            if (counts.stream().mapToLong(Long::longValue).sum() > 0) {
                direct.put(queue, counts);
            }
        }
        assertThat(attainment).as("SLA attainment").isEqualTo(direct);

        long firstResponses = reports.times(filter).stream().mapToLong(d -> d.firstResponse().histogram().total()).sum();
        assertThat(firstResponses).isEqualTo(where(filter, "first_responded_at").size());
    }

    private record Row(LocalDate day, String channel) {
    }

    private List<Row> where(ReportFilter filter, String column) {
        return jdbc.sql("select " + column + " as at, channel from conversations where " + column + " >= ? and " + column + " < ?"
                        + " and queue_id = any(cast(? as uuid[]))" + (filter.channel() == null ? "" : " and channel = '" + filter.channel() + "'"))
                .params(Timestamp.from(filter.start()), Timestamp.from(filter.end()), array(queues(filter)))
                .query((rs, n) -> new Row(rs.getTimestamp("at").toInstant().atZone(filter.zone()).toLocalDate(), rs.getString("channel"))).list();
    }

    private long count(ReportFilter filter, UUID queue, String column, String condition) {
        return jdbc.sql("select count(*) from conversations where " + column + " >= ? and " + column + " < ? and queue_id = ? and " + condition
                        + (filter.channel() == null ? "" : " and channel = '" + filter.channel() + "'"))
                .params(Timestamp.from(filter.start()), Timestamp.from(filter.end()), queue).query(Long.class).single();
    }

    private List<Double> durations(ReportFilter filter, String column) {
        return jdbc.sql("select extract(epoch from " + column + " - created_at)::float8 from conversations where " + column + " >= ? and "
                        + column + " < ? and queue_id = any(cast(? as uuid[])) order by 1")
                .params(Timestamp.from(filter.start()), Timestamp.from(filter.end()), array(queues(filter))).query(Double.class).list();
    }

    private List<UUID> queues(ReportFilter filter) {
        return filter.queue() != null ? List.of(filter.queue()) : List.of(queueA, queueB);
    }

    private static double exact(List<Double> sorted, double q) {
        return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }

    private static void assertWithinABucket(Duration estimate, double exactSeconds) {
        int estimated = Histogram.bucket(estimate.toMillis() / 1000.0);
        int exact = Histogram.bucket(exactSeconds);
        assertThat(Math.abs(estimated - exact)).as("bucket of the estimate %s against the exact %.1f s", estimate, exactSeconds)
                .isLessThanOrEqualTo(1);
    }

    /**
     * Conversations spread over the days: first responses from seconds to a day later (some never),
     * resolutions later still (some never), due times an hour and a day after opening, breaches as
     * the SLA monitor would mark them, tags from a small set.
     */
    private List<UUID> generate(LocalDate first, int days, int count, Random random) {
        Instant start = first.atStartOfDay(ISTANBUL).toInstant();
        List<UUID> ids = new ArrayList<>();
        String[] tags = {"fatura", "iade", "arıza"};
        for (int i = 0; i < count; i++) {
            Instant created = start.plusSeconds(random.nextLong(days * 86_400L));
            Instant firstDue = created.plusSeconds(3600);
            Instant responded = random.nextInt(10) < 8 ? created.plusMillis((long) (1000 * Math.exp(random.nextDouble() * Math.log(86_400)))) : null;
            boolean firstBreached = responded == null ? random.nextBoolean() : responded.isAfter(firstDue);
            Instant resolutionDue = created.plusSeconds(86_400);
            Instant resolved = responded != null && random.nextInt(10) < 7
                    ? responded.plusMillis((long) (1000 * Math.exp(random.nextDouble() * Math.log(3 * 86_400)))) : null;
            boolean resolutionBreached = resolved == null ? random.nextInt(3) == 0 : resolved.isAfter(resolutionDue);
            List<String> chosen = new ArrayList<>();
            for (String tag : tags) {
                if (random.nextInt(3) == 0) {
                    chosen.add(tag);
                }
            }
            ids.add(fixture.conversation(random.nextBoolean() ? queueA : queueB, CHANNELS.get(random.nextInt(CHANNELS.size())), created,
                    firstDue, responded, firstBreached, resolutionDue, resolved, resolutionBreached, chosen.toArray(String[]::new)));
        }
        return ids;
    }

    private static String array(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
