package io.temas.feedback;

import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Satisfaction over a period of days (in the organisation's zone), for every queue or one:
 * surveys sent and answered, CSAT as the share of 4 and 5 answers and as the average, the average
 * effort (CES), and the helpful share of rated replies. Answers count on the day they came.
 */
@Service
public class SatisfactionReport {

    /** The longest period one report covers. */
    static final int MAX_DAYS = 366;

    /**
     * The figures of one period.
     *
     * @param sent            surveys sent in the period
     * @param responses       surveys answered in the period
     * @param csat            share of answers scoring 4 or 5, in percent (one decimal); null without answers
     * @param csatAverage     average satisfaction 1–5 (two decimals); null without answers
     * @param cesResponses    answers that gave an effort score
     * @param ces             average effort 1–7 (two decimals; lower is easier); null without effort answers
     * @param ratings         agent replies rated in the period (latest press per reply)
     * @param helpful         of those, rated helpful
     * @param helpfulShare    helpful ratings in percent (one decimal); null without ratings
     */
    public record Figures(LocalDate from, LocalDate to, UUID queue, long sent, long responses, Double csat, Double csatAverage,
                         long cesResponses, Double ces, long ratings, long helpful, Double helpfulShare) {
    }

    private final JdbcClient jdbc;
    private final ZoneId zone;

    SatisfactionReport(JdbcClient jdbc, @Value("${temas.routing.zone:Europe/Istanbul}") String zone) {
        this.jdbc = jdbc;
        this.zone = ZoneId.of(zone);
    }

    /** Figures from the start of {@code from} to the end of {@code to}, both days included. */
    public Figures figures(LocalDate from, LocalDate to, UUID queue) {
        if (from == null || to == null) {
            throw new InvalidInput(from == null ? "from" : "to", "from and to are dates such as 2026-12-01");
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "to is on or after from");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new InvalidInput("to", "a report covers at most " + MAX_DAYS + " days");
        }
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        long sent = jdbc.sql("select count(*) from surveys where sent_at >= ? and sent_at < ? and (?::uuid is null or queue_id = ?)")
                .params(start, end, queue, queue).query(Long.class).single();
        Object[] answers = jdbc.sql("""
                        select count(*), count(*) filter (where csat >= 4), avg(csat), count(ces), avg(ces) from surveys
                        where answered_at >= ? and answered_at < ? and csat is not null and (?::uuid is null or queue_id = ?)""")
                .params(start, end, queue, queue)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getObject(3), rs.getLong(4), rs.getObject(5)}).single();
        long responses = (Long) answers[0];
        long happy = (Long) answers[1];
        long cesResponses = (Long) answers[3];
        Object[] rated = jdbc.sql("""
                        select count(*), count(*) filter (where r.helpful) from reply_ratings r join conversations c on c.id = r.conversation_id
                        where r.rated_at >= ? and r.rated_at < ? and (?::uuid is null or c.queue_id = ?)""")
                .params(start, end, queue, queue).query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2)}).single();
        long ratings = (Long) rated[0];
        long helpful = (Long) rated[1];
        return new Figures(from, to, queue, sent, responses, responses == 0 ? null : round(100.0 * happy / responses, 1),
                responses == 0 ? null : round(((Number) answers[2]).doubleValue(), 2), cesResponses,
                cesResponses == 0 ? null : round(((Number) answers[4]).doubleValue(), 2), ratings, helpful,
                ratings == 0 ? null : round(100.0 * helpful / ratings, 1));
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
