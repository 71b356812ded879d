package io.temas.reporting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the reports' hour rows current. Triggers on the source tables write every UTC hour a change
 * touches into {@code report_touches}; a run takes the touches it can see (deleting them), throws
 * away the rollup rows of those hours and builds them again from conversations, surveys, reply
 * ratings, chat sessions and article views. A touch written by a transaction that commits during
 * the run is not seen by the run's delete, stays, and is taken by the next run, so no change is
 * lost; an hour may at worst be built twice.
 *
 * <p>Every node schedules the job; a transaction-scoped advisory lock lets one of them run it at a
 * time, and the others skip that round.
 */
@Service
public class ReportRollups {

    /** The advisory lock one run holds; beyond the int range that identifier locks' hashes use. */
    static final long LOCK = 0x7265706f727473L;

    /** What one run did. */
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
        return transactions.execute(status -> {
            long t0 = System.nanoTime();
            Boolean mine = wait
                    ? jdbc.sql("select pg_advisory_xact_lock(?) is not null").param(LOCK).query(Boolean.class).single()
                    : jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
            if (!Boolean.TRUE.equals(mine)) {
                return new Run(false, 0, 0);
            }
            List<Instant> hours = jdbc.sql("with taken as (delete from report_touches returning hour) select distinct hour from taken order by 1")
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
            aggregate(hours, Math.max(1, settings.chunkHours()));
            long took = (System.nanoTime() - t0) / 1_000_000;
            jdbc.sql("update report_state set refreshed_at = ?, hours = ?, took_ms = ? where id = 1")
                    .params(Timestamp.from(clock.instant()), hours.size(), took).update();
            return new Run(true, hours.size(), took);
        });
    }

    /**
     * Builds the touched hours again, one run of consecutive hours at a time (at most
     * {@code chunkHours} long): each statement reads one time range of its source table, which its
     * time index serves whatever the plan's estimates.
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
        for (String table : List.of("report_hours", "report_agent_hours", "report_tag_hours", "report_chat_hours", "report_kb_hours")) {
            jdbc.sql("delete from " + table + " where hour >= :from and hour < :to").param("from", from).param("to", to).update();
        }
        for (String statement : List.of(HOURS, AGENT_HOURS, TAG_HOURS, CHAT_HOURS, KB_HOURS)) {
            jdbc.sql(statement).param("from", from).param("to", to).update();
        }
    }

    /** Each part counts one kind of event in the hour it happened; the parts are summed per hour, queue and channel. */
    private static final String HOURS = """
            with parts as (
                select date_trunc('hour', c.created_at, 'UTC') as hour, c.queue_id, c.channel, count(*) as opened, 0 as resolved,
                       0 as fr_within, 0 as fr_over, 0::bigint as fr_ts, 0 as fr_tn, null::integer[] as fr_b,
                       0 as res_within, 0 as res_over, 0::bigint as res_ts, 0 as res_tn, null::integer[] as res_b
                from conversations c where c.created_at >= :from and c.created_at < :to
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.first_responded_at, 'UTC'), c.queue_id, c.channel, 0, 0,
                       count(*) filter (where c.first_response_due is not null
                                        and not (c.first_response_breached or c.first_responded_at > c.first_response_due)),
                       count(*) filter (where c.first_response_breached or c.first_responded_at > c.first_response_due),
                       coalesce(sum(extract(epoch from c.first_response_due - c.created_at)), 0)::bigint, count(c.first_response_due)::integer,
                       report_histogram(report_bucket(extract(epoch from c.first_responded_at - c.created_at)::double precision)),
                       0, 0, 0, 0, null
                from conversations c where c.first_responded_at >= :from and c.first_responded_at < :to
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.first_response_due, 'UTC'), c.queue_id, c.channel, 0, 0, 0, count(*), 0, 0, null, 0, 0, 0, 0, null
                from conversations c where c.first_response_due >= :from and c.first_response_due < :to
                and c.first_responded_at is null and c.first_response_breached
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.resolved_at, 'UTC'), c.queue_id, c.channel, 0, count(*), 0, 0, 0, 0, null,
                       count(*) filter (where c.resolution_due is not null
                                        and not (c.resolution_breached or c.resolved_at > c.resolution_due)),
                       count(*) filter (where c.resolution_breached or c.resolved_at > c.resolution_due),
                       coalesce(sum(extract(epoch from c.resolution_due - c.created_at)), 0)::bigint, count(c.resolution_due)::integer,
                       report_histogram(report_bucket(extract(epoch from c.resolved_at - c.created_at)::double precision))
                from conversations c where c.resolved_at >= :from and c.resolved_at < :to
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.resolution_due, 'UTC'), c.queue_id, c.channel, 0, 0, 0, 0, 0, 0, null, 0, count(*), 0, 0, null
                from conversations c where c.resolution_due >= :from and c.resolution_due < :to
                and c.resolved_at is null and c.resolution_breached
                group by 1, 2, 3)
            insert into report_hours (hour, queue_id, channel, opened, resolved, fr_within, fr_over, fr_target_seconds, fr_targets,
                                      fr_buckets, res_within, res_over, res_target_seconds, res_targets, res_buckets)
            select hour, queue_id, channel, sum(opened), sum(resolved), sum(fr_within), sum(fr_over), sum(fr_ts), sum(fr_tn),
                   report_buckets_sum(fr_b), sum(res_within), sum(res_over), sum(res_ts), sum(res_tn), report_buckets_sum(res_b)
            from parts group by hour, queue_id, channel""";

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

    private static final String TAG_HOURS = """
            insert into report_tag_hours (hour, queue_id, channel, tag, conversations)
            select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, t.tag, count(distinct c.id)
            from conversations c cross join lateral unnest(c.tags) as t (tag)
            where c.created_at >= :from and c.created_at < :to
            group by 1, 2, 3, 4""";

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
