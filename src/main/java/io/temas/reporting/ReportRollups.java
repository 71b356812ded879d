package io.temas.reporting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the reports' hour rows current. A change to a conversation writes what it adds to and takes
 * away from the figures ({@code report_conversation_changes}, {@code report_tag_changes}, V55); a run
 * takes the changes it can see (deleting them) and adds them to the hour rows, so its work is the
 * number of changes, not the volume of the hours they fall in. Surveys, reply ratings, chat sessions
 * and article views write the UTC hours they touch into {@code report_touches}; a run takes those,
 * throws away their rollup rows and builds them again from the source tables. A change or touch
 * written by a transaction that commits during the run is not seen by the run's delete, stays, and
 * is taken by the next run, so no change is lost and none is counted twice.
 *
 * <p>Every node schedules the job; a transaction-scoped advisory lock lets one of them run it at a
 * time, and the others skip that round.
 */
@Service
public class ReportRollups {

    /** The advisory lock one run holds; beyond the int range that identifier locks' hashes use. */
    static final long LOCK = 0x7265706f727473L;

    /**
     * Changes taken by one run beyond which the run vacuums the changes' tables once it committed. A
     * bulk load's changes, taken at once, leave their pages dead behind them, and every later run's
     * delete would read them until autovacuum came by.
     */
    static final long BULK = 100_000;

    /** What one run did: whether it ran, how many UTC hours' rows it changed or built, and how long it took. */
    public record Run(boolean ran, int hours, long tookMillis) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReportSettings settings;

    ReportRollups(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ReportSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** The first run comes soon after start, so a new installation's reports are not empty for a whole interval. */
    @Scheduled(fixedDelayString = "${temas.reports.interval:1m}", initialDelayString = "PT10S")
    void scheduled() {
        tryRun();
    }

    /** One round as the schedule makes it: skipped when another node holds the lock. */
    Run tryRun() {
        return run(false);
    }

    /** Brings the figures up to date now, waiting for a run another node may be making. */
    public Run refresh() {
        return run(true);
    }

    /** When the figures were last brought up to date, or null before the first run. */
    public Instant refreshedAt() {
        return jdbc.sql("select refreshed_at from report_state where id = 1")
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional().orElse(null);
    }

    private Run run(boolean wait) {
        long[] taken = new long[1];
        Run run = transactions.execute(status -> {
            long t0 = System.nanoTime();
            Boolean mine = wait
                    ? jdbc.sql("select pg_advisory_xact_lock(?) is not null").param(LOCK).query(Boolean.class).single()
                    : jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
            if (!Boolean.TRUE.equals(mine)) {
                return new Run(false, 0, 0);
            }
            Set<Instant> changed = new TreeSet<>();
            taken[0] = addChanges(CONVERSATION_CHANGES, CONVERSATIONS_EMPTIED, changed) + addChanges(TAG_CHANGES, TAGS_EMPTIED, changed);
            List<Instant> hours = jdbc.sql("with taken as (delete from report_touches returning hour) select distinct hour from taken order by 1")
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
            aggregate(hours, Math.max(1, settings.chunkHours()));
            changed.addAll(hours);
            buildDays(changed);
            long took = (System.nanoTime() - t0) / 1_000_000;
            jdbc.sql("update report_state set refreshed_at = ?, hours = ?, took_ms = ? where id = 1")
                    .params(Timestamp.from(clock.instant()), changed.size(), took).update();
            return new Run(true, changed.size(), took);
        });
        if (taken[0] >= BULK) {
            jdbc.sql("vacuum report_conversation_changes, report_tag_changes").update();
        }
        return run;
    }

    /**
     * Adds the changes this run can see to their hour rows, then deletes the rows of those hours that
     * came to nothing (a conversation moved to another queue leaves its old queue's row empty). A
     * change committed while the statement runs is not seen by its delete and waits for the next run.
     *
     * @param changed the hours whose rows changed, added to
     * @return how many changes the run took
     */
    private long addChanges(String add, String emptied, Set<Instant> changed) {
        long[] taken = new long[1];
        List<Instant> hours = jdbc.sql(add).query((rs, n) -> {
            taken[0] = rs.getLong(2);
            return rs.getTimestamp(1).toInstant();
        }).list();
        if (!hours.isEmpty()) {
            // One array, not a list of parameters: a bulk load's run may change more hours than a statement takes parameters.
            jdbc.sql(emptied).param("hours", literal(hours.stream().map(Instant::toString))).update();
        }
        changed.addAll(hours);
        return taken[0];
    }

    /**
     * Builds the day rows of each configured zone again from their hour rows: the days the changed
     * hours fall in, or every day of a zone whose days are not built yet (after V57, or when the
     * setting adds it), which the zone's entry in {@code report_day_zones} then records. The rows of
     * a zone no longer configured are dropped.
     */
    private void buildDays(Set<Instant> changedHours) {
        Set<String> built = new TreeSet<>(jdbc.sql("select zone from report_day_zones").query(String.class).list());
        for (ZoneId zone : settings.zones()) {
            SortedSet<LocalDate> days = new TreeSet<>();
            if (built.remove(zone.getId())) {
                changedHours.forEach(hour -> days.add(LocalDate.ofInstant(hour, zone)));
            } else {
                dropDays(zone.getId());
                days.addAll(everyDay(zone));
                jdbc.sql("insert into report_day_zones (zone) values (?)").param(zone.getId()).update();
            }
            rebuildDays(zone, List.copyOf(days));
        }
        for (String gone : built) {
            dropDays(gone);
            jdbc.sql("delete from report_day_zones where zone = ?").param(gone).update();
        }
    }

    private void dropDays(String zone) {
        for (String table : DAY_TABLES) {
            jdbc.sql("delete from " + table + " where zone = ?").param(zone).update();
        }
    }

    /** Every day in the zone from the first hour row to the last. */
    private SortedSet<LocalDate> everyDay(ZoneId zone) {
        SortedSet<LocalDate> days = new TreeSet<>();
        jdbc.sql("""
                select min(hour), max(hour) from (
                    select hour from report_hours union all select hour from report_agent_hours union all select hour from report_tag_hours) h""")
                .query(rs -> {
                    if (rs.getTimestamp(1) != null) {
                        LocalDate last = LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), zone);
                        for (LocalDate day = LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), zone); !day.isAfter(last); day = day.plusDays(1)) {
                            days.add(day);
                        }
                    }
                });
        return days;
    }

    /** Deletes the zone's rows of these days and sums their hours again, a month of days a statement. */
    private void rebuildDays(ZoneId zone, List<LocalDate> days) {
        for (int i = 0; i < days.size(); i += DAYS_PER_STATEMENT) {
            List<LocalDate> chunk = days.subList(i, Math.min(days.size(), i + DAYS_PER_STATEMENT));
            Map<String, Object> params = Map.of(
                    "zone", zone.getId(),
                    "days", literal(chunk.stream().map(LocalDate::toString)),
                    "starts", literal(chunk.stream().map(day -> day.atStartOfDay(zone).toInstant().toString())),
                    "ends", literal(chunk.stream().map(day -> day.plusDays(1).atStartOfDay(zone).toInstant().toString())));
            for (String table : DAY_TABLES) {
                jdbc.sql("delete from " + table + " where zone = :zone and day = any(cast(:days as date[]))").params(params).update();
            }
            for (String statement : List.of(DAYS, AGENT_DAYS, TAG_DAYS)) {
                jdbc.sql(statement).params(params).update();
            }
        }
    }

    private static final List<String> DAY_TABLES = List.of("report_days", "report_agent_days", "report_tag_days");

    /** Days whose rows one statement builds: a month, so a whole rebuild reads a bounded range of hours per statement. */
    private static final int DAYS_PER_STATEMENT = 31;

    /** An array literal ({@code {a,b}}): one parameter however many values, more than a statement takes parameters. */
    static String literal(java.util.stream.Stream<String> values) {
        return values.collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * Builds the touched hours of surveys, reply ratings, chat sessions and article views again, one
     * run of consecutive hours at a time (at most {@code chunkHours} long): each statement reads one
     * time range of its source table, which its time index serves whatever the plan's estimates.
     */
    private void aggregate(List<Instant> hours, int chunk) {
        int i = 0;
        while (i < hours.size()) {
            Instant from = hours.get(i);
            int j = i + 1;
            while (j < hours.size() && j - i < chunk && hours.get(j).equals(hours.get(j - 1).plus(Duration.ofHours(1)))) {
                j++;
            }
            rebuild(Timestamp.from(from), Timestamp.from(hours.get(j - 1).plus(Duration.ofHours(1))));
            i = j;
        }
    }

    private void rebuild(Timestamp from, Timestamp to) {
        for (String table : List.of("report_agent_hours", "report_chat_hours", "report_kb_hours")) {
            jdbc.sql("delete from " + table + " where hour >= :from and hour < :to").param("from", from).param("to", to).update();
        }
        for (String statement : List.of(AGENT_HOURS, CHAT_HOURS, KB_HOURS)) {
            jdbc.sql(statement).param("from", from).param("to", to).update();
        }
    }

    /** Conversations' changes, summed per hour, queue and channel, added to the hour rows; the hours they changed, and how many were taken. */
    private static final String CONVERSATION_CHANGES = """
            with taken as (delete from report_conversation_changes returning *),
                 added as (
                     insert into report_hours (hour, queue_id, channel, opened, resolved, fr_within, fr_over, fr_target_seconds, fr_targets,
                                               fr_buckets, res_within, res_over, res_target_seconds, res_targets, res_buckets)
                     select hour, queue_id, channel, sum(sign * opened), sum(sign * resolved), sum(sign * fr_within), sum(sign * fr_over),
                            sum(sign * fr_target_seconds), sum(sign * fr_targets),
                            report_histogram_signed(fr_bucket, sign) filter (where fr_bucket is not null),
                            sum(sign * res_within), sum(sign * res_over), sum(sign * res_target_seconds), sum(sign * res_targets),
                            report_histogram_signed(res_bucket, sign) filter (where res_bucket is not null)
                     from taken group by hour, queue_id, channel
                     on conflict (hour, queue_id, channel) do update set
                         opened = report_hours.opened + excluded.opened, resolved = report_hours.resolved + excluded.resolved,
                         fr_within = report_hours.fr_within + excluded.fr_within, fr_over = report_hours.fr_over + excluded.fr_over,
                         fr_target_seconds = report_hours.fr_target_seconds + excluded.fr_target_seconds,
                         fr_targets = report_hours.fr_targets + excluded.fr_targets,
                         fr_buckets = report_buckets_plus(report_hours.fr_buckets, excluded.fr_buckets),
                         res_within = report_hours.res_within + excluded.res_within, res_over = report_hours.res_over + excluded.res_over,
                         res_target_seconds = report_hours.res_target_seconds + excluded.res_target_seconds,
                         res_targets = report_hours.res_targets + excluded.res_targets,
                         res_buckets = report_buckets_plus(report_hours.res_buckets, excluded.res_buckets)
                     returning hour)
            select distinct hour, (select count(*) from taken) from added""";

    private static final String CONVERSATIONS_EMPTIED = """
            delete from report_hours where hour = any(cast(:hours as timestamptz[])) and opened = 0 and resolved = 0 and fr_within = 0 and fr_over = 0
                and fr_target_seconds = 0 and fr_targets = 0 and res_within = 0 and res_over = 0 and res_target_seconds = 0
                and res_targets = 0 and (fr_buckets is null or 0 = all(fr_buckets)) and (res_buckets is null or 0 = all(res_buckets))""";

    private static final String TAG_CHANGES = """
            with taken as (delete from report_tag_changes returning *),
                 added as (
                     insert into report_tag_hours (hour, queue_id, channel, tag, conversations)
                     select hour, queue_id, channel, tag, sum(sign) from taken group by hour, queue_id, channel, tag
                     on conflict (hour, queue_id, channel, tag) do update set conversations = report_tag_hours.conversations + excluded.conversations
                     returning hour)
            select distinct hour, (select count(*) from taken) from added""";

    private static final String TAGS_EMPTIED = "delete from report_tag_hours where hour = any(cast(:hours as timestamptz[])) and conversations = 0";

    private static final String AGENT_HOURS = """
            with parts as (
                select date_trunc('hour', s.answered_at, 'UTC') as hour, s.queue_id, s.channel, s.agent_id,
                       coalesce(sum(s.csat), 0) as csat_sum, count(s.csat) as csat_count, count(*) filter (where s.csat >= 4) as satisfied,
                       coalesce(sum(s.ces), 0) as ces_sum, count(s.ces) as ces_count, 0 as helpful, 0 as rated
                from surveys s where s.answered_at >= :from and s.answered_at < :to
                group by 1, 2, 3, 4
              union all
                select date_trunc('hour', r.rated_at, 'UTC'), c.queue_id, c.channel, r.agent_id, 0, 0, 0, 0, 0,
                       count(*) filter (where r.helpful), count(*)
                from reply_ratings r join conversations c on c.id = r.conversation_id
                where r.rated_at >= :from and r.rated_at < :to
                group by 1, 2, 3, 4)
            insert into report_agent_hours (hour, queue_id, channel, agent_id, csat_sum, csat_count, csat_satisfied, ces_sum, ces_count,
                                            rated_helpful, rated_total)
            select hour, queue_id, channel, agent_id, sum(csat_sum), sum(csat_count), sum(satisfied), sum(ces_sum), sum(ces_count),
                   sum(helpful), sum(rated)
            from parts group by hour, queue_id, channel, agent_id""";

    /** The days to build, each with the instants its hours run from and to. */
    private static final String DAYS_OF = """
            from unnest(cast(:days as date[]), cast(:starts as timestamptz[]), cast(:ends as timestamptz[])) as d (day, starts, ends)
            """;

    private static final String DAYS = """
            insert into report_days (zone, day, queue_id, channel, opened, resolved, fr_within, fr_over, fr_target_seconds, fr_targets, fr_buckets,
                                     res_within, res_over, res_target_seconds, res_targets, res_buckets)
            select :zone, d.day, h.queue_id, h.channel, sum(h.opened), sum(h.resolved), sum(h.fr_within), sum(h.fr_over), sum(h.fr_target_seconds),
                   sum(h.fr_targets), report_buckets_sum(h.fr_buckets), sum(h.res_within), sum(h.res_over), sum(h.res_target_seconds),
                   sum(h.res_targets), report_buckets_sum(h.res_buckets)
            """ + DAYS_OF + """
            join report_hours h on h.hour >= d.starts and h.hour < d.ends
            group by d.day, h.queue_id, h.channel""";

    private static final String AGENT_DAYS = """
            insert into report_agent_days (zone, day, queue_id, channel, agent_id, csat_sum, csat_count, csat_satisfied, ces_sum, ces_count,
                                           rated_helpful, rated_total)
            select :zone, d.day, h.queue_id, h.channel, h.agent_id, sum(h.csat_sum), sum(h.csat_count), sum(h.csat_satisfied), sum(h.ces_sum),
                   sum(h.ces_count), sum(h.rated_helpful), sum(h.rated_total)
            """ + DAYS_OF + """
            join report_agent_hours h on h.hour >= d.starts and h.hour < d.ends
            group by d.day, h.queue_id, h.channel, h.agent_id""";

    private static final String TAG_DAYS = """
            insert into report_tag_days (zone, day, queue_id, channel, tag, conversations)
            select :zone, d.day, h.queue_id, h.channel, h.tag, sum(h.conversations)
            """ + DAYS_OF + """
            join report_tag_hours h on h.hour >= d.starts and h.hour < d.ends
            group by d.day, h.queue_id, h.channel, h.tag""";

    private static final String CHAT_HOURS = """
            insert into report_chat_hours (hour, sessions, bot_closed, handed_over)
            select date_trunc('hour', s.created_at, 'UTC'), count(*),
                   count(*) filter (where s.state = 'ended' and s.conversation_id is null),
                   count(*) filter (where s.conversation_id is not null)
            from chat_sessions s where s.created_at >= :from and s.created_at < :to
            group by 1""";

    private static final String KB_HOURS = """
            insert into report_kb_hours (hour, article_id, views)
            select date_trunc('hour', v.viewed_at, 'UTC'), v.article_id, count(*)
            from kb_views v where v.viewed_at >= :from and v.viewed_at < :to
            group by 1, 2""";
}
