package io.temas.events;

import io.temas.customers.AddressForms;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerOwnedRecords;
import io.temas.customers.PersonalData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's events from other systems: a merge moves them to the surviving customer and its undo moves exactly
 * those back; a subject-access export lists them. An erasure empties their attributes (where a branch, an amount,
 * an address may be) and keeps type, time and source id, so a sending system that delivers the same event again finds
 * it taken instead of creating the person anew; refused lines that carry one of the person's identifiers are deleted.
 */
@Component
class EventRecords implements CustomerOwnedRecords, PersonalData {

    private final JdbcClient jdbc;
    private final tools.jackson.databind.json.JsonMapper json;
    private final io.temas.customers.Customers customers;

    // Not CustomerEvents: merges need this before the identity resolver exists, and CustomerEvents needs the resolver.
    EventRecords(JdbcClient jdbc, tools.jackson.databind.json.JsonMapper json, io.temas.customers.Customers customers) {
        this.jdbc = jdbc;
        this.json = json;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "customer-events";
    }

    @Override
    public List<UUID> reassign(CustomerId from, CustomerId to) {
        return jdbc.sql("update customer_events set customer_id = ? where customer_id = ? returning id")
                .params(to.value(), from.value()).query(UUID.class).list();
    }

    @Override
    public void restore(List<UUID> ids, CustomerId owner) {
        if (!ids.isEmpty()) {
            jdbc.sql("update customer_events set customer_id = ? where id = any(?)")
                    .params(owner.value(), ids.toArray(UUID[]::new)).update();
        }
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        return jdbc.sql("select * from customer_events where customer_id = ? order by occurred_at, id")
                .param(customer.value())
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getObject("id", UUID.class).toString());
                    row.put("type", rs.getString("type"));
                    row.put("at", rs.getTimestamp("occurred_at").toInstant().toString());
                    row.put("sourceId", rs.getString("source_id"));
                    row.put("attributes", json.readValue(rs.getString("attributes"), Map.class));
                    row.put("receivedAt", rs.getTimestamp("received_at").toInstant().toString());
                    return row;
                })
                .list();
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("update customer_events set attributes = '{}' where customer_id = ?").param(customer.value()).update();
        String[] identifiers = customers.addressForms(customer).stream()
                .map(v -> v.toLowerCase(java.util.Locale.ROOT)).distinct().toArray(String[]::new);
        if (identifiers.length > 0) {
            // A text names the person when it holds one of their addresses whole: ali@x.com does not name mali@x.com.
            String[] whole = Arrays.stream(identifiers).map(AddressForms::wholePattern).toArray(String[]::new);
            String forms = "with f(v, p) as (select * from unnest(?::text[], ?::text[])) ";
            String names = "exists (select 1 from f where strpos(lower(%1$s), f.v) > 0 and lower(%1$s) ~ f.p)";
            jdbc.sql(forms + "delete from customer_event_refusals where " + names.formatted("raw"))
                    .params(identifiers, whole).update();
            // A job not yet done still holds its lines: those naming the person become blank lines, which a job skips.
            jdbc.sql(forms + """
                            update customer_event_import_chunks c set lines = (
                                select array_agg(case when %s then '' else l end order by n)
                                from unnest(c.lines) with ordinality as t(l, n))
                            where exists (select 1 from unnest(c.lines) l where %s)""".formatted(names.formatted("l"), names.formatted("l")))
                    .params(identifiers, whole).update();
            // A stopped job's failure is an error's own text, which may quote a value of the person's.
            jdbc.sql(forms + "update customer_event_imports set failure = 'failed' where " + names.formatted("failure"))
                    .params(identifiers, whole).update();
        }
    }
}
