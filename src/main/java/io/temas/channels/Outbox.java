package io.temas.channels;

import io.temas.platform.ValuesInsert;
import io.temas.platform.WrittenAtCommit;
import io.temas.shared.ReasonCode;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable outbox: a send is written in the same transaction as the business act that
 * causes it, and the dispatcher delivers it after the commit, with retries.
 */
@Service
public class Outbox {

    /**
     * Where an entry can be: waiting or retrying, accepted by the next hop, given up on, or never sent
     * (stopped by a guard or a withdrawal, or no way to send it: a channel or mailbox that cannot send).
     */
    static final List<String> STATUSES = List.of("pending", "sent", "failed", "dropped");

    /** One outbox entry as admins see it. */
    public record Entry(UUID id, ChannelType channel, String sender, String recipient, String subject, String body,
                        Map<String, String> headers, UUID conversationId, UUID messageId, String status, int attempts,
                        Instant nextAttemptAt, String lastError, String transport, Instant createdAt, Instant sentAt,
                        String reference, String delivery, ReasonCode lastErrorCode) {
    }

    /** How long a receipt that overtook its send is kept waiting for the send's reference. */
    static final java.time.Duration RECEIPTS_KEPT = java.time.Duration.ofDays(2);

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Channels channels;
    private volatile Consumer<ChannelType> dueNow = channel -> { };
    private final WrittenAtCommit<Held> heldSends = new WrittenAtCommit<>(this::insertSends);

    Outbox(JdbcClient jdbc, JsonMapper json, Ids ids, Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions,
           Channels channels) {
        this.transactions = transactions;
        this.channels = channels;
        this.jdbc = jdbc;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Queues a send in the caller's transaction, due now; answers the outbox id. */
    public UUID enqueue(OutboundMessage message) {
        return enqueue(message, null);
    }

    /**
     * Queues a send in the caller's transaction, due not before {@code notBefore} (sends spread
     * over time to keep to a provider's rate; null for now); answers the outbox id.
     */
    public UUID enqueue(OutboundMessage message, Instant notBefore) {
        UUID id = ids.next();
        Instant now = clock.instant();
        jdbc.sql(SENDS.sql()).params(row(id, message, notBefore == null ? now : notBefore, now)).update();
        nudgeWhenRealTime(message, notBefore);
        return id;
    }

    /**
     * Queues a send due now, as {@link #enqueue(OutboundMessage)} does, with the other sends the transaction queues so,
     * in one statement before it commits ({@link #flush}). The outbox's reads here see it: {@link #countTo} counts it,
     * the others flush first.
     */
    public UUID enqueueLater(OutboundMessage message) {
        UUID id = ids.next();
        Held held = new Held(id, message, clock.instant());
        if (!heldSends.hold(held)) {
            insertSends(List.of(held));
        }
        nudgeWhenRealTime(message, null);
        return id;
    }

    /** Writes the sends {@link #enqueueLater} holds for the caller's transaction, now. */
    public void flush() {
        heldSends.flush();
    }

    /** Hands over the statements that write the sends {@link #enqueueLater} holds, for the caller to run now in its transaction. */
    public void flushInto(java.util.function.BiConsumer<String, Object[]> statements) {
        List<Held> sends = heldSends.take();
        if (!sends.isEmpty()) {
            SENDS.statements(rows(sends), statements);
        }
    }

    /** A send held for its transaction's statement, queued at {@code at}. */
    private record Held(UUID id, OutboundMessage message, Instant at) {
    }

    /** Writes held sends, due at once, with as few statements as fit. */
    private void insertSends(List<Held> sends) {
        SENDS.write(jdbc, rows(sends));
    }

    private List<Object[]> rows(List<Held> sends) {
        return sends.stream().map(h -> row(h.id(), h.message(), h.at(), h.at())).toList();
    }

    /** The parameters of {@link #SENDS} for one send. */
    private Object[] row(UUID id, OutboundMessage m, Instant due, Instant now) {
        return new Object[] {id, m.channel().code(), m.sender(), m.recipient(), m.subject(), m.body(),
                json.writeValueAsString(m.headers()), m.conversationId(), m.messageId(), Timestamp.from(due), Timestamp.from(now)};
    }

    private static final ValuesInsert SENDS = new ValuesInsert("""
            insert into outbox (id, channel, sender, recipient, subject, body, headers, conversation_id, message_id,
            status, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 'pending', ?, ?)""");

    private void nudgeWhenRealTime(OutboundMessage message, Instant notBefore) {
        if (notBefore == null && channels.knows(message.channel()) && channels.of(message.channel()).realTime()) {
            // The customer waits on the line: the dispatcher goes as soon as this commits, not at its next round.
            io.temas.platform.AfterCommit.run(() -> dueNow.accept(message.channel()));
        }
    }

    /** What to run when a message on a real-time channel has been queued and committed: the dispatcher's nudge of its lane. */
    void whenDueNow(Consumer<ChannelType> nudge) {
        this.dueNow = nudge;
    }

    /**
     * Withdraws queued messages that have not left yet, in the caller's transaction. Entries the
     * dispatcher is sending at this very moment are skipped rather than waited for (they are
     * already on their way); answers the ids withdrawn.
     */
    public List<UUID> withdraw(List<UUID> outboxIds, String reason) {
        flush();
        if (outboxIds.isEmpty()) {
            return List.of();
        }
        List<Entry> withdrawn = jdbc.sql("""
                        update outbox set status = 'dropped', last_error = ? where id in (
                        select id from outbox where id = any(?) and status = 'pending' for update skip locked) returning *""")
                .params(reason, outboxIds.toArray(UUID[]::new)).query((rs, n) -> entry(rs)).list();
        if (!withdrawn.isEmpty()) {
            events.publishEvent(new OutboundDropped(withdrawn.stream()
                    .map(e -> new OutboxOutcome(e.id(), e.channel(), e.conversationId(), e.messageId(), e.transport(), reason, null)).toList()));
        }
        return withdrawn.stream().map(Entry::id).toList();
    }

    /**
     * Records a provider's delivery receipt ({@code delivered}, {@code read}, {@code failed} with the
     * reason in {@code detail}) for the message it knows as {@code reference}. A receipt never takes
     * the state back ({@link Delivery#rank}): a late "delivered" leaves "read" alone. Answers false
     * when no sent message carries that reference yet.
     * <p>
     * A receipt can overtake the send it is about: the provider answers the send call, then reports
     * it delivered, before the dispatcher has committed the reference. Such a receipt is kept
     * ({@code outbox_receipts}, for {@link #RECEIPTS_KEPT}) and applied when the reference is written
     * ({@link #applyKept}); this method tries once more after keeping it, so whichever of the two
     * commits last applies it.
     */
    public boolean delivered(String transport, String reference, String delivery, String detail) {
        if (Boolean.TRUE.equals(transactions.execute(tx -> apply(transport, reference, delivery, detail)))) {
            return true;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("delete from outbox_receipts where received_at < ?").param(Timestamp.from(now.minus(RECEIPTS_KEPT))).update();
            jdbc.sql("""
                            insert into outbox_receipts (transport, reference, delivery, detail, received_at) values (?, ?, ?, ?, ?)
                            on conflict (transport, reference, delivery) do update set detail = coalesce(excluded.detail, outbox_receipts.detail)""")
                    .params(transport, reference, delivery, detail, Timestamp.from(now)).update();
        });
        return Objects.requireNonNullElse(transactions.execute(tx -> applyKept(List.of(new Reference(transport, reference)))), 0) > 0;
    }

    /** Moves the entry with that reference forward, in the caller's transaction; answers whether such an entry exists. */
    private boolean apply(String transport, String reference, String delivery, String detail) {
        List<Entry> entries = jdbc.sql("""
                        update outbox set delivery = ?, delivered_at = ?, last_error = coalesce(?, last_error)
                        where transport = ? and reference = ? and %s < ? returning *""".formatted(Delivery.rankSql("delivery")))
                .params(delivery, Timestamp.from(clock.instant()), detail, transport, reference, Delivery.rank(delivery))
                .query((rs, n) -> entry(rs)).list();
        entries.forEach(e -> events.publishEvent(new OutboundDelivered(e.id(), e.channel(), e.conversationId(), e.messageId(), delivery, detail)));
        return !entries.isEmpty() || jdbc.sql("select count(*) from outbox where transport = ? and reference = ?")
                .params(transport, reference).query(Integer.class).single() > 0;
    }

    /** A provider's name for a send: the transport and the reference it answered. */
    record Reference(String transport, String reference) {
    }

    /**
     * Applies, in the caller's transaction, the receipts kept for references that an entry now
     * carries (visible to this transaction), each reference's in the order the states happen;
     * answers how many. {@link #delivered} calls it after keeping a receipt and the dispatcher
     * after a batch's references commit, in one statement for the batch; a kept receipt is taken
     * by one caller only.
     */
    int applyKept(List<Reference> references) {
        if (references.isEmpty()) {
            return 0;
        }
        List<String[]> kept = jdbc.sql("""
                        delete from outbox_receipts r using unnest(?::text[], ?::text[]) k(transport, reference)
                        where r.transport = k.transport and r.reference = k.reference
                        and exists (select 1 from outbox o where o.transport = r.transport and o.reference = r.reference)
                        returning r.transport, r.reference, r.delivery, r.detail""")
                .params(references.stream().map(Reference::transport).toArray(String[]::new),
                        references.stream().map(Reference::reference).toArray(String[]::new))
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list();
        kept.stream().sorted(java.util.Comparator.comparingInt((String[] r) -> Delivery.rank(r[2])))
                .forEach(r -> apply(r[0], r[1], r[2], r[3]));
        return kept.size();
    }

    /**
     * Records a receipt for every message sent over {@code transport} to {@code recipient} up to an
     * instant: a read watermark says the customer has seen everything sent until then. Like
     * {@link #delivered}, it only moves a state forward, and never over a failure: a message that
     * failed was not seen. Answers how many messages it marked.
     */
    public int deliveredUpTo(String transport, String recipient, Instant upTo, String delivery) {
        // A transaction of its own, or the caller's: the one method here that needs one, so the outbox is no proxy,
        // whose every call (the pipeline's many) would go through reflection.
        return Objects.requireNonNull(transactions.execute(tx -> markedUpTo(transport, recipient, upTo, delivery)));
    }

    private int markedUpTo(String transport, String recipient, Instant upTo, String delivery) {
        flush();
        List<Entry> entries = jdbc.sql("""
                        update outbox set delivery = ?, delivered_at = ? where lower(recipient) = lower(?) and created_at <= ?
                        and transport = ? and status = 'sent' and sent_at <= ? and %s < ?
                        and coalesce(delivery, 'sent') not in ('failed', 'unsent') returning *""".formatted(Delivery.rankSql("delivery")))
                .params(delivery, Timestamp.from(clock.instant()), recipient, Timestamp.from(upTo), transport, Timestamp.from(upTo),
                        Delivery.rank(delivery))
                .query((rs, n) -> entry(rs)).list();
        entries.forEach(e -> events.publishEvent(new OutboundDelivered(e.id(), e.channel(), e.conversationId(), e.messageId(), delivery, null)));
        return entries.size();
    }

    public java.util.Optional<Entry> find(UUID id) {
        flush();
        return jdbc.sql("select * from outbox where id = ?").param(id).query((rs, n) -> entry(rs)).optional();
    }

    /** How many messages of a kind (the {@code X-Temas-Kind} header) went to a recipient since an instant. */
    public int countTo(String recipient, String kind, Instant since) {
        // Held sends are compared without case as Java folds it; for the ASCII of addresses and numbers, as lower() does.
        String lowered = recipient.toLowerCase(java.util.Locale.ROOT);
        long held = heldSends.held().stream().filter(h -> h.message().recipient() != null
                && h.message().recipient().toLowerCase(java.util.Locale.ROOT).equals(lowered)
                && kind.equals(h.message().headers().get("X-Temas-Kind")) && !h.at().isBefore(since)).count();
        return (int) held + jdbc.sql("""
                        select count(*) from outbox where lower(recipient) = lower(?) and headers ->> 'X-Temas-Kind' = ?
                        and created_at >= ?""")
                .params(recipient, kind, Timestamp.from(since)).query(Integer.class).single();
    }

    public List<Entry> forConversation(UUID conversationId) {
        flush();
        return jdbc.sql("select * from outbox where conversation_id = ? order by created_at").param(conversationId)
                .query((rs, n) -> entry(rs)).list();
    }

    public List<Entry> recent(String status, int limit) {
        flush();
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInput("status", "status is one of " + String.join(", ", STATUSES));
        }
        return jdbc.sql("select * from outbox where (?::text is null or status = ?) order by created_at desc limit ?")
                .params(status, status, limit).query((rs, n) -> entry(rs)).list();
    }

    Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(
                rs.getObject("id", UUID.class),
                ChannelType.of(rs.getString("channel")),
                rs.getString("sender"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                json.readValue(rs.getString("headers"), HEADERS),
                rs.getObject("conversation_id", UUID.class),
                rs.getObject("message_id", UUID.class),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"),
                rs.getString("transport"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
                rs.getString("reference"),
                rs.getString("delivery"),
                ReasonCode.stored(rs.getString("last_error_code"),
                        rs.getArray("last_error_args") == null ? null : (String[]) rs.getArray("last_error_args").getArray()));
    }

    /**
     * The outbox entries about a person, for a KVKK / GDPR export: those of their conversations and those addressed to
     * any of their addresses (as written in {@code recipient}, compared without case).
     */
    public List<Map<String, Object>> about(Collection<UUID> conversationIds, Collection<String> addresses) {
        flush();
        return jdbc.sql("""
                        select id, channel, sender, recipient, subject, body, headers::text as headers, conversation_id, message_id, status,
                        attempts, last_error, delivery, created_at, sent_at, delivered_at from outbox
                        where conversation_id = any(?) or lower(recipient) = any(?) order by created_at, id""")
                .params(conversationIds.toArray(UUID[]::new), lowered(addresses)).query().listOfRows();
    }

    /**
     * Erases a person from the outbox: entries still waiting are dropped, and every entry keeps its channel, status and
     * times (what was sent when, for the send figures) without recipient, subject, body, headers or error text.
     */
    public int forget(Collection<UUID> conversationIds, Collection<String> addresses) {
        flush();
        // Withdrawn as any pending message is, so campaign contacts and delivery tracking hear that it will not leave.
        withdraw(jdbc.sql("""
                        select id from outbox where status = 'pending' and (conversation_id = any(?) or lower(recipient) = any(?))""")
                .params(conversationIds.toArray(UUID[]::new), lowered(addresses)).query(UUID.class).list(), "erased");
        return jdbc.sql("""
                        update outbox set recipient = '', subject = null, body = '', headers = '{}', last_error = null, last_error_args = null,
                        status = case when status = 'pending' then 'dropped' else status end
                        where conversation_id = any(?) or lower(recipient) = any(?)""")
                .params(conversationIds.toArray(UUID[]::new), lowered(addresses)).update();
    }

    private static String[] lowered(Collection<String> addresses) {
        return addresses.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).distinct().toArray(String[]::new);
    }
}
