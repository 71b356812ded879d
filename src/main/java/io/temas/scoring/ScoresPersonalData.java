package io.temas.scoring;

import io.temas.customers.CustomerId;
import io.temas.customers.PersonalData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's scores and alerts (open and cleared) are about the person: exported with the rest, deleted on erasure. */
@Component
class ScoresPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    ScoresPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "scores-and-alerts";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.sql("select score, value, computed_at from customer_scores where customer_id = ? order by score").param(customer.value())
                .query(rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("kind", "score");
                    row.put("score", rs.getString(1));
                    row.put("value", rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
                    row.put("computedAt", rs.getTimestamp(3).toInstant().toString());
                    rows.add(row);
                });
        jdbc.sql("""
                        select a.raised_at, a.cleared_at, r.name_en, r.severity, r.message_en
                        from customer_alerts a join alert_rules r on r.id = a.rule_id
                        where a.customer_id = ? order by a.raised_at""").param(customer.value())
                .query(rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("kind", "alert");
                    row.put("rule", rs.getString(3));
                    row.put("severity", rs.getString(4));
                    row.put("message", rs.getString(5));
                    row.put("raisedAt", rs.getTimestamp(1).toInstant().toString());
                    row.put("clearedAt", rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant().toString());
                    rows.add(row);
                });
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("delete from customer_scores where customer_id = ?").param(customer.value()).update();
        jdbc.sql("delete from customer_alerts where customer_id = ?").param(customer.value()).update();
    }
}
