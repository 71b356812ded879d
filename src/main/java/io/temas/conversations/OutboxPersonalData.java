package io.temas.conversations;

import io.temas.channels.Outbox;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What was sent, or is waiting to be sent, to the person: the outbox entries of their conversations and those addressed
 * to any of their addresses (campaign sends, surveys, acknowledgements). The channels module owns the table and knows
 * nothing of customers, so this part finds the conversations and addresses and asks {@link Outbox}.
 */
@Component
class OutboxPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Outbox outbox;

    OutboxPersonalData(JdbcClient jdbc, Customers customers, Outbox outbox) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.outbox = outbox;
    }

    @Override
    public String kind() {
        return "outbox";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        return PersonalRows.plain(outbox.about(conversations(customer), customers.addressForms(customer)));
    }

    @Override
    public void erase(CustomerId customer) {
        outbox.forget(conversations(customer), customers.addressForms(customer));
    }

    private List<UUID> conversations(CustomerId customer) {
        return jdbc.sql("select id from conversations where customer_id = ?").param(customer.value()).query(UUID.class).list();
    }
}
