package io.temas.conversations;

import io.temas.customers.AddressForms;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import io.temas.platform.AfterCommit;
import io.temas.platform.FileStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's conversations, their messages (both directions: an agent's reply quotes the person and names them) and
 * attachments. Erasure keeps each conversation and message row with its channel, status, queue, agent and times, which
 * the SLA figures and reports count, and removes subjects, bodies, addresses and attachments; an attachment's file is
 * deleted once the transaction commits and no other message refers to the same bytes (files are stored once per content).
 */
@Component
class ConversationPersonalData implements PersonalData {

    private static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final FileStore files;

    ConversationPersonalData(JdbcClient jdbc, Customers customers, FileStore files) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.files = files;
    }

    @Override
    public String kind() {
        return "conversations";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'conversation' as record, id, reference, channel, entry_point, subject, status, priority, campaign, medium,
                        language, tags, complaint_category, created_at, first_responded_at, resolved_at, last_message_at
                        from conversations where customer_id = ? order by created_at, id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'message' as record, m.id, m.conversation_id, m.direction, m.kind, m.channel, m.sender, m.recipient,
                        m.subject, m.text, m.html, m.language, m.author, m.delivery, m.occurred_at
                        from messages m join conversations c on c.id = m.conversation_id where c.customer_id = ?
                        order by m.created_at, m.id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'attachment' as record, a.id, a.message_id, a.filename, a.content_type, a.size, a.sha256
                        from attachments a join messages m on m.id = a.message_id join conversations c on c.id = m.conversation_id
                        where c.customer_id = ? order by a.id""")
                .param(customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public List<PersonalFile> files(CustomerId customer) {
        return jdbc.sql("""
                        select a.id, a.filename, a.content_type, a.sha256
                        from attachments a join messages m on m.id = a.message_id join conversations c on c.id = m.conversation_id
                        where c.customer_id = ? order by a.id""")
                .param(customer.value())
                .query((rs, n) -> {
                    String sha = rs.getString("sha256");
                    return new PersonalFile("attachments/" + rs.getObject("id", UUID.class) + "-" + safe(rs.getString("filename")),
                            rs.getString("content_type"), () -> files.get(sha).orElse(new byte[0]));
                })
                .list();
    }

    @Override
    public void erase(CustomerId customer) {
        List<String> shas = jdbc.sql("""
                        delete from attachments a using messages m, conversations c
                        where a.message_id = m.id and m.conversation_id = c.id and c.customer_id = ? returning a.sha256""")
                .param(customer.value()).query(String.class).list();
        jdbc.sql("""
                        update messages m set sender = null, recipient = null, subject = null, text = null, html = null,
                        header_id = null, delivery_error = null, delivery_error_args = null,
                        author = case when m.direction = 'inbound' then null else m.author end
                        from conversations c where c.id = m.conversation_id and c.customer_id = ?""")
                .param(customer.value()).update();
        jdbc.sql("update conversations set subject = null where customer_id = ?").param(customer.value()).update();
        for (String form : customers.addressForms(customer)) {
            String pattern = AddressForms.pattern(form);
            jdbc.sql("""
                            update messages m set external_id = regexp_replace(m.external_id, ?, ?, 'gi') from conversations c
                            where c.id = m.conversation_id and c.customer_id = ? and m.external_id ~* ?""")
                    .params(pattern, ERASED, customer.value(), pattern).update();
            jdbc.sql("update conversations set routing_reason = regexp_replace(routing_reason, ?, ?, 'gi') where customer_id = ? and routing_reason ~* ?")
                    .params(pattern, ERASED, customer.value(), pattern).update();
        }
        if (!shas.isEmpty()) {
            List<String> distinct = shas.stream().distinct().toList();
            AfterCommit.run(() -> distinct.forEach(this::deleteUnlessShared));
        }
    }

    private void deleteUnlessShared(String sha) {
        boolean shared = jdbc.sql("select exists (select 1 from attachments where sha256 = ?)").param(sha).query(Boolean.class).single();
        if (!shared) {
            files.delete(sha);
        }
    }

    /** A file name safe inside a zip on any system: no directories, no control characters, not too long. */
    static String safe(String filename) {
        String name = filename == null ? "attachment" : filename.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "attachment";
        }
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }
}
