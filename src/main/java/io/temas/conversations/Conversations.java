package io.temas.conversations;

import io.temas.channels.Delivery;
import io.temas.channels.OutboxOutcome;
import io.temas.platform.ValuesInsert;
import io.temas.platform.WrittenAtCommit;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.PageCursor;
import io.temas.shared.Priority;
import io.temas.shared.ReasonCode;
import io.temas.shared.ReasonSlices;
import io.temas.shared.RefusedByRule;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversations and their messages: opening, threading lookups, adding messages, routing and
 * assignment state, status, priority, tags and SLA marks. Writes join the caller's transaction.
 * What routing reads about queues and agents' load is {@link Workload}; merging is
 * {@link ConversationMerges}.
 */
@Component
public class Conversations {

    /** Filters for listing; null fields do not filter. */
    public record Filter(UUID customerId, UUID queueId, ConversationStatus status, UUID assigneeId, Boolean unassigned) {
    }

    /** A page of conversations, newest activity first; {@code next} continues after the last one. */
    public record Page(List<Conversation> items, String next) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final WrittenAtCommit<Object[]> heldMessages = new WrittenAtCommit<>(this::insertMessages);

    Conversations(JdbcClient jdbc, Ids ids, Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Runs work in the caller's transaction, or in one of its own when there is none: what {@code @Transactional} would
     * do, without making this class a proxy through which every call (the pipeline's many) goes by reflection.
     */
    private <T> T transactional(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    public Conversation open(NewConversation c) {
        return open(c, null, Opening.NONE);
    }

    /**
     * Where routing put a conversation and when its SLA falls due, decided before it is opened: see
     * {@link #open(NewConversation, Routed, Opening)}.
     */
    public record Routed(UUID queueId, List<String> skills, Priority priority, String rule, String reason,
                         io.temas.shared.ReasonCode why, Instant firstResponseDue, Instant resolutionDue) {
    }

    /**
     * What is decided about a new conversation before it is stored: the agent who has it (null while it waits) and since
     * when, and the acknowledgement queued for it and the time it promised (both null without one).
     */
    public record Opening(UUID assigneeId, Instant assignedAt, Instant ackAt, Instant promisedBy) {

        public static final Opening NONE = new Opening(null, null, null, null);
    }

    /**
     * Opens a conversation routed, scheduled, assigned and acknowledged as decided before it was stored, in one insert; the
     * same row and events as {@link #open(NewConversation)}, {@link #route}, an update of its SLA due times, {@link #claim}ing
     * it and recording the acknowledgement ({@link #acknowledged}) one after the other, without writing the new row, and each
     * of its indexes, again for each.
     */
    public Conversation open(NewConversation c, Routed routed, Opening opening) {
        UUID id = ids.next();
        Conversation conversation = jdbc.sql(INSERT_CONVERSATION + " returning *")
                .params(conversationRow(id, c, routed, opening))
                .query(Conversations::conversation).single();
        opened(conversation, c, routed, opening);
        return conversation;
    }

    /** A conversation and the message that opened it, stored together ({@link #open(NewConversation, Routed, Opening, NewMessage)}). */
    public record Started(Conversation conversation, UUID messageId) {
    }

    /**
     * Opens a conversation as {@link #open(NewConversation, Routed, Opening)} does and adds the inbound message that opened it,
     * in one statement instead of two: the same rows as opening it and then adding the message. The conversation already
     * says it is open with the message's time, so adding it changes nothing else, and no change notice follows the opening's
     * events: whoever refreshes on a change refreshes on the opening ({@link ConversationChanged}).
     *
     * @param first the opening message; its {@link NewMessage#conversationId()} is null, the new conversation's id is used
     */
    public Started open(NewConversation c, Routed routed, Opening opening, NewMessage first) {
        if (first.conversationId() != null || first.direction() != Message.Direction.INBOUND) {
            throw new IllegalArgumentException("an opening message is inbound and names no conversation yet");
        }
        UUID id = ids.next();
        UUID messageId = ids.next();
        Object[] conversation = conversationRow(id, c, routed, opening);
        Object[] message = messageRow(messageId, first, id);
        Object[] params = Arrays.copyOf(conversation, conversation.length + message.length);
        System.arraycopy(message, 0, params, conversation.length, message.length);
        Conversation stored = jdbc.sql("with c as (" + INSERT_CONVERSATION + " returning *), m as (" + INSERT_MESSAGE
                        + ") select * from c")
                .params(params)
                .query(Conversations::conversation).single();
        opened(stored, c, routed, opening);
        return new Started(stored, messageId);
    }

    private static final String INSERT_CONVERSATION = """
            insert into conversations (id, reference, customer_id, channel, entry_point, subject, status, priority,
            customer_was_new, chat_session, language, campaign, medium, created_at, last_message_at,
            queue_id, required_skills, routing_rule, routing_reason, routing_reason_key, routing_reason_args,
            first_response_due, resolution_due, assignee_id, assigned_at, last_ack_at, promised_by)
            values (?, 'T-' || nextval('conversation_reference_seq'), ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?,
            ?, coalesce(?, '{}'::text[]), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_MESSAGE = """
            insert into messages (id, conversation_id, direction, kind, channel, external_id, header_id, sender, recipient,
            subject, text, html, language, author, delivery, occurred_at, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static Object[] conversationRow(UUID id, NewConversation c, Routed routed, Opening opening) {
        return new Object[]{id, c.customerId(), c.channel().code(), c.entryPoint(), c.subject(),
                routed == null ? Priority.NORMAL.code() : routed.priority().code(), c.customerWasNew(), c.chatSession(),
                c.language() == null ? null : c.language().code(), c.campaign(), c.medium(),
                Timestamp.from(c.at()), Timestamp.from(c.at()),
                routed == null ? null : routed.queueId(), routed == null ? null : routed.skills().toArray(String[]::new),
                routed == null ? null : routed.rule(), routed == null ? null : routed.reason(),
                routed == null || routed.why() == null ? null : routed.why().key(),
                routed == null || routed.why() == null ? null : routed.why().storedArgs(),
                routed == null ? null : ts(routed.firstResponseDue()), routed == null ? null : ts(routed.resolutionDue()),
                opening.assigneeId(), opening.assigneeId() == null ? null : ts(opening.assignedAt()), ts(opening.ackAt()),
                ts(opening.promisedBy())};
    }

    private Object[] messageRow(UUID id, NewMessage m, UUID conversationId) {
        boolean outbound = m.direction() == Message.Direction.OUTBOUND;
        return new Object[]{id, conversationId, m.direction().code(), m.kind(), m.channel().code(), m.externalId(), m.headerId(),
                m.sender(), m.recipient(), m.subject(), m.text(), m.html(), m.language(), m.author(),
                outbound && !"note".equals(m.kind()) ? "queued" : null, Timestamp.from(m.occurredAt()), Timestamp.from(clock.instant())};
    }

    private void opened(Conversation conversation, NewConversation c, Routed routed, Opening opening) {
        UUID id = conversation.id();
        events.publishEvent(new ConversationOpened(id, c.customerId(), c.channel(), conversation.reference()));
        if (routed != null) {
            events.publishEvent(new ConversationRouted(id, routed.queueId(), routed.rule(), routed.reason(), c.channel(), true));
        }
        if (opening.assigneeId() != null) {
            events.publishEvent(new ConversationAssigned(id, opening.assigneeId(), conversation.queueId(), c.channel(), true));
        }
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("select * from conversations where id = ?").param(id).query(Conversations::conversation).optional();
    }

    public Conversation get(UUID id) {
        return find(id).orElseThrow(() -> new ConversationNotFound(id));
    }

    public Optional<Conversation> findByReference(String reference) {
        return jdbc.sql("select * from conversations where reference = ?").param(reference).query(Conversations::conversation).optional();
    }

    /** The conversation of the newest message carrying one of these header ids. */
    public Optional<Conversation> findByHeaderIds(Collection<String> headerIds) {
        if (headerIds.isEmpty()) {
            return Optional.empty();
        }
        flush();
        return jdbc.sql("""
                        select c.* from messages m join conversations c on c.id = m.conversation_id
                        where m.header_id = any(?) order by m.created_at desc limit 1""")
                .param(headerIds.toArray(String[]::new)).query(Conversations::conversation).optional();
    }

    public Optional<Conversation> findByChatSession(String session) {
        return jdbc.sql("select * from conversations where chat_session = ? order by created_at desc limit 1")
                .param(session).query(Conversations::conversation).optional();
    }

    /** The customer's newest open or pending conversation on the channel with a message since {@code since}. */
    public Optional<Conversation> findRecentActive(UUID customerId, ChannelType channel, Instant since) {
        return jdbc.sql("""
                        select * from conversations where customer_id = ? and channel = ? and status in ('open', 'pending')
                        and last_message_at >= ? order by last_message_at desc limit 1""")
                .params(customerId, channel.code(), Timestamp.from(since)).query(Conversations::conversation).optional();
    }

    /**
     * Adds a message. An inbound message reopens a conversation that waited on the customer or
     * was resolved; an agent's outbound message counts as the first response.
     */
    public UUID add(NewMessage m) {
        UUID id = ids.next();
        Object[] row = messageRow(id, m, m.conversationId());
        // The conversation's change rides in the message's statement: one round trip, not two.
        String change = m.direction() == Message.Direction.INBOUND ? """
                update conversations set last_message_at = greatest(last_message_at, ?),
                status = case when status in ('pending', 'resolved') then 'open' else status end,
                resolved_at = case when status = 'resolved' then null else resolved_at end
                where id = ?"""
                : "message".equals(m.kind()) ? "update conversations set first_responded_at = coalesce(first_responded_at, ?) where id = ?"
                : null;
        if (change == null) {
            jdbc.sql(INSERT_MESSAGE).params(row).update();
        } else {
            Object[] params = Arrays.copyOf(row, row.length + 2);
            params[row.length] = Timestamp.from(m.occurredAt());
            params[row.length + 1] = m.conversationId();
            jdbc.sql("with m as (" + INSERT_MESSAGE + ") " + change).params(params).update();
        }
        events.publishEvent(new ConversationChanged(m.conversationId(), "message"));
        return id;
    }

    /**
     * Adds a message that changes nothing in its conversation (an automatic reply: an acknowledgement, a notice) with the
     * other messages the transaction adds so, in one statement before it commits ({@link #flush}); the same row and event
     * as {@link #add}. Reads of messages here flush first, so they see it.
     */
    public UUID addLater(NewMessage m) {
        if (m.direction() != Message.Direction.OUTBOUND || "message".equals(m.kind())) {
            return add(m);
        }
        UUID id = ids.next();
        Object[] row = messageRow(id, m, m.conversationId());
        if (!heldMessages.hold(row)) {
            jdbc.sql(INSERT_MESSAGE).params(row).update();
        }
        events.publishEvent(new ConversationChanged(m.conversationId(), "message"));
        return id;
    }

    /** Writes the messages {@link #addLater} holds for the caller's transaction, now. */
    public void flush() {
        heldMessages.flush();
    }

    /** Hands over the statements that write the messages {@link #addLater} holds, for the caller to run now in its transaction. */
    public void flushInto(java.util.function.BiConsumer<String, Object[]> statements) {
        List<Object[]> rows = heldMessages.take();
        if (!rows.isEmpty()) {
            MESSAGES.statements(rows, statements);
        }
    }

    /** Writes the messages {@link #addLater} held, rows as {@link #messageRow} makes them, with as few statements as fit. */
    private void insertMessages(List<Object[]> rows) {
        MESSAGES.write(jdbc, rows);
    }

    private static final ValuesInsert MESSAGES = new ValuesInsert(INSERT_MESSAGE);

    public List<Message> messages(UUID conversationId) {
        flush();
        return jdbc.sql("select * from messages where conversation_id = ? order by occurred_at, created_at, id")
                .param(conversationId).query(Conversations::message).list();
    }

    /** Who last wrote in this conversation on this channel (the sender of its latest inbound message there), if anyone. */
    public java.util.Optional<String> lastSender(UUID conversationId, ChannelType channel) {
        flush();
        return jdbc.sql("""
                        select sender from messages where conversation_id = ? and direction = 'inbound' and channel = ? and sender is not null
                        order by occurred_at desc, created_at desc, id desc limit 1""")
                .params(conversationId, channel.code()).query(String.class).optional();
    }

    /** One message by its id. */
    public java.util.Optional<Message> message(UUID messageId) {
        flush();
        return jdbc.sql("select * from messages where id = ?").param(messageId).query(Conversations::message).optional();
    }

    /** A message's delivery state as it stands (null for one that is not sent, such as a note). */
    public java.util.Optional<String> delivery(UUID messageId) {
        flush();
        return jdbc.sql("select delivery from messages where id = ?").param(messageId).query(String.class).optional();
    }

    /** Puts the conversation (as the caller read it) in a queue with the skills and priority routing decided, and why (in English only). */
    public void route(Conversation c, UUID queueId, List<String> skills, Priority priority, String rule, String reason) {
        route(c, queueId, skills, priority, rule, reason, null);
    }

    /**
     * Puts the conversation (as the caller read it) in a queue with the skills and priority routing decided, and why:
     * in English for the audit trail and the API, and as a code the console says in the reader's language.
     */
    public void route(Conversation c, UUID queueId, List<String> skills, Priority priority, String rule, String reason,
                      io.temas.shared.ReasonCode why) {
        UUID id = c.id();
        jdbc.sql("""
                        update conversations set queue_id = ?, required_skills = ?, priority = ?, routing_rule = ?, routing_reason = ?,
                        routing_reason_key = ?, routing_reason_args = ?
                        where id = ?""")
                .params(queueId, skills.toArray(String[]::new), priority.code(), rule, reason, why == null ? null : why.key(),
                        why == null ? null : why.storedArgs(), id).update();
        events.publishEvent(new ConversationRouted(id, queueId, rule, reason, c.channel(), false));
        events.publishEvent(new ConversationChanged(id, "queue"));
    }

    /** Gives the conversation to an agent (or, with null, back to its queue). */
    void assign(UUID id, UUID agentId) {
        transactions.executeWithoutResult(tx -> assign(get(id), agentId));
    }

    /** Gives the conversation, as the caller just read or changed it, to an agent (or back to its queue). */
    public void assign(Conversation before, UUID agentId) {
        transactions.executeWithoutResult(tx -> {
            UUID id = before.id();
            jdbc.sql("update conversations set assignee_id = ?, assigned_at = ? where id = ?")
                    .params(agentId, agentId == null ? null : Timestamp.from(clock.instant()), id).update();
            if (before.assigneeId() != null && !before.assigneeId().equals(agentId)) {
                events.publishEvent(new ConversationReleased(id, before.assigneeId(), before.queueId(), before.channel()));
            }
            if (agentId != null) {
                events.publishEvent(new ConversationAssigned(id, agentId, before.queueId(), before.channel(), false));
            }
        });
    }

    /** The conversation as it stands, locked for the caller's transaction: a person's hand-over is decided on it. */
    public Conversation lock(UUID id) {
        return transactional(() -> jdbc.sql("select * from conversations where id = ? for update").param(id)
                .query(Conversations::conversation).optional().orElseThrow(() -> new ConversationNotFound(id)));
    }

    /**
     * A person's decision, on the conversation as the caller read it under {@link #lock}: gives it to
     * the agent, or with null leaves it unassigned in its queue. The agent it is taken from is
     * remembered, so the auto-assigner does not give it straight back ({@link #claim}); the agent it
     * is given to is forgotten there (the latest decision counts). An unassigned conversation is kept
     * out of automatic assignment until {@code holdUntil} (null: not at all), but never past its next
     * SLA due time.
     */
    public void reassignByHand(Conversation before, UUID agentId, Instant holdUntil) {
        transactions.executeWithoutResult(tx -> {
            UUID id = before.id();
            UUID from = before.assigneeId() != null && !before.assigneeId().equals(agentId) ? before.assigneeId() : null;
            Timestamp hold = agentId == null ? ts(holdUntil) : null;
            jdbc.sql("""
                            update conversations set assignee_id = ?, assigned_at = ?,
                            taken_from = array_remove(case when ?::uuid is null or ?::uuid = any(taken_from) then taken_from
                                                           else array_append(taken_from, ?::uuid) end, ?::uuid),
                            held_until = case when ?::timestamptz is null then null else least(?::timestamptz,
                                         coalesce(case when first_responded_at is null then first_response_due else resolution_due end,
                                                  ?::timestamptz)) end
                            where id = ?""")
                    .params(agentId, agentId == null ? null : Timestamp.from(clock.instant()), from, from, from, agentId, hold, hold, hold, id)
                    .update();
            if (from != null) {
                events.publishEvent(new ConversationReleased(id, from, before.queueId(), before.channel()));
            }
            if (agentId != null) {
                events.publishEvent(new ConversationAssigned(id, agentId, before.queueId(), before.channel(), false));
            }
        });
    }

    /**
     * Gives a waiting conversation to an agent only if it is still waiting: routing read it without a
     * lock, and meanwhile a supervisor, an answered call or another node may have given it to
     * someone, or a supervisor unassigned it and holds it. An agent someone took it away from gets
     * it only when every agent in {@code qualified} (those online who could take it) was taken from
     * too. Decided by the database in one conditional update; answers whether this call gave it.
     *
     * <p>A conversation another transaction holds (a batch writing a message into it) is not given, and not waited for:
     * the caller holds the assignment lock, and the holder may be waiting for it. It stays waiting for the next offer.
     */
    public boolean claim(Conversation waiting, UUID agentId, Collection<UUID> qualified) {
        return transactional(() -> {
            Instant now = clock.instant();
            int claimed = jdbc.sql("""
                            update conversations set assignee_id = ?, assigned_at = ?, held_until = null
                            where id = (select id from conversations where id = ? for update skip locked)
                            and assignee_id is null and (held_until is null or held_until <= ?)
                            and (not (?::uuid = any(taken_from)) or ?::uuid[] <@ taken_from)""")
                    .params(agentId, Timestamp.from(now), waiting.id(), Timestamp.from(now), agentId,
                            qualified.toArray(UUID[]::new)).update();
            if (claimed == 1) {
                events.publishEvent(new ConversationAssigned(waiting.id(), agentId, waiting.queueId(), waiting.channel(), false));
            }
            return claimed == 1;
        });
    }

    /** Whether the conversation still waits for the auto-assigner: nobody has it and nobody holds it back. */
    public boolean offerable(UUID id) {
        return jdbc.sql("select count(*) from conversations where id = ? and assignee_id is null and (held_until is null or held_until <= ?)")
                .params(id, Timestamp.from(clock.instant())).query(Integer.class).single() == 1;
    }

    /**
     * An agent takes a conversation nobody has (by replying to it, resolving it, or picking it from
     * the queue): whatever hold or earlier decision there was, but only if it is still unassigned, so
     * against the auto-assigner or another agent doing the same the database decides once. Answers
     * whether this call gave it.
     */
    public boolean take(Conversation c, UUID agentId) {
        return transactional(() -> {
            int taken = jdbc.sql("""
                            update conversations set assignee_id = ?, assigned_at = ?, held_until = null, taken_from = array_remove(taken_from, ?)
                            where id = ? and assignee_id is null""")
                    .params(agentId, Timestamp.from(clock.instant()), agentId, c.id()).update();
            if (taken == 1) {
                events.publishEvent(new ConversationAssigned(c.id(), agentId, c.queueId(), c.channel(), false));
            }
            return taken == 1;
        });
    }

    /** Ends the holds that ran out by {@code now}; answers the queues where a conversation is waiting again. */
    public List<UUID> endHolds(Instant now) {
        return transactional(() -> jdbc.sql("""
                        update conversations set held_until = null where held_until <= ?
                        returning case when assignee_id is null and status = 'open' then queue_id end""")
                .param(Timestamp.from(now)).query((rs, n) -> rs.getObject(1, UUID.class)).list().stream()
                .filter(java.util.Objects::nonNull).distinct().toList());
    }

    /** Changes the status; resolving or closing frees the agent's capacity. */
    public void changeStatus(UUID id, ConversationStatus status) {
        transactions.executeWithoutResult(tx -> {
            Conversation before = get(id);
            Instant now = clock.instant();
            jdbc.sql("update conversations set status = ?, resolved_at = ? where id = ?")
                    .params(status.code(), status == ConversationStatus.RESOLVED || status == ConversationStatus.CLOSED
                            ? Timestamp.from(now) : null, id).update();
            events.publishEvent(new ConversationChanged(id, "status"));
            if (status == ConversationStatus.RESOLVED && before.status() != ConversationStatus.RESOLVED) {
                events.publishEvent(new ConversationResolved(id, before.customerId(), before.channel(), before.entryPoint(), before.queueId(),
                        before.assigneeId(), before.language(), before.reference()));
            }
            boolean freed = before.isActive() && !(status == ConversationStatus.OPEN || status == ConversationStatus.PENDING);
            if (freed && before.assigneeId() != null) {
                events.publishEvent(new ConversationReleased(id, before.assigneeId(), before.queueId(), before.channel()));
            }
        });
    }

    /** Sets the priority an agent chose. */
    public void changePriority(UUID id, Priority priority) {
        transactions.executeWithoutResult(tx -> {
            get(id);
            jdbc.sql("update conversations set priority = ? where id = ?").params(priority.code(), id).update();
            events.publishEvent(new ConversationChanged(id, "priority"));
        });
    }

    /** The conversation's tags, in the order they were added. */
    public List<String> tags(UUID id) {
        return jdbc.sql("select tags from conversations where id = ?").param(id)
                .query((rs, n) -> strings(rs.getArray(1))).optional().orElseThrow(() -> new ConversationNotFound(id));
    }

    /** Replaces the tags: trimmed, lower-case, without duplicates, at most 20 of at most 40 characters. */
    public List<String> retag(UUID id, Collection<String> tags) {
        return transactional(() -> {
            // Lower-cased for every language alike; Turkish "İ" would otherwise leave a combining dot behind the "i".
            List<String> clean = tags.stream().map(t -> t.strip().toLowerCase(java.util.Locale.ROOT).replace("i\u0307", "i"))
                    .filter(t -> !t.isEmpty())
                    .map(t -> t.length() > 40 ? t.substring(0, 40) : t).distinct().limit(20).toList();
            int updated = jdbc.sql("update conversations set tags = ? where id = ?").params(clean.toArray(String[]::new), id).update();
            if (updated == 0) {
                throw new ConversationNotFound(id);
            }
            events.publishEvent(new ConversationChanged(id, "tags"));
            return clean;
        });
    }

    /** Records an acknowledgement queued at {@code at} that promised an answer by {@code promisedBy}. */
    public void acknowledged(UUID id, Instant at, Instant promisedBy) {
        jdbc.sql("update conversations set last_ack_at = ?, promised_by = ? where id = ?")
                .params(Timestamp.from(at), Timestamp.from(promisedBy), id).update();
    }

    /** The time the latest acknowledgement promised an answer by; empty when none was sent. */
    public java.util.Optional<Instant> promisedBy(UUID id) {
        return jdbc.sql("select promised_by from conversations where id = ?").param(id).query(Timestamp.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().map(Timestamp::toInstant);
    }

    /**
     * Marks that the customer was told, on this conversation, that the entry point they wrote to is being retired;
     * answers false when they already were (the notice goes once per conversation).
     */
    public boolean retirementNoticed(UUID id, Instant at) {
        return jdbc.sql("update conversations set retirement_noticed_at = ? where id = ? and retirement_noticed_at is null")
                .params(Timestamp.from(at), id).update() == 1;
    }

    /** A breached conversation's priority: one step up (an SLA breach escalates). */
    private static final String ESCALATED = "case priority when 'low' then 'normal' when 'normal' then 'high' else 'urgent' end";

    /** How many overdue conversations one transaction of {@link #markBreaches(Instant)} marks at most. */
    static final int BREACH_CHUNK = 100;

    /** The two SLA targets a conversation can miss: its flag, the time it had and what ends the wait. */
    private enum Target {
        FIRST_RESPONSE("first-response", "first_response_breached", "first_response_due", "first_responded_at"),
        RESOLUTION("resolution", "resolution_breached", "resolution_due", "resolved_at");

        /** The target as {@link SlaBreached} names it. */
        final String code;
        final String marking;

        Target(String code, String flag, String due, String met) {
            this.code = code;
            // Oldest first, rows another transaction holds skipped: see markBreaches.
            this.marking = """
                    update conversations c set %1$s = true, priority = %4$s
                    from (select id from conversations
                          where %3$s is null and not %1$s and %2$s < ? and status in ('open', 'pending')
                          order by %2$s limit ? for update skip locked) due
                    where c.id = due.id returning c.id, c.queue_id, c.%2$s""".formatted(flag, due, met, ESCALATED);
        }
    }

    /**
     * Marks overdue conversations as breached, one priority up (an SLA breach escalates, in the statement that marks it),
     * and raises {@link SlaBreached} for each; answers how many.
     *
     * <p>The conversations are marked oldest due first, {@link #BREACH_CHUNK} to a transaction, and one another
     * transaction holds is left for the next sweep: the pipeline writes to exactly these conversations (a customer
     * still waiting writes again), so it never waits behind more than one chunk, and the sweep never waits for it.
     */
    public int markBreaches(Instant now) {
        return markBreaches(now, BREACH_CHUNK);
    }

    int markBreaches(Instant now, int chunk) {
        int marked = 0;
        for (Target target : Target.values()) {
            int n;
            do {
                n = transactions.execute(status -> {
                    List<SlaBreached> breaches = jdbc.sql(target.marking).params(Timestamp.from(now), chunk)
                            .query((rs, row) -> new SlaBreached(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                    target.code, rs.getTimestamp(3).toInstant()))
                            .list();
                    breaches.forEach(events::publishEvent);
                    return breaches.size();
                });
                marked += n;
            } while (n == chunk);
        }
        return marked;
    }

    /** Live (open or pending) conversations flagged as breached: still without a first response, and not resolved in time. */
    public record Breached(long firstResponse, long resolution) {
    }

    /** Counts the live conversations that are breached now, from an index of those alone ({@code conversations_live_breached}). */
    public Breached breached() {
        return jdbc.sql("""
                        select count(*) filter (where first_response_breached and first_responded_at is null),
                        count(*) filter (where resolution_breached)
                        from conversations where status in ('open', 'pending') and (first_response_breached or resolution_breached)""")
                .query((rs, n) -> new Breached(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * How much a customer has talked to us, over all their conversations {@code access} lets the caller see: how many,
     * how many began after {@code since}, how many are live (open or pending), how many ever breached an SLA.
     */
    public record Tally(int conversations, int since, int live, int breached) {
    }

    /** The customer's {@link Tally}, counted in one statement however many conversations they have. */
    public Tally tally(UUID customerId, QueueAccess access, Instant since) {
        return jdbc.sql("""
                        select count(*), count(*) filter (where created_at > ?), count(*) filter (where status in ('open', 'pending')),
                        count(*) filter (where first_response_breached or resolution_breached)
                        from conversations where customer_id = ? and (? or queue_id = any(?) or assignee_id = ?)""")
                .params(ts(since), customerId, access.all(), access.queueIds().toArray(UUID[]::new), access.agentId())
                .query((rs, n) -> new Tally(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
    }

    /** The customer's live (open or pending) conversations {@code access} lets the caller see, newest activity first, however old. */
    public List<Conversation> live(UUID customerId, QueueAccess access, int limit) {
        return jdbc.sql("""
                        select * from conversations where customer_id = ? and status in ('open', 'pending')
                        and (? or queue_id = any(?) or assignee_id = ?)
                        order by last_message_at desc, id desc limit ?""")
                .params(customerId, access.all(), access.queueIds().toArray(UUID[]::new), access.agentId(), limit)
                .query(Conversations::conversation).list();
    }

    public Page page(Filter filter, String after, int limit) {
        return page(filter, QueueAccess.EVERYTHING, after, limit);
    }

    /** As {@link #page(Filter, String, int)}, only with conversations {@code access} lets the caller see. */
    public Page page(Filter filter, QueueAccess access, String after, int limit) {
        PageCursor cursor = PageCursor.decode(after);
        Instant afterAt = cursor == null ? null : cursor.at();
        UUID afterId = cursor == null ? null : cursor.id();
        List<Conversation> items = jdbc.sql("""
                        select * from conversations
                        where (?::uuid is null or customer_id = ?) and (?::uuid is null or queue_id = ?)
                        and (?::text is null or status = ?) and (?::uuid is null or assignee_id = ?)
                        and (?::boolean is null or (assignee_id is null) = ?)
                        and (?::timestamptz is null or (last_message_at, id) < (?, ?))
                        and (? or queue_id = any(?) or assignee_id = ?)
                        order by last_message_at desc, id desc limit ?""")
                .params(filter.customerId(), filter.customerId(), filter.queueId(), filter.queueId(),
                        filter.status() == null ? null : filter.status().code(), filter.status() == null ? null : filter.status().code(),
                        filter.assigneeId(), filter.assigneeId(), filter.unassigned(), filter.unassigned(),
                        ts(afterAt), ts(afterAt), afterId, access.all(), access.queueIds().toArray(UUID[]::new), access.agentId(), limit + 1)
                .query(Conversations::conversation).list();
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            Conversation last = items.getLast();
            next = new PageCursor(last.lastMessageAt(), last.id()).encode();
        }
        return new Page(items, next);
    }

    /**
     * Moves an outbound message's delivery state forward (never back: see {@link Delivery#rank}), with the reason when it
     * failed: in English, and as a code the console shows in the reader's language (null: the reason as it came).
     */
    void delivered(UUID messageId, String delivery, String error, io.temas.shared.ReasonCode code) {
        jdbc.sql("""
                        update messages set delivery = ?, delivery_error = ?, delivery_error_code = ?, delivery_error_args = ?
                        where id = ? and %s < ?""".formatted(Delivery.rankSql("delivery")))
                .params(delivery, error, code == null ? null : code.key(), code == null ? null : code.storedArgs(), messageId,
                        Delivery.rank(delivery)).update();
    }

    /**
     * {@link #delivered} for several outbound messages at once (a dispatcher batch), all to the same state, each with its
     * reason (none for a send); outbox entries that are no message of a conversation are passed over.
     */
    void delivered(String delivery, List<OutboxOutcome> outcomes) {
        List<OutboxOutcome> messages = outcomes.stream().filter(o -> o.messageId() != null).toList();
        if (messages.isEmpty()) {
            return;
        }
        ReasonSlices codes = ReasonSlices.of(messages.stream().map(OutboxOutcome::code).toList());
        jdbc.sql("""
                        update messages m set delivery = ?, delivery_error = t.error, delivery_error_code = t.code, delivery_error_args = %s
                        from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::int[]) as t(id, error, code, args_from, args_count)
                        where m.id = t.id and %s < ?""".formatted(ReasonSlices.argsSql("?::text[]", "t.args_from", "t.args_count"),
                        Delivery.rankSql("m.delivery")))
                .params(delivery, codes.args(), messages.stream().map(OutboxOutcome::messageId).toArray(UUID[]::new),
                        messages.stream().map(o -> Delivery.SENT.equals(delivery) ? null : o.reason()).toArray(String[]::new),
                        codes.keys(), codes.from(), codes.count(), Delivery.rank(delivery))
                .update();
    }

    List<UUID> reassignCustomer(UUID from, UUID to) {
        return jdbc.sql("update conversations set customer_id = ? where customer_id = ? returning id")
                .params(to, from).query(UUID.class).list();
    }

    void restoreCustomer(List<UUID> conversationIds, UUID owner) {
        if (!conversationIds.isEmpty()) {
            jdbc.sql("update conversations set customer_id = ? where id = any(?)")
                    .params(owner, conversationIds.toArray(UUID[]::new)).update();
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Conversation conversation(ResultSet rs, int row) throws SQLException {
        String language = rs.getString("language");
        return new Conversation(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getObject("customer_id", UUID.class),
                ChannelType.of(rs.getString("channel")),
                rs.getString("entry_point"),
                rs.getString("subject"),
                ConversationStatus.of(rs.getString("status")),
                Priority.of(rs.getString("priority")),
                rs.getObject("queue_id", UUID.class),
                strings(rs.getArray("required_skills")),
                rs.getString("routing_rule"),
                rs.getString("routing_reason"),
                rs.getObject("assignee_id", UUID.class),
                rs.getString("campaign"),
                rs.getString("medium"),
                rs.getBoolean("customer_was_new"),
                rs.getString("chat_session"),
                language == null ? null : Language.parse(language).orElse(null),
                instant(rs, "first_response_due"),
                instant(rs, "resolution_due"),
                instant(rs, "first_responded_at"),
                instant(rs, "resolved_at"),
                rs.getBoolean("first_response_breached"),
                rs.getBoolean("resolution_breached"),
                instant(rs, "last_ack_at"),
                instant(rs, "created_at"),
                instant(rs, "last_message_at"),
                rs.getString("routing_reason_key") == null ? null
                        : new io.temas.shared.ReasonCode(rs.getString("routing_reason_key"), strings(rs.getArray("routing_reason_args"))));
    }

    static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                Message.Direction.valueOf(rs.getString("direction").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("kind"),
                ChannelType.of(rs.getString("channel")),
                rs.getString("external_id"),
                rs.getString("header_id"),
                rs.getString("sender"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("text"),
                rs.getString("html"),
                rs.getString("language"),
                rs.getString("author"),
                rs.getString("delivery"),
                rs.getString("delivery_error"),
                io.temas.shared.ReasonCode.stored(rs.getString("delivery_error_code"),
                        rs.getArray("delivery_error_args") == null ? null : (String[]) rs.getArray("delivery_error_args").getArray()),
                instant(rs, "occurred_at"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
