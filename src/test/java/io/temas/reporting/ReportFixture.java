package io.temas.reporting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows the reports are made of, written straight into the tables the application writes them to:
 * conversations with their times and SLA marks, survey answers and reply ratings. Each fixture has
 * its own customer.
 */
public final class ReportFixture {

    private static final String NO_BUCKETS = "array_fill(0, array[48])";

    private final JdbcClient jdbc;
    private final UUID customer = UUID.randomUUID();

    public ReportFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("insert into customers (id, display_name, created_at, updated_at) values (?, 'Rapor Müşterisi', now(), now())")
                .param(customer).update();
    }

    /** A conversation; null times are not set, tags as given. */
    public UUID conversation(UUID queue, String channel, Instant created, Instant firstDue, Instant firstResponded, boolean firstBreached,
                             Instant resolutionDue, Instant resolved, boolean resolutionBreached, String... tags) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into conversations (id, reference, customer_id, channel, status, priority, queue_id, created_at, last_message_at,
                                                   first_response_due, first_responded_at, first_response_breached, resolution_due, resolved_at,
                                                   resolution_breached, tags)
                        values (?, 'R-' || nextval('conversation_reference_seq'), ?, ?, ?, 'normal', ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as text[]))""")
                .params(id, customer, channel, resolved == null ? "open" : "resolved", queue, ts(created), ts(created), ts(firstDue),
                        ts(firstResponded), firstBreached, ts(resolutionDue), ts(resolved), resolutionBreached, array(tags))
                .update();
        return id;
    }

    public void survey(UUID conversation, UUID queue, UUID agent, String channel, Instant answered, Integer csat, Integer ces) {
        jdbc.sql("""
                        insert into surveys (id, conversation_id, customer_id, queue_id, agent_id, channel, sent_at, answered_at, csat, ces)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), conversation, customer, queue, agent, channel, ts(answered.minusSeconds(3600)), ts(answered), csat, ces)
                .update();
    }

    /** An agent reply in the conversation and the customer's rating of it. */
    public void rating(UUID conversation, UUID agent, boolean helpful, Instant at) {
        UUID message = UUID.randomUUID();
        jdbc.sql("""
                        insert into messages (id, conversation_id, direction, kind, channel, text, occurred_at, created_at)
                        values (?, ?, 'outbound', 'reply', 'email', 'Merhaba', ?, ?)""")
                .params(message, conversation, ts(at.minusSeconds(60)), ts(at.minusSeconds(60))).update();
        jdbc.sql("insert into reply_ratings (message_id, conversation_id, agent_id, helpful, rated_at) values (?, ?, ?, ?, ?)")
                .params(message, conversation, agent, helpful, ts(at)).update();
    }

    /** The hour rows of these queues, each as one line of text, with an absent histogram written as empty buckets. */
    public List<String> hourRows(UUID queue, UUID other) {
        return jdbc.sql("""
                        select row(hour, queue_id, channel, opened, resolved, fr_within, fr_over, fr_target_seconds, fr_targets,
                                   coalesce(fr_buckets, %1$s), res_within, res_over, res_target_seconds, res_targets, coalesce(res_buckets, %1$s))::text
                        from report_hours where queue_id in (?, ?) order by 1""".formatted(NO_BUCKETS))
                .params(queue, other).query(String.class).list();
    }

    /** The same rows counted from the conversations as they are now, by the definitions of V33's aggregation (targets rounded per conversation). */
    public List<String> hourRowsCounted(UUID queue, UUID other) {
        return jdbc.sql("""
                        with c as (select * from conversations where queue_id in (?, ?)),
                        parts as (
                            select date_trunc('hour', created_at, 'UTC') as hour, queue_id, channel, count(*) as opened, 0 as resolved,
                                   0 as fr_within, 0 as fr_over, 0::bigint as fr_ts, 0 as fr_tn, null::integer[] as fr_b,
                                   0 as res_within, 0 as res_over, 0::bigint as res_ts, 0 as res_tn, null::integer[] as res_b
                            from c group by 1, 2, 3
                          union all
                            select date_trunc('hour', first_responded_at, 'UTC'), queue_id, channel, 0, 0,
                                   count(*) filter (where first_response_due is not null
                                                    and not (first_response_breached or first_responded_at > first_response_due)),
                                   count(*) filter (where first_response_breached or first_responded_at > first_response_due),
                                   coalesce(sum(round(extract(epoch from first_response_due - created_at))), 0)::bigint,
                                   count(first_response_due)::integer,
                                   report_histogram(report_bucket(extract(epoch from first_responded_at - created_at)::double precision)),
                                   0, 0, 0, 0, null
                            from c where first_responded_at is not null group by 1, 2, 3
                          union all
                            select date_trunc('hour', first_response_due, 'UTC'), queue_id, channel, 0, 0, 0, count(*), 0, 0, null, 0, 0, 0, 0, null
                            from c where first_responded_at is null and first_response_breached and first_response_due is not null group by 1, 2, 3
                          union all
                            select date_trunc('hour', resolved_at, 'UTC'), queue_id, channel, 0, count(*), 0, 0, 0, 0, null,
                                   count(*) filter (where resolution_due is not null
                                                    and not (resolution_breached or resolved_at > resolution_due)),
                                   count(*) filter (where resolution_breached or resolved_at > resolution_due),
                                   coalesce(sum(round(extract(epoch from resolution_due - created_at))), 0)::bigint,
                                   count(resolution_due)::integer,
                                   report_histogram(report_bucket(extract(epoch from resolved_at - created_at)::double precision))
                            from c where resolved_at is not null group by 1, 2, 3
                          union all
                            select date_trunc('hour', resolution_due, 'UTC'), queue_id, channel, 0, 0, 0, 0, 0, 0, null, 0, count(*), 0, 0, null
                            from c where resolved_at is null and resolution_breached and resolution_due is not null group by 1, 2, 3)
                        select row(hour, queue_id, channel, sum(opened), sum(resolved), sum(fr_within), sum(fr_over), sum(fr_ts), sum(fr_tn),
                                   coalesce(report_buckets_sum(fr_b), %1$s), sum(res_within), sum(res_over), sum(res_ts), sum(res_tn),
                                   coalesce(report_buckets_sum(res_b), %1$s))::text
                        from parts group by hour, queue_id, channel order by 1""".formatted(NO_BUCKETS))
                .params(queue, other).query(String.class).list();
    }

    /** The tag rows of these queues, each as one line of text. */
    public List<String> tagRows(UUID queue, UUID other) {
        return jdbc.sql("select row(hour, queue_id, channel, tag, conversations)::text from report_tag_hours where queue_id in (?, ?) order by 1")
                .params(queue, other).query(String.class).list();
    }

    /** The same counted from the conversations as they are now. */
    public List<String> tagRowsCounted(UUID queue, UUID other) {
        return jdbc.sql("""
                        select row(date_trunc('hour', created_at, 'UTC'), queue_id, channel, tag, count(distinct id))::text
                        from conversations, unnest(tags) tag where queue_id in (?, ?)
                        group by date_trunc('hour', created_at, 'UTC'), queue_id, channel, tag order by 1""")
                .params(queue, other).query(String.class).list();
    }

    /** The day rows of these queues in {@code zone}, of all three kinds, each as one line of text. */
    public List<String> dayRows(UUID queue, UUID other, java.time.ZoneId zone) {
        return jdbc.sql("""
                select row(day, queue_id, channel, opened, resolved, fr_within, fr_over, fr_target_seconds, fr_targets,
                           coalesce(fr_buckets, %1$s), res_within, res_over, res_target_seconds, res_targets, coalesce(res_buckets, %1$s))::text
                from report_days where zone = %2$s and queue_id in (:q, :o)
                union all
                select row(day, queue_id, channel, agent_id, csat_sum, csat_count, csat_satisfied, ces_sum, ces_count, rated_helpful,
                           rated_total)::text
                from report_agent_days where zone = %2$s and queue_id in (:q, :o)
                union all
                select row(day, queue_id, channel, tag, conversations)::text from report_tag_days where zone = %2$s and queue_id in (:q, :o)
                order by 1""".formatted(NO_BUCKETS, "'" + zone.getId() + "'"))
                .param("q", queue).param("o", other).query(String.class).list();
    }

    /** The same summed from their hour rows by the day each hour falls in in {@code zone}. */
    public List<String> hourRowsSummedPerDay(UUID queue, UUID other, java.time.ZoneId zone) {
        return jdbc.sql("""
                select row((hour at time zone %2$s)::date, queue_id, channel, sum(opened), sum(resolved), sum(fr_within), sum(fr_over),
                           sum(fr_target_seconds), sum(fr_targets), coalesce(report_buckets_sum(fr_buckets), %1$s), sum(res_within),
                           sum(res_over), sum(res_target_seconds), sum(res_targets), coalesce(report_buckets_sum(res_buckets), %1$s))::text
                from report_hours where queue_id in (:q, :o) group by (hour at time zone %2$s)::date, queue_id, channel
                union all
                select row((hour at time zone %2$s)::date, queue_id, channel, agent_id, sum(csat_sum), sum(csat_count), sum(csat_satisfied),
                           sum(ces_sum), sum(ces_count), sum(rated_helpful), sum(rated_total))::text
                from report_agent_hours where queue_id in (:q, :o) group by (hour at time zone %2$s)::date, queue_id, channel, agent_id
                union all
                select row((hour at time zone %2$s)::date, queue_id, channel, tag, sum(conversations))::text
                from report_tag_hours where queue_id in (:q, :o) group by (hour at time zone %2$s)::date, queue_id, channel, tag
                order by 1""".formatted(NO_BUCKETS, "'" + zone.getId() + "'"))
                .param("q", queue).param("o", other).query(String.class).list();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static String array(String... values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }
}
