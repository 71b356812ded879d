package io.temas.inbound;

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
 * What the person sent as it arrived: the raw payloads of their messages ({@code inbound_receipts}) and quarantined
 * payloads that carry one of their addresses where it stands whole (not {@code mali@x.com} for {@code ali@x.com}).
 * Erasure empties a receipt's payload but keeps the row, whose (channel, external id) still turns a provider's retry
 * into the first result instead of a new message; quarantined payloads naming the person are deleted, since they were
 * never anyone's message and cannot be anonymised in place.
 */
@Component
class InboundPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;

    InboundPersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "inbound";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'receipt' as record, id, channel, external_id, entry_point, content_type, payload, received_at,
                        message_id, conversation_id from inbound_receipts
                        where customer_id = ? or conversation_id in (select id from conversations where customer_id = ?)
                        order by received_at, id""")
                .params(customer.value(), customer.value()).query().listOfRows()));
        String[] forms = forms(customer);
        if (forms.length > 0) {
            rows.addAll(PersonalRows.plain(jdbc.sql("""
                            select 'quarantine' as record, id, channel, entry_point, external_id, reason, content_type, payload, received_at,
                            released_at from quarantine q
                            where encode(q.payload, 'escape') ~* any(?::text[]) order by received_at, id""")
                    .param(forms).query().listOfRows()));
        }
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("""
                        update inbound_receipts set payload = '\\x'::bytea
                        where (customer_id = ? or conversation_id in (select id from conversations where customer_id = ?))
                        and length(payload) > 0""")
                .params(customer.value(), customer.value()).update();
        String[] forms = forms(customer);
        if (forms.length > 0) {
            jdbc.sql("delete from quarantine q where encode(q.payload, 'escape') ~* any(?::text[])").param(forms).update();
        }
    }

    /** Where a payload names one of the person's addresses whole, in any of its spellings and whatever the payload's bytes. */
    private String[] forms(CustomerId customer) {
        return AddressForms.payloadPatterns(customers.addressForms(customer));
    }
}
