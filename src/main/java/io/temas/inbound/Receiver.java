package io.temas.inbound;

import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.Receipt;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Receive: stores the raw payload first and recognises retries. The receipt row is unique per
 * (channel, external id); a concurrent duplicate waits for the first to commit and then sees
 * its result.
 */
@Component
class Receiver {

    private final JdbcClient jdbc;
    private final Ids ids;

    Receiver(JdbcClient jdbc, Ids ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** The new receipt's id, or the earlier result when this external id was seen before. */
    sealed interface Outcome {
        record Fresh(UUID receiptId) implements Outcome {
        }

        record Seen(Receipt earlier) implements Outcome {
        }
    }

    Outcome store(InboundMessage message) {
        UUID id = ids.next();
        int inserted = jdbc.sql("""
                        insert into inbound_receipts (id, channel, external_id, entry_point, content_type, payload, received_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict (channel, external_id) do nothing""")
                .params(id, message.channel().code(), message.externalId(), message.entryPoint(), message.raw().contentType(),
                        message.raw().bytes(), Timestamp.from(message.receivedAt()))
                .update();
        if (inserted == 1) {
            return new Outcome.Fresh(id);
        }
        Optional<Receipt> earlier = jdbc.sql("""
                        select message_id, conversation_id, customer_id from inbound_receipts where channel = ? and external_id = ?""")
                .params(message.channel().code(), message.externalId())
                .query((rs, n) -> new Receipt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), true))
                .optional();
        return new Outcome.Seen(earlier.orElseThrow());
    }

    /**
     * Stores the receipts of a transaction's messages in one statement, as {@link #store} would one by one, the statement
     * that takes the transaction's identifier locks and creates its newcomers' customers ({@link IdentityResolver.WithLocks})
     * and selects {@code alongside} (a select list run for its effect, the transaction's settings; null: none): the new
     * receipts' ids by message. A message missing from the answer was seen before, repeats one earlier in the
     * transaction, or did not fit; {@link #store} then tells which, with the earlier result, or stores it alone.
     *
     * <p>The locks are taken before any receipt is written: each receipt's row joins their count. They are taken when no
     * receipt is written too: the statement's answer reads their count. The rows are written in the order of their keys,
     * so two transactions sharing a key wait for each other rather than deadlock. Raw payloads go together only up to
     * {@link #TOGETHER_BYTES} in all ({@link #together}): a batch of large e-mails is not sent as one statement of hundreds
     * of megabytes.
     */
    Map<InboundMessage, UUID> storeAll(List<InboundMessage> all, IdentityResolver.Locks locks, String alongside) {
        List<InboundMessage> batch = together(all, TOGETHER_BYTES);
        int size = batch.size();
        UUID[] id = new UUID[size];
        String[] channel = new String[size];
        String[] externalId = new String[size];
        String[] entryPoint = new String[size];
        String[] contentType = new String[size];
        byte[][] payload = new byte[size][];
        Timestamp[] receivedAt = new Timestamp[size];
        Map<UUID, InboundMessage> byId = new HashMap<>();
        for (int i = 0; i < size; i++) {
            InboundMessage message = batch.get(i);
            id[i] = ids.next();
            channel[i] = message.channel().code();
            externalId[i] = message.externalId();
            entryPoint[i] = message.entryPoint();
            contentType[i] = message.raw().contentType();
            payload[i] = message.raw().bytes();
            receivedAt[i] = Timestamp.from(message.receivedAt());
            byId.put(id[i], message);
        }
        List<Object> params = new ArrayList<>(List.of(locks.params()));
        params.addAll(List.of(id, channel, externalId, entryPoint, contentType, payload, receivedAt));
        params.addAll(List.of(locks.afterParams()));
        String columns = locks.columns();
        UUID[] stored = jdbc.sql("with " + locks.with() + ", r as (" + """
                        insert into inbound_receipts (id, channel, external_id, entry_point, content_type, payload, received_at)
                        select t.id, t.channel, t.external_id, t.entry_point, t.content_type, t.payload, t.received_at
                        from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::timestamptz[])
                             with ordinality as t(id, channel, external_id, entry_point, content_type, payload, received_at, n)
                             join l on l.taken >= 0
                        order by t.channel, t.external_id, t.n
                        on conflict (channel, external_id) do nothing returning id, channel, external_id)""" + locks.after() + " select "
                        + (alongside == null ? "" : alongside + ", ") + (columns.isEmpty() ? "" : columns + ", ")
                        + "(select taken from l), array(select id from r)")
                .params(params)
                .query((rs, n) -> {
                    locks.read(rs);
                    return (UUID[]) rs.getArray(rs.getMetaData().getColumnCount()).getArray();
                })
                .single();
        Map<InboundMessage, UUID> fresh = new IdentityHashMap<>();
        for (UUID receipt : stored) {
            fresh.put(byId.get(receipt), receipt);
        }
        return fresh;
    }

    /** The raw bytes the receipts stored by one statement may hold together. */
    static final long TOGETHER_BYTES = 4L << 20;

    /** The messages, in order, whose payloads fit in {@code maxBytes} together; each of the others is stored alone. */
    static List<InboundMessage> together(List<InboundMessage> batch, long maxBytes) {
        List<InboundMessage> fit = new ArrayList<>(batch.size());
        long bytes = 0;
        for (InboundMessage message : batch) {
            byte[] raw = message.raw().bytes();
            int length = raw == null ? 0 : raw.length;
            if (bytes + length <= maxBytes) {
                bytes += length;
                fit.add(message);
            }
        }
        return fit;
    }

    /** Whether a message with this external id was taken on the channel (committed; a failed attempt leaves no receipt). */
    boolean seen(String channel, String externalId) {
        return jdbc.sql("select exists (select 1 from inbound_receipts where channel = ? and external_id = ? and message_id is not null)")
                .params(channel, externalId).query(Boolean.class).single();
    }

    /** Stores a delivery status notification's raw bytes; false when it was seen before. */
    boolean store(InboundBounce bounce) {
        return jdbc.sql("""
                        insert into inbound_receipts (id, channel, external_id, entry_point, content_type, payload, received_at)
                        values (?, ?, ?, 'bounce', ?, ?, ?) on conflict (channel, external_id) do nothing""")
                .params(ids.next(), bounce.channel().code(), bounce.externalId(), bounce.raw().contentType(), bounce.raw().bytes(),
                        Timestamp.from(bounce.receivedAt()))
                .update() == 1;
    }

    /** Hands over the statement that completes the receipts of a batch of messages, whatever their number, for the caller to run. */
    void completionInto(Map<UUID, Receipt> receipts, java.util.function.BiConsumer<String, Object[]> statement) {
        if (receipts.isEmpty()) {
            return;
        }
        UUID[] id = receipts.keySet().toArray(UUID[]::new);
        UUID[] message = new UUID[id.length];
        UUID[] conversation = new UUID[id.length];
        UUID[] customer = new UUID[id.length];
        for (int i = 0; i < id.length; i++) {
            Receipt receipt = receipts.get(id[i]);
            message[i] = receipt.messageId();
            conversation[i] = receipt.conversationId();
            customer[i] = receipt.customerId();
        }
        statement.accept("""
                        update inbound_receipts r set message_id = t.message_id, conversation_id = t.conversation_id, customer_id = t.customer_id
                        from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[]) as t(id, message_id, conversation_id, customer_id)
                        where r.id = t.id""", new Object[] {id, message, conversation, customer});
    }

}
