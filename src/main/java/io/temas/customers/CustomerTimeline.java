package io.temas.customers;

import io.temas.shared.Ids;
import io.temas.shared.ReasonCode;
import io.temas.shared.ReasonSlices;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    /** Newest first; among entries of one moment, the greater id first, as the table's own order is. */
    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::occurredAt)
            .thenComparing(TimelineEntry::id).reversed();

    /** Entries of one customer, held to be written with other customers' in one statement ({@link #recordLater}). */
    private record Entries(CustomerId customer, List<Entry> entries) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final ObjectProvider<TimelineSource> sources;

    CustomerTimeline(JdbcClient jdbc, Ids ids, ObjectProvider<TimelineSource> sources) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.sources = sources;
    }

    /**
     * Appends entries at the end of the caller's transaction, together with every other entry recorded so in it: one
     * statement for a whole batch of the pipeline instead of one per message. Whatever reads or moves timeline entries here
     * within the transaction writes them first, so nobody sees the difference. Outside a transaction they are written at
     * once.
     */
    public void recordLater(CustomerId customer, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            record(customer, entries);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Entries> pending = (List<Entries>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Entries> fresh = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                // A transaction started inside this one (REQUIRES_NEW) holds its own entries; these come back after it.
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CustomerTimeline.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(CustomerTimeline.this, fresh);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    // Named in full: a bare flush() here is the synchronization's own, which does nothing.
                    CustomerTimeline.this.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CustomerTimeline.this);
                }
            });
            pending = fresh;
        }
        pending.add(new Entries(customer, entries));
    }

    /** Writes what {@link #recordLater} holds for the caller's transaction now. */
    public void flush() {
        flushInto((sql, params) -> jdbc.sql(sql).params(params).update());
    }

    /** Hands over the statement that writes what {@link #recordLater} holds, for the caller to run now in its transaction. */
    public void flushInto(BiConsumer<String, Object[]> statement) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Entries> pending = (List<Entries>) TransactionSynchronizationManager.getResource(this);
        if (pending != null && !pending.isEmpty()) {
            List<Entries> batch = List.copyOf(pending);
            pending.clear();
            recordAll(batch, statement);
        }
    }

    /**
     * The statement appending the entries of several customers, the same one whatever their number, in the order given.
     */
    private void recordAll(List<Entries> batch, BiConsumer<String, Object[]> statement) {
        int size = batch.stream().mapToInt(e -> e.entries().size()).sum();
        if (size == 0) {
            return;
        }
        UUID[] id = new UUID[size];
        UUID[] customer = new UUID[size];
        String[] occurredAt = new String[size];
        String[] kind = new String[size];
        String[] channel = new String[size];
        String[] summary = new String[size];
        UUID[] conversation = new UUID[size];
        UUID[] message = new UUID[size];
        List<io.temas.shared.ReasonCode> details = new ArrayList<>(size);
        int i = 0;
        for (Entries entries : batch) {
            for (Entry e : entries.entries()) {
                id[i] = ids.next();
                customer[i] = entries.customer().value();
                occurredAt[i] = e.occurredAt().toString();
                kind[i] = e.kind();
                channel[i] = e.channel();
                summary[i] = e.summary();
                conversation[i] = e.conversationId();
                message[i] = e.messageId();
                details.add(e.detail());
                i++;
            }
        }
        ReasonSlices detail = ReasonSlices.of(details);
        statement.accept("""
                        insert into timeline_entries (id, customer_id, occurred_at, kind, channel, summary, conversation_id, message_id,
                        detail_key, detail_args)
                        select t.id, t.customer_id, t.occurred_at, t.kind, t.channel, t.summary, t.conversation_id, t.message_id,
                        t.detail_key, %s
                        from unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::uuid[],
                        ?::text[], ?::int[], ?::int[])
                        as t(id, customer_id, occurred_at, kind, channel, summary, conversation_id, message_id, detail_key, args_from,
                        args_count),
                        (select ?::text[] as args) a""".formatted(ReasonSlices.argsSql("a.args", "t.args_from", "t.args_count")),
                new Object[] {id, customer, occurredAt, kind, channel, summary, conversation, message, detail.keys(), detail.from(),
                        detail.count(), detail.args()});
    }

    /** Appends entries in one statement; they join the caller's transaction. */
    public void record(CustomerId customer, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        flush();
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

    /** The customer's newest entries, this table's and every {@link TimelineSource}'s, newest first. */
    public List<TimelineEntry> recent(CustomerId customer, int limit) {
        List<TimelineEntry> entries = new ArrayList<>(own(customer, limit));
        sources.orderedStream().forEach(source -> entries.addAll(source.recent(customer, limit)));
        entries.sort(NEWEST_FIRST);
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    private List<TimelineEntry> own(CustomerId customer, int limit) {
        flush();
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
        flush();
        return jdbc.sql("update timeline_entries set customer_id = ? where customer_id = ? returning id")
                .params(to.value(), from.value()).query(UUID.class).list();
    }

    void restore(List<UUID> entryIds, CustomerId owner) {
        flush();
        if (!entryIds.isEmpty()) {
            jdbc.sql("update timeline_entries set customer_id = ? where id = any(?)")
                    .params(owner.value(), entryIds.toArray(UUID[]::new)).update();
        }
    }
}
