package io.temas.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's scores and open alerts as last computed, for the 360 and the API. */
@Component
public class CustomerScores {

    /** A score's value with its name in each language. */
    public record Score(String code, String nameTr, String nameAz, String nameEn, BigDecimal value, Instant computedAt) {

        public String name(String language) {
            return AlertRule.pick(language, nameTr, nameAz, nameEn);
        }
    }

    /** An open alert with its rule's severity and message in each language. */
    public record Alert(UUID id, UUID ruleId, String severity, String messageTr, String messageAz, String messageEn, Instant raisedAt) {

        public String message(String language) {
            return AlertRule.pick(language, messageTr, messageAz, messageEn);
        }
    }

    private final JdbcClient jdbc;

    CustomerScores(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's scores in the admin's order. */
    public List<Score> scores(UUID customer) {
        return jdbc.sql("""
                        select r.code, r.name_tr, r.name_az, r.name_en, s.value, s.computed_at
                        from customer_scores s join score_rules r on r.code = s.score
                        where s.customer_id = ? order by r.position, r.code""").param(customer)
                .query((rs, n) -> new Score(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5).stripTrailingZeros(), rs.getTimestamp(6).toInstant())).list();
    }

    /** The customer's open alerts, most severe first, then the newest. */
    public List<Alert> openAlerts(UUID customer) {
        return jdbc.sql("""
                        select a.id, a.rule_id, r.severity, r.message_tr, r.message_az, r.message_en, a.raised_at
                        from customer_alerts a join alert_rules r on r.id = a.rule_id
                        where a.customer_id = ? and a.cleared_at is null
                        order by case r.severity when 'critical' then 0 when 'warning' then 1 else 2 end, a.raised_at desc""").param(customer)
                .query((rs, n) -> new Alert(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant())).list();
    }
}
