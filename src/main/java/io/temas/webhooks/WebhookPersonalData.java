package io.temas.webhooks;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerOwnedRecords;
import io.temas.customers.PersonalData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deliveries carry what the events said about a customer (a message's words, a consent's address), so the export
 * lists them and an erasure deletes them with their attempts: the log keeps nothing a receiver could not be asked for.
 * A merge moves them to the surviving customer (and its undo back), so an erasure after a merge still finds them.
 */
@Component
class WebhookPersonalData implements PersonalData, CustomerOwnedRecords {

    private final JdbcClient jdbc;

    WebhookPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "webhook-deliveries";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        return jdbc.sql("""
                        select d.id, d.event_type, d.status, d.created_at, d.body, s.url from webhook_deliveries d
                        left join webhook_subscriptions s on s.id = d.subscription_id where d.customer_id = ? order by d.created_at""")
                .param(customer.value()).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getString("id"));
                    row.put("type", rs.getString("event_type"));
                    row.put("status", rs.getString("status"));
                    row.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    row.put("receiver", rs.getString("url"));
                    row.put("body", rs.getString("body"));
                    return row;
                }).list();
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("delete from webhook_deliveries where customer_id = ?").param(customer.value()).update();
    }

    @Override
    public List<UUID> reassign(CustomerId from, CustomerId to) {
        return jdbc.sql("update webhook_deliveries set customer_id = ? where customer_id = ? returning id")
                .params(to.value(), from.value()).query(UUID.class).list();
    }

    @Override
    public void restore(List<UUID> ids, CustomerId owner) {
        if (!ids.isEmpty()) {
            jdbc.sql("update webhook_deliveries set customer_id = ? where id = any(?)").params(owner.value(), ids.toArray(UUID[]::new)).update();
        }
    }
}
