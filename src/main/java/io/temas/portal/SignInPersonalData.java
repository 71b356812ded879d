package io.temas.portal;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.customers.PersonalData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the help centre's sign-in keeps about a person: the codes asked for their addresses (the
 * address, when, whether used; never the code) and their sessions (when they began and were last
 * used). A code asked for an address of theirs before it was theirs counts too: it names the
 * address. Erasure deletes both; nothing in them is a figure anybody needs.
 */
@Component
class SignInPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;

    SignInPersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "portal-sign-in";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.sql("""
                        select address, channel, created_at, expires_at, attempts, used_at from portal_codes
                        where customer_id = ? or address = any(?) order by created_at""")
                .params(customer.value(), addresses(customer))
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("record", "sign-in-code");
                    row.put("address", rs.getString("address"));
                    row.put("channel", rs.getString("channel"));
                    row.put("askedAt", rs.getTimestamp("created_at").toInstant().toString());
                    row.put("expiresAt", rs.getTimestamp("expires_at").toInstant().toString());
                    row.put("wrongAttempts", rs.getInt("attempts"));
                    row.put("usedAt", rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant().toString());
                    return rows.add(row);
                }).list();
        jdbc.sql("select address, created_at, last_seen_at from portal_sessions where customer_id = ? order by created_at")
                .param(customer.value())
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("record", "session");
                    row.put("address", rs.getString("address"));
                    row.put("signedInAt", rs.getTimestamp("created_at").toInstant().toString());
                    row.put("lastSeenAt", rs.getTimestamp("last_seen_at").toInstant().toString());
                    return rows.add(row);
                }).list();
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        String[] addresses = addresses(customer);
        jdbc.sql("delete from portal_codes where customer_id = ? or address = any(?)").params(customer.value(), addresses).update();
        jdbc.sql("delete from portal_sessions where customer_id = ? or address = any(?)").params(customer.value(), addresses).update();
    }

    private String[] addresses(CustomerId customer) {
        return customers.identities(customer).stream().map(Identity::value).toArray(String[]::new);
    }
}
