package io.temas.complaints;

import io.temas.conversations.QueueAccess;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Complaints made between two days (in the reader's time zone): how many per queue and per
 * category, per week (weeks start on Monday), and the conversations themselves, of the queues the
 * reader may see. Read straight from the conversations' complaint columns, so a mark taken off no
 * longer counts.
 */
@Service
public class ComplaintReport {

    /** The longest range a report covers. */
    static final int MAX_DAYS = 731;

    /** A count under a key (a queue id, null for none; a category code). */
    public record Count<K>(K key, long count) {
    }

    /** One week's complaints; {@code start} is its Monday. */
    public record Week(LocalDate start, long count) {
    }

    /** One complaint conversation. */
    public record Line(UUID conversationId, String reference, UUID customerId, String customerName, UUID queueId, String channel,
                       String subject, String status, String category, Instant at, String by) {
    }

    /** The report; {@code lines} is the newest {@code limit}, {@code total} counts them all. */
    public record Report(LocalDate from, LocalDate to, long total, List<Count<UUID>> byQueue, List<Count<String>> byCategory,
                         List<Week> weeks, List<Line> lines) {
    }

    private final JdbcClient jdbc;

    ComplaintReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // The conversations the reader may see (?1 all, ?2 their queues, ?3 their agent profile), as Conversations reads them.
    private static final String VISIBLE = " and (? or c.queue_id = any(?) or c.assignee_id = ?) ";

    /**
     * Complaints from the start of {@code from} to the end of {@code to}, both in {@code zone}, in conversations {@code access}
     * opens; at most {@code limit} lines.
     */
    public Report report(LocalDate from, LocalDate to, ZoneId zone, QueueAccess access, int limit) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new InvalidInput("to", "the range must end on or after its first day");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new InvalidInput("from", "a report covers at most two years");
        }
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        Object[] visible = {access.all(), access.queueIds().toArray(UUID[]::new), access.agentId()};
        List<Count<UUID>> byQueue = jdbc.sql("""
                        select c.queue_id, count(*) from conversations c where c.complaint_at >= ? and c.complaint_at < ?""" + VISIBLE + """
                        group by c.queue_id order by count(*) desc""")
                .params(start, end, visible[0], visible[1], visible[2])
                .query((rs, n) -> new Count<>(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        List<Count<String>> byCategory = jdbc.sql("""
                        select c.complaint_category, count(*) from conversations c where c.complaint_at >= ? and c.complaint_at < ?""" + VISIBLE + """
                        group by c.complaint_category order by count(*) desc, c.complaint_category""")
                .params(start, end, visible[0], visible[1], visible[2])
                .query((rs, n) -> new Count<>(rs.getString(1), rs.getLong(2))).list();
        Map<LocalDate, Long> perWeek = jdbc.sql("""
                        select (date_trunc('week', c.complaint_at at time zone ?))::date, count(*) from conversations c
                        where c.complaint_at >= ? and c.complaint_at < ?""" + VISIBLE + " group by 1")
                .params(zone.getId(), start, end, visible[0], visible[1], visible[2])
                .query((rs, n) -> Map.entry(rs.getDate(1).toLocalDate(), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Week> weeks = new ArrayList<>();
        for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            weeks.add(new Week(monday, perWeek.getOrDefault(monday, 0L)));
        }
        List<Line> lines = jdbc.sql("""
                        select c.id, c.reference, c.customer_id, cu.display_name, c.queue_id, c.channel, c.subject, c.status,
                               c.complaint_category, c.complaint_at, c.complaint_by
                        from conversations c join customers cu on cu.id = c.customer_id
                        where c.complaint_at >= ? and c.complaint_at < ?""" + VISIBLE + " order by c.complaint_at desc, c.id limit ?")
                .params(start, end, visible[0], visible[1], visible[2], Math.max(0, limit))
                .query((rs, n) -> new Line(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getString(11))).list();
        long total = byCategory.stream().mapToLong(Count::count).sum();
        return new Report(from, to, total, byQueue, byCategory, weeks, lines);
    }
}
