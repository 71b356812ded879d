package io.temas.customers;

import io.temas.shared.Ids;
import io.temas.shared.ReasonCode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The customer's timeline: every contact and every step taken with it, newest first. */
@Service
public class CustomerTimeline {

    /**
     * An entry to record; the timeline gives it an id. {@code summary} is the English sentence kept
     * for the audit trail and the API; {@code detail}, when given, is the same sentence as a bundle
     * key with arguments, which the console shows in the reader's language.
     */
    public record Entry(Instant occurredAt, String kind, String channel, String summary, UUID conversationId, UUID messageId,
                        ReasonCode detail) {

        public Entry(Instant occurredAt, String kind, String channel, String summary, UUID conversationId, UUID messageId) {
            this(occurredAt, kind, channel, summary, conversationId, messageId, null);
        }
    }

    private final JdbcClient jdbc;
    private final Ids ids;

    CustomerTimeline(JdbcClient jdbc, Ids ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** Appends entries in one statement; they join the caller's transaction. */
    public void record(CustomerId customer, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                insert into timeline_entries (id, customer_id, occurred_at, kind, channel, summary, conversation_id, message_id, detail_key, detail_args) values """);
        Object[] params = new Object[entries.size() * 10];
        int p = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params[p++] = ids.next();
            params[p++] = customer.value();
            params[p++] = Timestamp.from(e.occurredAt());
            params[p++] = e.kind();
            params[p++] = e.channel();
            params[p++] = e.summary();
            params[p++] = e.conversationId();
            params[p++] = e.messageId();
            params[p++] = e.detail() == null ? null : e.detail().key();
            params[p++] = e.detail() == null ? null : e.detail().storedArgs();
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** An entry and whose timeline it goes on, for {@link #recordAll}. */
    public record Owned(CustomerId customer, Entry entry) {
    }

    /**
     * Appends entries of many customers in one statement (arrays unnested, so the statement is the same however many
     * there are); they join the caller's transaction. For callers that record thousands at once (imports).
     */
    public void recordAll(List<Owned> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        UUID[] id = new UUID[n];
        UUID[] customer = new UUID[n];
        String[] at = new String[n];
        String[] kind = new String[n];
        String[] channel = new String[n];
        String[] summary = new String[n];
        UUID[] conversation = new UUID[n];
        UUID[] message = new UUID[n];
        String[] key = new String[n];
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i).entry();
            id[i] = ids.next();
            customer[i] = entries.get(i).customer().value();
            at[i] = e.occurredAt().toString();
            kind[i] = e.kind();
            channel[i] = e.channel();
            summary[i] = e.summary();
            conversation[i] = e.conversationId();
            message[i] = e.messageId();
            key[i] = e.detail() == null ? null : e.detail().key();
            // Arguments travel joined by a record separator, a control character no stored text carries.
            args[i] = e.detail() == null ? null : String.join("\u001E", e.detail().storedArgs());
        }
        jdbc.sql("""
                        insert into timeline_entries (id, customer_id, occurred_at, kind, channel, summary, conversation_id, message_id, detail_key, detail_args)
                        select id, customer_id, occurred_at::timestamptz, kind, channel, summary, conversation_id, message_id, detail_key,
                               case when detail_key is null then null else string_to_array(detail_args, chr(30)) end
                        from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
                             as e(id, customer_id, occurred_at, kind, channel, summary, conversation_id, message_id, detail_key, detail_args)""")
                .params(id, customer, at, kind, channel, summary, conversation, message, key, args)
                .update();
    }

    public List<TimelineEntry> recent(CustomerId customer, int limit) {
        return jdbc.sql("select * from timeline_entries where customer_id = ? order by occurred_at desc, id desc limit ?")
                .params(customer.value(), limit)
                .query((rs, n) -> new TimelineEntry(
                        rs.getObject("id", UUID.class),
                        new CustomerId(rs.getObject("customer_id", UUID.class)),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("kind"),
                        rs.getString("channel"),
                        rs.getString("summary"),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getObject("message_id", UUID.class),
                        ReasonCode.stored(rs.getString("detail_key"), detailArgs(rs.getArray("detail_args")))))
                .list();
    }

    private static String[] detailArgs(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? null : (String[]) array.getArray();
    }

    List<UUID> reassign(CustomerId from, CustomerId to) {
        return jdbc.sql("update timeline_entries set customer_id = ? where customer_id = ? returning id")
                .params(to.value(), from.value()).query(UUID.class).list();
    }

    void restore(List<UUID> entryIds, CustomerId owner) {
        if (!entryIds.isEmpty()) {
            jdbc.sql("update timeline_entries set customer_id = ? where id = any(?)")
                    .params(owner.value(), entryIds.toArray(UUID[]::new)).update();
        }
    }
}
