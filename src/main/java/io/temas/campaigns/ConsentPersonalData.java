package io.temas.campaigns;

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
 * Consents and do-not-contact entries. They are the proof that the person agreed to or refused commercial contact
 * (İYS, KVKK article 5/2-ç: a legal obligation; GDPR article 17/3-b), so erasure keeps every row with its channel,
 * purpose, granted or withdrawn, source and time, tied to the erased profile, and removes only the address and any
 * address written in a source or reason.
 */
@Component
class ConsentPersonalData implements PersonalData {

    private static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final Customers customers;

    ConsentPersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "consents";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'consent' as record, id, address, channel, purpose, granted, source, recorded_at
                        from consents where customer_id = ? order by recorded_at, id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'do-not-contact' as record, id, channel, reason, expires_at, created_at
                        from do_not_contact where customer_id = ? order by created_at, id""")
                .param(customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("update consents set address = null where customer_id = ? and address is not null").param(customer.value()).update();
        for (String form : customers.addressForms(customer)) {
            String pattern = AddressForms.pattern(form);
            jdbc.sql("update consents set source = regexp_replace(source, ?, ?, 'gi') where customer_id = ? and source ~* ?")
                    .params(pattern, ERASED, customer.value(), pattern).update();
            jdbc.sql("update do_not_contact set reason = regexp_replace(reason, ?, ?, 'gi') where customer_id = ? and reason ~* ?")
                    .params(pattern, ERASED, customer.value(), pattern).update();
        }
    }
}
