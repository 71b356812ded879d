package io.temas.reporting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
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

    @Scheduled(fixedDelayString = "${temas.reports.interval:1m}", initialDelayString = "${temas.reports.interval:1m}")
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
            int chunk = Math.max(1, settings.chunkHours());
            for (int i = 0; i < hours.size(); i += chunk) {
                aggregate(hours.subList(i, Math.min(hours.size(), i + chunk)));
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            jdbc.sql("update report_state set refreshed_at = ?, hours = ?, took_ms = ? where id = 1")
                    .params(Timestamp.from(clock.instant()), hours.size(), took).update();
            return new Run(true, hours.size(), took);
        });
    }

    private void aggregate(List<Instant> hours) {
        String array = hours.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
        for (String table : List.of("report_hours", "report_agent_hours", "report_tag_hours", "report_chat_hours", "report_kb_hours")) {
            // A join rather than "= any(array)": with hundreds of hours a scan would compare each row with every one of them.
            jdbc.sql("delete from " + table + " r using (select distinct unnest(cast(:hours as timestamptz[])) as h) hrs where r.hour = hrs.h")
                    .param("hours", array).update();
        }
        jdbc.sql(HOURS).param("hours", array).update();
        jdbc.sql(AGENT_HOURS).param("hours", array).update();
        jdbc.sql(TAG_HOURS).param("hours", array).update();
        jdbc.sql(CHAT_HOURS).param("hours", array).update();
        jdbc.sql(KB_HOURS).param("hours", array).update();
    }

    private static final String HOURS_CTE = "with hrs (h) as (select distinct unnest(cast(:hours as timestamptz[]))) ";

    /** Each part counts one kind of event in the hour it happened; the parts are summed per hour, queue and channel. */
    private static final String HOURS = HOURS_CTE + """
            , parts as (
                select date_trunc('hour', c.created_at, 'UTC') as hour, c.queue_id, c.channel, count(*) as opened, 0 as resolved,
                       0 as fr_within, 0 as fr_over, 0::bigint as fr_ts, 0 as fr_tn, null::integer[] as fr_b,
                       0 as res_within, 0 as res_over, 0::bigint as res_ts, 0 as res_tn, null::integer[] as res_b
                from hrs join conversations c on c.created_at >= hrs.h and c.created_at < hrs.h + interval '1 hour'
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.first_responded_at, 'UTC'), c.queue_id, c.channel, 0, 0,
                       count(*) filter (where c.first_response_due is not null
                                        and not (c.first_response_breached or c.first_responded_at > c.first_response_due)),
                       count(*) filter (where c.first_response_breached or c.first_responded_at > c.first_response_due),
                       coalesce(sum(extract(epoch from c.first_response_due - c.created_at)), 0)::bigint, count(c.first_response_due)::integer,
                       report_histogram(report_bucket(extract(epoch from c.first_responded_at - c.created_at)::double precision)),
                       0, 0, 0, 0, null
                from hrs join conversations c on c.first_responded_at >= hrs.h and c.first_responded_at < hrs.h + interval '1 hour'
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.first_response_due, 'UTC'), c.queue_id, c.channel, 0, 0, 0, count(*), 0, 0, null, 0, 0, 0, 0, null
                from hrs join conversations c on c.first_response_due >= hrs.h and c.first_response_due < hrs.h + interval '1 hour'
                where c.first_responded_at is null and c.first_response_breached
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.resolved_at, 'UTC'), c.queue_id, c.channel, 0, count(*), 0, 0, 0, 0, null,
                       count(*) filter (where c.resolution_due is not null
                                        and not (c.resolution_breached or c.resolved_at > c.resolution_due)),
                       count(*) filter (where c.resolution_breached or c.resolved_at > c.resolution_due),
                       coalesce(sum(extract(epoch from c.resolution_due - c.created_at)), 0)::bigint, count(c.resolution_due)::integer,
                       report_histogram(report_bucket(extract(epoch from c.resolved_at - c.created_at)::double precision))
                from hrs join conversations c on c.resolved_at >= hrs.h and c.resolved_at < hrs.h + interval '1 hour'
                group by 1, 2, 3
              union all
                select date_trunc('hour', c.resolution_due, 'UTC'), c.queue_id, c.channel, 0, 0, 0, 0, 0, 0, null, 0, count(*), 0, 0, null
                from hrs join conversations c on c.resolution_due >= hrs.h and c.resolution_due < hrs.h + interval '1 hour'
                where c.resolved_at is null and c.resolution_breached
                group by 1, 2, 3)
            insert into report_hours (hour, queue_id, channel, opened, resolved, fr_within, fr_over, fr_target_seconds, fr_targets,
                                      fr_buckets, res_within, res_over, res_target_seconds, res_targets, res_buckets)
            select hour, queue_id, channel, sum(opened), sum(resolved), sum(fr_within), sum(fr_over), sum(fr_ts), sum(fr_tn),
                   report_buckets_sum(fr_b), sum(res_within), sum(res_over), sum(res_ts), sum(res_tn), report_buckets_sum(res_b)
            from parts group by hour, queue_id, channel""";

    private static final String AGENT_HOURS = HOURS_CTE + """
            , parts as (
                select date_trunc('hour', s.answered_at, 'UTC') as hour, s.queue_id, s.channel, s.agent_id,
                       coalesce(sum(s.csat), 0) as csat_sum, count(s.csat) as csat_count, count(*) filter (where s.csat >= 4) as satisfied,
                       coalesce(sum(s.ces), 0) as ces_sum, count(s.ces) as ces_count, 0 as helpful, 0 as rated
                from hrs join surveys s on s.answered_at >= hrs.h and s.answered_at < hrs.h + interval '1 hour'
                group by 1, 2, 3, 4
              union all
                select date_trunc('hour', r.rated_at, 'UTC'), c.queue_id, c.channel, r.agent_id, 0, 0, 0, 0, 0,
                       count(*) filter (where r.helpful), count(*)
                from hrs join reply_ratings r on r.rated_at >= hrs.h and r.rated_at < hrs.h + interval '1 hour'
                join conversations c on c.id = r.conversation_id
                group by 1, 2, 3, 4)
            insert into report_agent_hours (hour, queue_id, channel, agent_id, csat_sum, csat_count, csat_satisfied, ces_sum, ces_count,
                                            rated_helpful, rated_total)
            select hour, queue_id, channel, agent_id, sum(csat_sum), sum(csat_count), sum(satisfied), sum(ces_sum), sum(ces_count),
                   sum(helpful), sum(rated)
            from parts group by hour, queue_id, channel, agent_id""";

    private static final String TAG_HOURS = HOURS_CTE + """
            insert into report_tag_hours (hour, queue_id, channel, tag, conversations)
            select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, t.tag, count(distinct c.id)
            from hrs join conversations c on c.created_at >= hrs.h and c.created_at < hrs.h + interval '1 hour'
            cross join lateral unnest(c.tags) as t (tag)
            group by 1, 2, 3, 4""";

    private static final String CHAT_HOURS = HOURS_CTE + """
            insert into report_chat_hours (hour, sessions, bot_closed, handed_over)
            select date_trunc('hour', s.created_at, 'UTC'), count(*),
                   count(*) filter (where s.state = 'ended' and s.conversation_id is null),
                   count(*) filter (where s.conversation_id is not null)
            from hrs join chat_sessions s on s.created_at >= hrs.h and s.created_at < hrs.h + interval '1 hour'
            group by 1""";

    private static final String KB_HOURS = HOURS_CTE + """
            insert into report_kb_hours (hour, article_id, views)
            select date_trunc('hour', v.viewed_at, 'UTC'), v.article_id, count(*)
            from hrs join kb_views v on v.viewed_at >= hrs.h and v.viewed_at < hrs.h + interval '1 hour'
            group by 1, 2""";
}
