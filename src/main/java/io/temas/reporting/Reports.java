package io.temas.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures behind the console's reports, read from the rows {@link ReportRollups} keeps (never
 * from conversations), grouped into the reader's days and filtered by queue and channel: the day
 * rows of a zone whose days are the reader's, else the UTC hour rows grouped by the reader's days.
 * Both give the same figures.
 */
@Service
public class Reports {

    /** Conversations opened and resolved on one day through one channel. */
    public record Volume(LocalDate day, String channel, long opened, long resolved) {
    }

    /** Durations with the SLA targets they were measured against (the mean target). */
    public record Times(Histogram histogram, long targetSeconds, long targets) {

        public static final Times NONE = new Times(Histogram.empty(), 0, 0);

        /** The mean target, or null when none of them had one. */
        public Duration target() {
            return targets == 0 ? null : Duration.ofSeconds(Math.round((double) targetSeconds / targets));
        }

        public Times plus(Times other) {
            return new Times(histogram.plus(other.histogram), targetSeconds + other.targetSeconds, targets + other.targets);
        }
    }

    /** First-response and resolution times of one day. */
    public record DayTimes(LocalDate day, Times firstResponse, Times resolution) {
    }

    /** SLA kept and missed in one queue ({@code null}: no queue). */
    public record Attainment(UUID queueId, long firstWithin, long firstOver, long resolutionWithin, long resolutionOver) {

        public Double firstShare() {
            return share(firstWithin, firstWithin + firstOver);
        }

        public Double resolutionShare() {
            return share(resolutionWithin, resolutionWithin + resolutionOver);
        }
    }

    /** Survey answers and reply ratings summed over a day and a queue, or over an agent. */
    public record Satisfaction(LocalDate day, UUID queueId, UUID agentId, long csatSum, long csatCount, long satisfied, long cesSum,
                               long cesCount, long helpful, long rated) {

        /** Mean satisfaction 1-5, or null without answers. */
        public Double csat() {
            return csatCount == 0 ? null : (double) csatSum / csatCount;
        }

        /** Share of satisfied answers (4 or 5). */
        public Double satisfiedShare() {
            return share(satisfied, csatCount);
        }

        /** Mean effort 1-7, or null without answers. */
        public Double ces() {
            return cesCount == 0 ? null : (double) cesSum / cesCount;
        }

        /** Share of replies rated helpful. */
        public Double helpfulShare() {
            return share(helpful, rated);
        }
    }

    /** How many conversations opened in the range carried a tag. */
    public record TagCount(String tag, long conversations) {
    }

    /** Chat sessions started on one day: closed by the bot without an agent, handed over to one. */
    public record Deflection(LocalDate day, long sessions, long botClosed, long handedOver) {
    }

    /** How often an article was read in the range. */
    public record ArticleViews(UUID articleId, String title, long views) {
    }

    /** Searches in the help centre or the chat that found nothing, or nothing the searcher opened, by their normalised words. */
    public record FailedSearch(String query, String example, long searches, long noResults) {
    }

    private final JdbcClient jdbc;

    /** The zones day rows are kept in; none: read the hour rows only. */
    private final List<ZoneId> dayZones;

    @Autowired
    Reports(JdbcClient jdbc, ReportSettings settings) {
        this(jdbc, settings.zones());
    }

    private Reports(JdbcClient jdbc, List<ZoneId> dayZones) {
        this.jdbc = jdbc;
        this.dayZones = dayZones;
    }

    /** The same figures read from the hour rows whatever the reader's zone, to hold the day rows to them. */
    Reports fromHours() {
        return new Reports(jdbc, List.of());
    }

    public List<Volume> volume(ReportFilter filter) {
        return query("""
                select {day} as day, channel, sum(opened) as opened, sum(resolved) as resolved
                from report_{rows} where %s group by 1, 2 order by 1, 2""", filter, (rs, n) -> new Volume(
                rs.getObject("day", LocalDate.class), rs.getString("channel"), rs.getLong("opened"), rs.getLong("resolved")));
    }

    public List<DayTimes> times(ReportFilter filter) {
        return query("""
                select {day} as day, sum(fr_target_seconds) as fr_ts, sum(fr_targets) as fr_tn,
                       sum(res_target_seconds) as res_ts, sum(res_targets) as res_tn, %s
                from report_{rows} where %%s group by 1 order by 1""".formatted(BUCKET_SUMS), filter, (rs, n) -> new DayTimes(
                rs.getObject("day", LocalDate.class), new Times(histogram(rs, "f"), rs.getLong("fr_ts"), rs.getLong("fr_tn")),
                new Times(histogram(rs, "r"), rs.getLong("res_ts"), rs.getLong("res_tn"))));
    }

    /**
     * Each bucket of both histograms summed on its own ({@code sum(fr_buckets[1]) as f1}, …): the
     * database's own sum over array elements, much cheaper than adding whole arrays row by row.
     */
    private static final String BUCKET_SUMS = java.util.stream.IntStream.rangeClosed(1, Histogram.BUCKETS)
            .mapToObj(i -> "sum(fr_buckets[%d]) as f%d, sum(res_buckets[%d]) as r%d".formatted(i, i, i, i))
            .collect(Collectors.joining(", "));

    private static Histogram histogram(ResultSet rs, String prefix) throws SQLException {
        int[] counts = new int[Histogram.BUCKETS];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rs.getInt(prefix + (i + 1));
        }
        return new Histogram(counts);
    }

    public List<Attainment> attainment(ReportFilter filter) {
        return query("""
                select queue_id, sum(fr_within) as fw, sum(fr_over) as fo, sum(res_within) as rw, sum(res_over) as ro
                from report_{rows} where %s group by 1
                having sum(fr_within) + sum(fr_over) + sum(res_within) + sum(res_over) > 0""", filter,
                (rs, n) -> new Attainment(rs.getObject("queue_id", UUID.class), rs.getLong("fw"), rs.getLong("fo"), rs.getLong("rw"),
                        rs.getLong("ro")));
    }

    /** Per day and queue. */
    public List<Satisfaction> satisfactionByQueue(ReportFilter filter) {
        return query("""
                select {day} as day, queue_id, null::uuid as agent_id, %s
                from report_agent_{rows} where %%s group by 1, 2 having sum(csat_count) + sum(ces_count) + sum(rated_total) > 0 order by 1, 2"""
                .formatted(SATISFACTION_SUMS), filter, Reports::satisfaction);
    }

    /** Per agent over the whole range. */
    public List<Satisfaction> satisfactionByAgent(ReportFilter filter) {
        return query("""
                select null::date as day, null::uuid as queue_id, agent_id, %s
                from report_agent_{rows} where %%s and agent_id is not null group by agent_id
                having sum(csat_count) + sum(ces_count) + sum(rated_total) > 0""".formatted(SATISFACTION_SUMS), filter, Reports::satisfaction);
    }

    /** The most frequent tags, and (as the tag {@code null}) every conversation opened, for shares. */
    public List<TagCount> tags(ReportFilter filter, int limit) {
        return query("""
                select tag, sum(conversations) as n from report_tag_{rows} where %s
                group by tag order by n desc, tag""" + " limit " + Math.max(1, Math.min(limit, 500)), filter,
                (rs, n) -> new TagCount(rs.getString("tag"), rs.getLong("n")));
    }

    /** Conversations opened in the range (for tag shares). */
    public long opened(ReportFilter filter) {
        return query("select coalesce(sum(opened), 0) as n from report_{rows} where %s", filter, (rs, n) -> rs.getLong("n")).getFirst();
    }

    /** Chat sessions per day; not filtered by queue or channel (sessions are chat, and the bot has no queue). */
    public List<Deflection> deflection(ReportFilter filter) {
        return jdbc.sql("""
                        select (hour at time zone :zone)::date as day, sum(sessions) as s, sum(bot_closed) as b, sum(handed_over) as h
                        from report_chat_hours where hour >= :start and hour < :end group by 1 order by 1""")
                .param("zone", filter.zone().getId()).param("start", Timestamp.from(filter.start())).param("end", Timestamp.from(filter.end()))
                .query((rs, n) -> new Deflection(rs.getObject("day", LocalDate.class), rs.getLong("s"), rs.getLong("b"), rs.getLong("h")))
                .list();
    }

    /** Articles read in the range, the most read first. */
    public List<ArticleViews> articleViews(ReportFilter filter) {
        return jdbc.sql("""
                        select v.article_id, a.title, v.views from (
                            select article_id, sum(views) as views from report_kb_hours where hour >= :start and hour < :end
                            group by article_id) v
                        join kb_articles a on a.id = v.article_id order by v.views desc, a.title""")
                .param("start", Timestamp.from(filter.start())).param("end", Timestamp.from(filter.end()))
                .query((rs, n) -> new ArticleViews(rs.getObject("article_id", UUID.class), rs.getString("title"), rs.getLong("views")))
                .list();
    }

    /**
     * The most frequent failed searches of the range (the search log is kept per search and read by
     * its time index; suggestions shown to agents are not searches and are left out).
     */
    public List<FailedSearch> failedSearches(ReportFilter filter, int limit) {
        return jdbc.sql("""
                        select normalised, mode() within group (order by query) as example, count(*) as n,
                               count(*) filter (where result_count = 0) as no_results
                        from kb_searches
                        where searched_at >= :start and searched_at < :end and clicked_article_id is null and normalised <> ''
                        group by normalised order by n desc, normalised limit :limit""")
                .param("start", Timestamp.from(filter.start())).param("end", Timestamp.from(filter.end()))
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new FailedSearch(rs.getString("normalised"), rs.getString("example"), rs.getLong("n"),
                        rs.getLong("no_results")))
                .list();
    }

    private static final String SATISFACTION_SUMS = """
            sum(csat_sum) as csat_sum, sum(csat_count) as csat_count, sum(csat_satisfied) as satisfied, sum(ces_sum) as ces_sum,
            sum(ces_count) as ces_count, sum(rated_helpful) as helpful, sum(rated_total) as rated""";

    private static Satisfaction satisfaction(ResultSet rs, int n) throws SQLException {
        return new Satisfaction(rs.getObject("day", LocalDate.class), rs.getObject("queue_id", UUID.class), rs.getObject("agent_id", UUID.class),
                rs.getLong("csat_sum"), rs.getLong("csat_count"), rs.getLong("satisfied"), rs.getLong("ces_sum"), rs.getLong("ces_count"),
                rs.getLong("helpful"), rs.getLong("rated"));
    }

    /**
     * Runs a report's statement on the day rows or the hour rows: {@code report_{rows}} names the
     * table, {@code {day}} the reader's day of a row, {@code %s} the conditions.
     */
    private <T> List<T> query(String template, ReportFilter filter, org.springframework.jdbc.core.RowMapper<T> rows) {
        ZoneId dayZone = dayZone(filter);
        boolean days = dayZone != null;
        String sql = template.replace("{rows}", days ? "days" : "hours").replace("{day}", days ? "day" : "(hour at time zone :zone)::date");
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        if (days) {
            where.addAll(List.of("zone = :dayZone", "day >= :from", "day <= :to"));
            params.put("dayZone", dayZone.getId());
            params.put("from", filter.from());
            params.put("to", filter.to());
        } else {
            where.addAll(List.of("hour >= :start", "hour < :end"));
            params.put("start", Timestamp.from(filter.start()));
            params.put("end", Timestamp.from(filter.end()));
        }
        if (sql.contains(":zone")) {
            params.put("zone", filter.zone().getId());
        }
        if (filter.queue() != null) {
            where.add("queue_id = :queue");
            params.put("queue", filter.queue());
        }
        if (filter.channel() != null) {
            where.add("channel = :channel");
            params.put("channel", filter.channel());
        }
        if (filter.visibleQueues() != null) {
            where.add("queue_id = any(cast(:visible as uuid[]))");
            params.put("visible", ReportRollups.literal(filter.visibleQueues().stream().map(UUID::toString)));
        }
        return jdbc.sql(sql.formatted(String.join(" and ", where))).params(params).query(rows).list();
    }

    /**
     * The zone whose day rows serve this reader, or null: one the job has built whole in which every
     * day of the range (and the one after it) starts at the instant it starts in the reader's zone.
     */
    ZoneId dayZone(ReportFilter filter) {
        List<ZoneId> alike = dayZones.stream().filter(zone -> sameDays(filter, zone)).toList();
        if (alike.isEmpty()) {
            return null;
        }
        Set<String> built = Set.copyOf(jdbc.sql("select zone from report_day_zones").query(String.class).list());
        return alike.stream().filter(zone -> built.contains(zone.getId())).findFirst().orElse(null);
    }

    private static boolean sameDays(ReportFilter filter, ZoneId zone) {
        for (LocalDate day = filter.from(); !day.isAfter(filter.to().plusDays(1)); day = day.plusDays(1)) {
            if (!day.atStartOfDay(filter.zone()).toInstant().equals(day.atStartOfDay(zone).toInstant())) {
                return false;
            }
        }
        return true;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
