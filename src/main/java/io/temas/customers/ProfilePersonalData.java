package io.temas.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The profile and its identities. Erasure deletes the identities (so the person's addresses lead to
 * nobody and a new message from them starts a new profile) and keeps the profile row without name or
 * segments, because conversations, surveys and report figures point at it. It runs last: the other
 * parts find the person's addresses through the identities.
 */
@Component
class ProfilePersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;

    ProfilePersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "customer";
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'profile' as record, id, display_name, language, detected_language, vip, segments, lifecycle_stage,
                        merged_into, created_at, updated_at, erased_at from customers where id = ?""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'identity' as record, id, type, value, original, verified, created_at, undeliverable_at,
                        undeliverable_reason from identities where customer_id = ? order by created_at, id""")
                .param(customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("delete from identities where customer_id = ?").param(customer.value()).update();
        customers.markErased(customer);
    }
}
