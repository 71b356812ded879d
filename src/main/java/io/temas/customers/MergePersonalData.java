package io.temas.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges and merge candidates the customer took part in. The merge records stay (who merged which
 * profiles when is the audit trail of the identity graph) without the person's name in the snapshot
 * and without their addresses in the reason; open candidates naming the person are closed as
 * {@code erased}, since nobody should be asked to merge a profile that no longer holds anyone.
 */
@Component
class MergePersonalData implements PersonalData {

    static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Clock clock;

    MergePersonalData(JdbcClient jdbc, Customers customers, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "merges";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'merge' as record, id, survivor_id, absorbed_id, reason, actor, snapshot::text as snapshot, merged_at,
                        undone_at, undone_by from merges where survivor_id = ? or absorbed_id = ? order by merged_at, id""")
                .params(customer.value(), customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'candidate' as record, id, customer_a, customer_b, reason, created_at, decided_at, decision
                        from merge_candidates where customer_a = ? or customer_b = ? order by created_at, id""")
                .params(customer.value(), customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        // A snapshot keeps each side's name for an undo; the person's side loses it (create_missing false: a missing path is left alone).
        jdbc.sql("update merges set snapshot = jsonb_set(snapshot, '{survivor,displayName}', 'null'::jsonb, false) where survivor_id = ?")
                .param(customer.value()).update();
        jdbc.sql("update merges set snapshot = jsonb_set(snapshot, '{absorbed,displayName}', 'null'::jsonb, false) where absorbed_id = ?")
                .param(customer.value()).update();
        for (String form : customers.addressForms(customer)) {
            String pattern = AddressForms.pattern(form);
            jdbc.sql("update merges set reason = regexp_replace(reason, ?, ?, 'gi') where (survivor_id = ? or absorbed_id = ?) and reason ~* ?")
                    .params(pattern, ERASED, customer.value(), customer.value(), pattern).update();
            jdbc.sql("""
                            update merge_candidates set reason = regexp_replace(reason, ?, ?, 'gi')
                            where (customer_a = ? or customer_b = ?) and reason ~* ?""")
                    .params(pattern, ERASED, customer.value(), customer.value(), pattern).update();
        }
        jdbc.sql("""
                        update merge_candidates set decided_at = ?, decision = 'outdated'
                        where (customer_a = ? or customer_b = ?) and decided_at is null""")
                .params(Timestamp.from(clock.instant()), customer.value(), customer.value()).update();
    }
}
