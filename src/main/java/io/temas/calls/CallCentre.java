package io.temas.calls;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationStatus;
import io.temas.conversations.Conversations;
import io.temas.conversations.Replies;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.Identifier;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.TextInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns call events from any PBX into calls, voice conversations and screen pops, and places calls
 * through the chosen {@link Pbx}.
 *
 * <p>An event is stored raw with its call before anything else (a second delivery of the same
 * event is recognised and changes nothing); the agent whose extension rings is told at once
 * ({@link CallPopped}), before the conversation is opened, so the caller's 360 is on screen while
 * the phone rings. The call then becomes a message in the caller's voice conversation through the
 * inbound pipeline (which resolves the customer, threads within the voice window and routes), and
 * the conversation goes to the agent who answered. Events of one call may come in any order and at
 * the same time: each is applied under the call's row lock and states only move forward.
 *
 * <p>An answered call counts against its agent until they record a wrap-up (outcome, notes, tags)
 * or {@link CallsSettings#wrapUpLimit()} passes.
 */
@Service
public class CallCentre {

    /** Wrap-up outcomes an agent can record. */
    public static final List<String> OUTCOMES = List.of("resolved", "follow-up", "callback", "no-answer", "wrong-number",
            "transferred", "other");

    private static final Logger log = LoggerFactory.getLogger(CallCentre.class);
    private static final String MESSAGE_PREFIX = "call:";
    /** A dial with no news from the PBX after this long no longer keeps its agent busy. */
    private static final java.time.Duration DIALING_LIMIT = java.time.Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;
    private final InboundSink sink;
    private final Conversations conversations;
    private final Replies replies;
    private final Customers customers;
    private final io.temas.customers.IdentityResolver identities;
    private final CustomerTimeline timeline;
    private final Extensions extensions;
    private final Agents agents;
    private final Pbxes pbxes;
    private final CallsSettings settings;
    private final ApplicationEventPublisher events;
    private final java.util.concurrent.Semaphore filing;

    CallCentre(JdbcClient jdbc, TransactionTemplate tx, Ids ids, Clock clock, InboundSink sink, Conversations conversations,
               Replies replies, Customers customers, io.temas.customers.IdentityResolver identities, CustomerTimeline timeline, Extensions extensions, Agents agents, Pbxes pbxes,
               CallsSettings settings, ApplicationEventPublisher events, io.temas.platform.DatabaseSettings database) {
        this.filing = new java.util.concurrent.Semaphore(Math.max(1, database.poolSize() / 2), true);
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.sink = sink;
        this.conversations = conversations;
        this.replies = replies;
        this.customers = customers;
        this.identities = identities;
        this.timeline = timeline;
        this.extensions = extensions;
        this.agents = agents;
        this.pbxes = pbxes;
        this.settings = settings;
        this.events = events;
    }

    /** What became of an event: the call as it now stands, and whether the event had been received before. */
    public record Result(Call call, boolean duplicate) {
    }

    /**
     * Takes one event of a call.
     *
     * @throws InvalidInput for an event whose numbers or extension are not plausible
     */
    public Result receive(CallEvent event) {
        check(event);
        Result result = tx.execute(s -> store(event));
        Call call = result.call();
        if (!result.duplicate() && call.conversationId() == null && "inbound".equals(call.direction())) {
            call = fileUnderConversation(call, event);
        }
        return new Result(call, result.duplicate());
    }

    private static void check(CallEvent event) {
        TextInput.check("callId", event.callId(), false);
        TextInput.check("from", event.from(), false);
        TextInput.check("to", event.to(), false);
        TextInput.check("extension", event.extension(), false);
        TextInput.check("cause", event.cause(), false);
        TextInput.check("recordingUrl", event.recordingUrl(), false);
        if (event.callId().isBlank() || event.callId().length() > 200) {
            throw new InvalidInput("callId", "a call id is 1 to 200 characters");
        }
        if (event.duration() != null && (event.duration() < 0 || event.duration() > 7 * 24 * 3600)) {
            throw new InvalidInput("duration", "a duration is 0 to 604800 seconds");
        }
        if (event.recordingUrl() != null && !event.recordingUrl().matches("(?i)https?://\\S+")) {
            throw new InvalidInput("recordingUrl", "a recording link is an http or https URL");
        }
    }

    private Result store(CallEvent event) {
        Instant now = clock.instant();
        UUID callId = ids.next();
        int created = jdbc.sql("""
                        insert into calls (id, provider, external_id, direction, caller, entry_point, state, started_at, updated_at)
                        values (?, ?, ?, 'inbound', ?, ?, 'ringing', ?, ?) on conflict (provider, external_id) do nothing""")
                .params(callId, event.provider(), event.callId(), blankToNull(event.from()), blankToNull(event.to()),
                        Timestamp.from(event.at()), Timestamp.from(now))
                .update();
        Call call = lockByExternal(event.provider(), event.callId());
        int stored = jdbc.sql("""
                        insert into call_events (id, call_id, provider, external_id, kind, occurred_at, received_at, content_type, raw)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider, external_id, kind) do nothing""")
                .params(ids.next(), call.id(), event.provider(), event.callId(), event.kind().code(), Timestamp.from(event.at()),
                        Timestamp.from(now), event.contentType(), event.raw())
                .update();
        if (stored == 0 && created == 0) {
            return new Result(call, true);
        }
        Optional<UUID> agent = extensions.agent(event.extension());
        switch (event.kind()) {
            case RINGING -> jdbc.sql("""
                            update calls set caller = coalesce(caller, ?), entry_point = coalesce(entry_point, ?),
                                   extension = coalesce(extension, ?), agent_id = coalesce(agent_id, ?), updated_at = ? where id = ?""")
                    .params(blankToNull(event.from()), blankToNull(event.to()), blankToNull(event.extension()), agent.orElse(null),
                            Timestamp.from(now), call.id()).update();
            case ANSWERED -> jdbc.sql("""
                            update calls set state = case when state in ('dialing', 'ringing') then 'answered'
                                                when state = 'failed' and ended_at is not null and answered_at is null then 'ended'
                                                else state end,
                                   answered_at = coalesce(answered_at, ?), extension = coalesce(?, extension),
                                   agent_id = coalesce(?, agent_id), caller = coalesce(caller, ?), entry_point = coalesce(entry_point, ?),
                                   updated_at = ? where id = ?""")
                    .params(Timestamp.from(event.at()), blankToNull(event.extension()), agent.orElse(null), blankToNull(event.from()),
                            blankToNull(event.to()), Timestamp.from(now), call.id()).update();
            case ENDED -> jdbc.sql("""
                            update calls set state = case when answered_at is null and state <> 'answered' then 'failed' else 'ended' end,
                                   ended_at = coalesce(ended_at, ?), duration_seconds = coalesce(?, duration_seconds),
                                   cause = coalesce(?, cause), recording_url = coalesce(?, recording_url),
                                   caller = coalesce(caller, ?), entry_point = coalesce(entry_point, ?), updated_at = ? where id = ?""")
                    .params(Timestamp.from(event.at()), event.duration(), blankToNull(event.cause()), blankToNull(event.recordingUrl()),
                            blankToNull(event.from()), blankToNull(event.to()), Timestamp.from(now), call.id()).update();
        }
        Call after = get(call.id());
        if (event.kind() == CallEvent.Kind.ENDED) {
            if (after.answeredAt() == null) {
                // Nobody took it: there is nothing to wrap up, and the conversation waits in its queue for a call back.
                jdbc.sql("update calls set state = 'failed' where id = ?").param(call.id()).update();
                after = get(call.id());
            }
            recordEnd(after);
        }
        if (after.conversationId() != null && after.agentId() != null && event.kind() == CallEvent.Kind.ANSWERED) {
            giveTo(after.conversationId(), after.agentId());
        }
        pop(after, agent.orElse(null), event.kind());
        events.publishEvent(new CallChanged(after.id(), after.conversationId(), after.agentId(), after.state()));
        return new Result(after, false);
    }

    /** Tells the agent whose extension rings (or who answered), once per agent and call. */
    private void pop(Call call, UUID agentId, CallEvent.Kind kind) {
        if (agentId == null || kind == CallEvent.Kind.ENDED || !"inbound".equals(call.direction())) {
            return;
        }
        int first = jdbc.sql("update calls set popped_agent_id = ? where id = ? and popped_agent_id is distinct from ?")
                .params(agentId, call.id(), agentId).update();
        if (first == 0) {
            return;
        }
        Optional<Customer> customer = call.customerId() != null ? customers.find(new CustomerId(call.customerId()))
                : call.caller() == null ? Optional.empty() : safeFind(call.caller());
        String username = agents.find(agentId).map(io.temas.routing.Agent::username).orElse(null);
        if (username == null) {
            return;
        }
        events.publishEvent(new CallPopped(call.id(), agentId, username, call.caller(), call.entryPoint(),
                customer.map(c -> c.id().value()).orElse(null), call.conversationId(), customer.map(Customer::displayName).orElse(null),
                call.direction()));
    }

    /** The number in its canonical form, when it is one. */
    private Optional<Identifier> usablePhone(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        try {
            return identities.canonical(Identifier.phone(number)).map(Identifier::phone);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Customer> safeFind(String number) {
        try {
            return customers.findByIdentifier(number);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens the conversation with at most half the database pool at once: under a flood of calls the
     * pipeline's work queues here, holding no connection, so the next ringing event still finds one
     * and its pop is not held up behind earlier calls' conversations.
     */
    private Call fileUnderConversation(Call call, CallEvent event) {
        try {
            filing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return call;
        }
        try {
            return open(call, event);
        } finally {
            filing.release();
        }
    }

    /** Opens or joins the caller's voice conversation through the pipeline, and links the call to it. */
    private Call open(Call call, CallEvent event) {
        Identifier phone = usablePhone(call.caller()).orElse(null);
        if (phone == null) {
            // A withheld or unreadable number: the call is kept and shown, but there is nobody to file it under.
            return call;
        }
        String text = "☎ " + call.caller() + (call.entryPoint() == null ? "" : " → " + call.entryPoint());
        InboundMessage message = new InboundMessage(ChannelType.VOICE, call.entryPoint(), MESSAGE_PREFIX + call.provider() + ":" + call.externalId(),
                new InboundMessage.Sender(null, List.of(phone), null), null, text, null, null, call.startedAt(), null, null, List.of(),
                new InboundMessage.RawPayload(event.contentType(), event.raw()));
        Receipt receipt;
        try {
            receipt = sink.receive(message);
        } catch (RuntimeException e) {
            // The call and its raw event are stored; the pipeline quarantined or refused the message, the call stays without a conversation.
            log.warn("Call {} could not open a conversation: {}", call.id(), e.toString());
            return call;
        }
        return tx.execute(s -> {
            Call locked = lock(call.id());
            jdbc.sql("update calls set conversation_id = coalesce(conversation_id, ?), customer_id = coalesce(customer_id, ?) where id = ?")
                    .params(receipt.conversationId(), receipt.customerId(), call.id()).update();
            Call linked = get(call.id());
            if (locked.agentId() != null && locked.answeredAt() != null) {
                giveTo(linked.conversationId(), locked.agentId());
            }
            if (linked.ended() && locked.conversationId() == null) {
                recordEnd(linked);
            }
            events.publishEvent(new CallChanged(linked.id(), linked.conversationId(), linked.agentId(), linked.state()));
            return linked;
        });
    }

    private void giveTo(UUID conversationId, UUID agentId) {
        Conversation conversation = conversations.get(conversationId);
        if (!agentId.equals(conversation.assigneeId())) {
            conversations.assign(conversation, agentId);
        }
    }

    private void recordEnd(Call call) {
        if (call.customerId() == null) {
            return;
        }
        String summary = call.answeredAt() == null ? "Missed call from " + call.caller()
                : "Call with " + call.caller() + (call.durationSeconds() == null ? "" : ", " + call.durationSeconds() + " s")
                + (call.cause() == null ? "" : ", ended: " + call.cause());
        String caller = call.caller() == null ? io.temas.shared.ReasonCode.key("calls.card.withheld") : call.caller();
        timeline.record(new CustomerId(call.customerId()), List.of(new CustomerTimeline.Entry(call.endedAt() == null ? clock.instant() : call.endedAt(),
                call.answeredAt() == null ? "call.missed" : "call.ended", ChannelType.VOICE.code(), summary, call.conversationId(), null,
                io.temas.shared.ReasonCode.of(call.answeredAt() == null ? "calls.timeline.missed" : "calls.timeline.ended", caller))));
    }

    /**
     * Records an agent's wrap-up of an answered call: the outcome, notes (an internal note on the
     * conversation), tags (added to the conversation's), and whether the conversation is resolved.
     * The agent is free for the next call from then on.
     *
     * @throws Conflict  when the call is already wrapped up or was never answered
     */
    public Call wrapUp(UUID callId, UUID agentId, String outcome, String notes, List<String> tags, boolean resolve) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new InvalidInput("outcome", "the outcome is one of " + String.join(", ", OUTCOMES));
        }
        String cleanNotes = TextInput.check("notes", notes == null || notes.isBlank() ? null : notes.strip(), true);
        if (cleanNotes != null && cleanNotes.length() > 4000) {
            throw new InvalidInput("notes", "notes are at most 4000 characters");
        }
        List<String> cleanTags = new ArrayList<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String t = TextInput.check("tags", tag == null ? "" : tag.strip(), false);
            if (!t.isEmpty() && !cleanTags.contains(t)) {
                cleanTags.add(t);
            }
        }
        return tx.execute(s -> {
            Call call = lock(callId);
            if (call.wrappedAt() != null) {
                throw new Conflict("this call was already wrapped up");
            }
            if (call.answeredAt() == null) {
                throw new Conflict("this call was never answered, so there is nothing to wrap up");
            }
            // A wrap-up frees the agent: not while she is still on the call, and not by someone else for her.
            if (!call.ended()) {
                throw new Conflict("this call is still going on; it is wrapped up once it ends");
            }
            if (!agentId.equals(call.agentId())) {
                throw new Conflict("this call is another agent's to wrap up");
            }
            Instant now = clock.instant();
            jdbc.sql("update calls set outcome = ?, notes = ?, wrapped_at = ?, wrapped_by = ?, updated_at = ? where id = ?")
                    .params(outcome, cleanNotes, Timestamp.from(now), agentId, Timestamp.from(now), callId).update();
            if (call.conversationId() != null) {
                if (cleanNotes != null) {
                    String author = agents.find(agentId).map(io.temas.routing.Agent::username).orElse("agent");
                    replies.note(call.conversationId(), cleanNotes, author);
                }
                if (!cleanTags.isEmpty()) {
                    Set<String> all = new LinkedHashSet<>(conversations.tags(call.conversationId()));
                    all.addAll(cleanTags);
                    conversations.retag(call.conversationId(), all);
                }
                if (resolve) {
                    conversations.changeStatus(call.conversationId(), ConversationStatus.RESOLVED);
                }
            }
            Call wrapped = get(callId);
            events.publishEvent(new CallChanged(wrapped.id(), wrapped.conversationId(), wrapped.agentId(), wrapped.state()));
            return wrapped;
        });
    }

    /**
     * Places a call from an agent's extension to a customer's number through the active PBX.
     *
     * @param conversationId the conversation the call belongs to, or null to file it under the customer's voice conversation
     * @param callbackId     the callback it answers, or null
     * @param callListEntryId the dialer's call-list entry it works, or null
     * @throws PbxUnavailable when no PBX can place calls or it refused
     * @throws RefusedByRule  when the agent has no extension
     */
    public Call dial(UUID agentId, String number, UUID conversationId, UUID callbackId, UUID callListEntryId) {
        Identifier phone = usablePhone(TextInput.check("number", number, false))
                .orElseThrow(() -> new InvalidInput("number", "'" + TextInput.forLog(number) + "' is not a telephone number"));
        List<String> own = extensions.of(agentId);
        if (own.isEmpty()) {
            throw new io.temas.shared.RefusedByRule("you have no extension to call from; an administrator sets one under Telephony");
        }
        Pbx pbx = pbxes.active();
        UUID callId = ids.next();
        Instant now = clock.instant();
        UUID customerId = safeFind(phone.value()).map(c -> c.id().value()).orElse(null);
        UUID conversation = conversationId != null ? conversationId
                : customerId == null ? null
                : conversations.findRecentActive(customerId, ChannelType.VOICE, now.minus(java.time.Duration.ofDays(1)))
                        .map(Conversation::id).orElse(null);
        jdbc.sql("""
                        insert into calls (id, provider, external_id, direction, caller, customer_id, conversation_id, extension, agent_id,
                                           state, started_at, callback_id, call_list_entry_id, updated_at)
                        values (?, ?, ?, 'outbound', ?, ?, ?, ?, ?, 'dialing', ?, ?, ?, ?)""")
                .params(callId, pbx.code(), callId.toString(), phone.value(), customerId, conversation, own.getFirst(), agentId,
                        Timestamp.from(now), callbackId, callListEntryId, Timestamp.from(now))
                .update();
        String external;
        try {
            external = pbx.dial(new Pbx.Dial(callId, own.getFirst(), phone.value(), null));
        } catch (RuntimeException e) {
            jdbc.sql("update calls set state = 'failed', cause = ?, ended_at = ?, updated_at = ? where id = ?")
                    .params(TextInput.strip(String.valueOf(e.getMessage()), false), Timestamp.from(now), Timestamp.from(now), callId).update();
            throw e instanceof PbxUnavailable p ? p : new PbxUnavailable("the telephone system did not place the call: " + e.getMessage());
        }
        if (external != null && !external.equals(callId.toString())) {
            jdbc.sql("update calls set external_id = ? where id = ?").params(external, callId).update();
        }
        Call call = get(callId);
        events.publishEvent(new CallChanged(call.id(), call.conversationId(), agentId, call.state()));
        return call;
    }

    /** Wraps up, as not recorded, answered calls whose agents said nothing within the wrap-up limit: they count as free again. */
    @Scheduled(fixedDelayString = "${temas.calls.wrap-up-sweep:30s}", initialDelayString = "${temas.calls.wrap-up-sweep:30s}")
    public int closeForgottenWrapUps() {
        Instant before = clock.instant().minus(settings.wrapUpLimit());
        return jdbc.sql("""
                        update calls set outcome = 'not-recorded', wrapped_at = ?, updated_at = ?
                        where state = 'ended' and wrapped_at is null and answered_at is not null and ended_at < ?""")
                .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), Timestamp.from(before)).update();
    }

    /** Agents on a call or in its wrap-up: not free for another call, callback or dialer contact. */
    public Set<UUID> busyAgents() {
        return new LinkedHashSet<>(jdbc.sql("""
                        select distinct agent_id from calls
                        where agent_id is not null and wrapped_at is null and state in ('dialing', 'answered', 'ended')
                          and (ended_at is null or answered_at is not null) and (state <> 'dialing' or started_at > ?)""")
                .param(Timestamp.from(clock.instant().minus(DIALING_LIMIT))).query(UUID.class).list());
    }

    public Call get(UUID id) {
        return find(id).orElseThrow(() -> new NotFound("call " + id + " not found"));
    }

    public Optional<Call> find(UUID id) {
        return jdbc.sql("select * from calls where id = ?").param(id).query(CallCentre::call).optional();
    }

    /** A call by the id its PBX gave it. */
    public Optional<Call> findByExternal(String provider, String externalId) {
        return jdbc.sql("select * from calls where provider = ? and external_id = ?").params(provider, externalId)
                .query(CallCentre::call).optional();
    }

    /** The calls of a conversation, oldest first. */
    public List<Call> ofConversation(UUID conversationId) {
        return jdbc.sql("select * from calls where conversation_id = ? order by started_at, id").param(conversationId)
                .query(CallCentre::call).list();
    }

    /** An agent's calls that still need a wrap-up, oldest first. */
    public List<Call> awaitingWrapUp(UUID agentId) {
        return jdbc.sql("""
                        select * from calls where agent_id = ? and wrapped_at is null and answered_at is not null
                          and state in ('answered', 'ended') order by started_at""")
                .param(agentId).query(CallCentre::call).list();
    }

    /** A customer's most recent calls, newest first. */
    public List<Call> ofCustomer(UUID customerId, int limit) {
        return jdbc.sql("select * from calls where customer_id = ? order by started_at desc limit ?").params(customerId, limit)
                .query(CallCentre::call).list();
    }

    private Call lock(UUID id) {
        return jdbc.sql("select * from calls where id = ? for update").param(id).query(CallCentre::call).optional()
                .orElseThrow(() -> new NotFound("call " + id + " not found"));
    }

    private Call lockByExternal(String provider, String externalId) {
        return jdbc.sql("select * from calls where provider = ? and external_id = ? for update").params(provider, externalId)
                .query(CallCentre::call).single();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Call call(ResultSet rs, int n) throws SQLException {
        return new Call(rs.getObject("id", UUID.class), rs.getString("provider"), rs.getString("external_id"), rs.getString("direction"),
                rs.getString("caller"), rs.getString("entry_point"), rs.getObject("customer_id", UUID.class),
                rs.getObject("conversation_id", UUID.class), rs.getString("extension"), rs.getObject("agent_id", UUID.class),
                rs.getString("state"), instant(rs, "started_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                (Integer) rs.getObject("duration_seconds"), rs.getString("cause"), rs.getString("recording_url"), rs.getString("outcome"),
                rs.getString("notes"), instant(rs, "wrapped_at"), rs.getObject("callback_id", UUID.class),
                rs.getObject("call_list_entry_id", UUID.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
