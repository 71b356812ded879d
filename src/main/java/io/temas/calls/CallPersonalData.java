package io.temas.calls;

import io.temas.customers.AddressForms;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Calls with the person and callbacks booked for them. Erasure keeps each call's direction, state, times, duration
 * and outcome (the call-centre figures) and each callback's slot, state and outcome, and removes the numbers, the
 * agents' notes, the recording address and the raw PBX events and phone-menu requests. Recordings themselves live on
 * the telephone system, not in Temas: an erasure there is the PBX's.
 */
@Component
class CallPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;

    CallPersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "calls";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'call' as record, id, direction, caller, entry_point, conversation_id, state, started_at, answered_at,
                        ended_at, duration_seconds, cause, recording_url, outcome, notes from calls
                        where customer_id = ? order by started_at, id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'callback' as record, id, entry_point, slot_start, slot_end, phone, email, note, language, source, state,
                        attempts, outcome, created_at from callbacks where customer_id = ? order by created_at, id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'callback-event' as record, e.callback_id, e.kind, e.detail, e.occurred_at
                        from callback_events e join callbacks c on c.id = e.callback_id where c.customer_id = ?
                        order by e.occurred_at, e.id""")
                .param(customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("update call_events set raw = '\\x'::bytea where call_id in (select id from calls where customer_id = ?)")
                .param(customer.value()).update();
        jdbc.sql("update calls set caller = null, notes = null, recording_url = null where customer_id = ?").param(customer.value()).update();
        jdbc.sql("""
                        update callback_requests set raw = '\\x'::bytea
                        where callback_id in (select id from callbacks where customer_id = ?)""")
                .param(customer.value()).update();
        String[] forms = AddressForms.withEncodings(customers.addressForms(customer)).toArray(String[]::new);
        if (forms.length > 0) {
            // A phone-menu request that was refused booked nothing, so only its bytes can tie it to the person.
            jdbc.sql("update callback_requests r set raw = '\\x'::bytea where length(r.raw) > 0 and encode(r.raw, 'escape') ~* any(?::text[])")
                    .param(AddressForms.payloadPatterns(customers.addressForms(customer))).update();
            jdbc.sql("""
                            update call_events e set raw = '\\x'::bytea
                            where e.call_id in (select id from calls where caller = any(?) or customer_id = ?) and length(e.raw) > 0""")
                    .params(forms, customer.value()).update();
            jdbc.sql("update calls set caller = null where caller = any(?)").param(forms).update();
        }
        jdbc.sql("update callbacks set phone = '', email = null, note = null where customer_id = ?").param(customer.value()).update();
        jdbc.sql("update callback_events set detail = null where callback_id in (select id from callbacks where customer_id = ?)")
                .param(customer.value()).update();
    }
}
