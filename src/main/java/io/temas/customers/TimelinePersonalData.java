package io.temas.customers;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer's timeline: its sentences name addresses and quote subjects, so erasure deletes the entries. */
@Component
class TimelinePersonalData implements PersonalData {

    private final JdbcClient jdbc;

    TimelinePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "timeline";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        return PersonalRows.plain(jdbc.sql("""
                        select id, occurred_at, kind, channel, summary, detail_key, detail_args, conversation_id, message_id
                        from timeline_entries where customer_id = ? order by occurred_at, id""")
                .param(customer.value()).query().listOfRows());
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("delete from timeline_entries where customer_id = ?").param(customer.value()).update();
    }
}
