package io.temas.calls;

import io.temas.shared.ReasonCode;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works booked callbacks when their time comes.
 *
 * <p>{@link #offerDue()} (scheduled every {@link CallbackSettings#sweep()}) offers each due
 * callback to one qualified free agent: online, serving the callback's queue, not on a call or
 * owing a wrap-up ({@link CallCentre#busyAgents()}), and not holding another callback. An offer
 * not taken within {@link CallbackPolicy#offerTimeout()} goes to the next agent (those who let it
 * lapse are asked last). The agent calls ({@link #call}) and records the outcome ({@link #record});
 * a call the PBX reports as unanswered or busy records it by itself. An unanswered callback is
 * tried again after {@link CallbackPolicy#retryInterval()} until {@link CallbackPolicy#attempts()}
 * calls were made; then it fails and the customer is told.
 */
@Service
public class CallbackDesk {

    /** What an agent records after calling a customer back. */
    public static final List<String> OUTCOMES = List.of("reached", "no-answer", "busy", "wrong-number");

    private static final Logger log = LoggerFactory.getLogger(CallbackDesk.class);
    /** The advisory lock one round of offers holds, so no two rounds give the same agent two callbacks. */
    private static final long DESK_LOCK = 0x43424b44L;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Callbacks callbacks;
    private final CallbackPolicies policies;
    private final CallbackNotices notices;
    private final CallCentre centre;
    private final Agents agents;
    private final CustomerTimeline timeline;
    private final ApplicationEventPublisher events;

    CallbackDesk(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Callbacks callbacks, CallbackPolicies policies,
                 CallbackNotices notices, CallCentre centre, Agents agents, CustomerTimeline timeline, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.callbacks = callbacks;
        this.policies = policies;
        this.notices = notices;
        this.centre = centre;
        this.agents = agents;
        this.timeline = timeline;
        this.events = events;
    }

    /** Moves lapsed offers on and offers due callbacks to free agents; answers how many were offered. */
    @Scheduled(fixedDelayString = "${temas.callbacks.sweep:15s}", initialDelayString = "${temas.callbacks.sweep:15s}")
    public int offerDue() {
        return tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(DESK_LOCK).query((rs, n) -> 1).list();
            Instant now = clock.instant();
            CallbackPolicy policy = policies.policy();
            for (Callback lapsed : jdbc.sql("select * from callbacks where state = 'offered' and offered_at <= ? for update")
                    .param(Timestamp.from(now.minus(policy.offerTimeout()))).query(Callbacks::row).list()) {
                jdbc.sql("""
                                update callbacks set state = case when attempts = 0 then 'booked' else 'retry' end, agent_id = null,
                                       offered_at = null, passed_agents = array_append(passed_agents, ?), updated_at = ? where id = ?""")
                        .params(lapsed.agentId(), Timestamp.from(now), lapsed.id()).update();
                callbacks.event(lapsed.id(), "lapsed", lapsed.agentId(), null, now);
                changed(lapsed.id(), lapsed.agentId());
            }
            List<Callback> due = jdbc.sql("""
                            select * from callbacks where state in ('booked', 'retry') and due_at <= ?
                            order by due_at, slot_start, created_at limit 500 for update skip locked""")
                    .param(Timestamp.from(now)).query(Callbacks::row).list();
            if (due.isEmpty()) {
                return 0;
            }
            Set<UUID> taken = new HashSet<>(centre.busyAgents());
            taken.addAll(jdbc.sql("select distinct agent_id from callbacks where state in ('offered', 'calling') and agent_id is not null")
                    .query(UUID.class).list());
            List<Agent> online = agents.all().stream().filter(a -> a.presence() == Agent.Presence.ONLINE)
                    .sorted(Comparator.comparing(Agent::username)).toList();
            int offered = 0;
            for (Callback callback : due) {
                Set<UUID> passed = passed(callback.id());
                Optional<Agent> agent = online.stream()
                        .filter(a -> a.queueIds().contains(callback.queueId()) && !taken.contains(a.id()))
                        .min(Comparator.comparing(a -> passed.contains(a.id())));
                if (agent.isEmpty()) {
                    continue;
                }
                UUID agentId = agent.get().id();
                jdbc.sql("update callbacks set state = 'offered', agent_id = ?, offered_at = ?, updated_at = ? where id = ?")
                        .params(agentId, Timestamp.from(now), Timestamp.from(now), callback.id()).update();
                callbacks.event(callback.id(), "offered", agentId, null, now);
                taken.add(agentId);
                changed(callback.id(), agentId);
                offered++;
            }
            return offered;
        });
    }

    /** The callback an agent holds now (offered to her or being called), if any. */
    public Optional<Callback> currentOffer(UUID agentId) {
        return jdbc.sql("select * from callbacks where agent_id = ? and state in ('offered', 'calling') order by offered_at limit 1")
                .param(agentId).query(Callbacks::row).optional();
    }

    /**
     * The agent takes her offered callback and calls the customer through the PBX.
     *
     * @throws Conflict       when the callback is not hers to call, or ({@link CallbackBeingCalled}) its call is still going on
     * @throws PbxUnavailable when no telephone system can place the call (the callback stays hers to record)
     */
    public Call call(UUID callbackId, UUID agentId) {
        Callback callback = tx.execute(s -> {
            Callback locked = lock(callbackId);
            if (!("offered".equals(locked.state()) || "calling".equals(locked.state())) || !agentId.equals(locked.agentId())) {
                throw new Conflict("this callback is not offered to you");
            }
            Instant now = clock.instant();
            if ("calling".equals(locked.state()) && jdbc.sql("""
                            select exists (select 1 from calls where callback_id = ? and ended_at is null
                                           and (state in ('ringing', 'answered') or (state = 'dialing' and started_at > ?)))""")
                    .params(callbackId, Timestamp.from(now.minus(java.time.Duration.ofMinutes(2)))).query(Boolean.class).single()) {
                throw new CallbackBeingCalled("this callback's call is still going on");
            }
            jdbc.sql("update callbacks set state = 'calling', updated_at = ? where id = ?").params(Timestamp.from(now), callbackId).update();
            callbacks.event(callbackId, "calling", agentId, null, now);
            return callbacks.get(callbackId);
        });
        return centre.dial(agentId, callback.phone(), callback.conversationId(), callback.id(), null);
    }

    /**
     * Records how a callback attempt went: {@code reached} closes it, {@code wrong-number} fails it,
     * {@code no-answer} and {@code busy} schedule the next attempt or, after the last, fail it and tell
     * the customer.
     *
     * @param agentId the agent recording it, or null when the PBX reported it
     * @throws Conflict when the callback is not being worked, or by another agent
     */
    public Callback record(UUID callbackId, UUID agentId, String outcome) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new InvalidInput("outcome", "the outcome is one of " + String.join(", ", OUTCOMES));
        }
        return tx.execute(s -> apply(lock(callbackId), agentId, outcome));
    }

    private Callback apply(Callback callback, UUID agentId, String outcome) {
        UUID callbackId = callback.id();
        if (!("offered".equals(callback.state()) || "calling".equals(callback.state()))) {
            throw new Conflict("this callback is " + callback.state() + ", not being called");
        }
        if (agentId != null && !agentId.equals(callback.agentId())) {
            throw new Conflict("this callback is offered to another agent");
        }
        Instant now = clock.instant();
        CallbackPolicy policy = policies.policy();
        int attempts = callback.attempts() + 1;
        String state = switch (outcome) {
            case "reached" -> "done";
            case "wrong-number" -> "failed";
            default -> attempts >= policy.attempts() ? "failed" : "retry";
        };
        jdbc.sql("""
                        update callbacks set state = ?, attempts = ?, outcome = ?, due_at = ?, offered_at = null,
                               passed_agents = '{}', updated_at = ? where id = ?""")
                .params(state, attempts, outcome, Timestamp.from("retry".equals(state) ? now.plus(policy.retryInterval()) : callback.dueAt()),
                        Timestamp.from(now), callbackId).update();
        callbacks.event(callbackId, outcome, callback.agentId(), agentId == null ? "pbx" : null, now);
        if (!outcome.equals(state)) {
            callbacks.event(callbackId, state, null, null, now);
        }
        Callback after = callbacks.get(callbackId);
        timeline.record(new CustomerId(after.customerId()), List.of(new CustomerTimeline.Entry(now, "callback." + state,
                ChannelType.VOICE.code(), "Callback attempt " + attempts + ": " + outcome + " (" + state + ")", after.conversationId(), null,
                ReasonCode.of("timeline.callback.attempt.detail", attempts, ReasonCode.key("callbacks.outcome." + outcome),
                        ReasonCode.key("callbacks.state." + state)))));
        if ("failed".equals(state) && !"wrong-number".equals(outcome)) {
            notices.failed(after, callbacks.target(after.entryPoint()));
        }
        changed(callbackId, callback.agentId());
        return after;
    }

    /**
     * A supervisor gives a callback to an agent now, whatever its time.
     *
     * @throws Conflict when the callback is over
     * @throws io.temas.shared.RefusedByRule when the agent does not serve the callback's queue
     */
    public Callback reassign(UUID callbackId, UUID agentId) {
        Agent agent = agents.get(agentId);
        return tx.execute(s -> {
            Callback callback = lock(callbackId);
            if (callback.closed()) {
                throw new Conflict("this callback is " + callback.state());
            }
            if (!agent.queueIds().contains(callback.queueId())) {
                // Her card shows the customer and the note: only an agent of the callback's queue may hold it.
                throw new io.temas.shared.RefusedByRule("the agent does not serve this callback's queue");
            }
            Instant now = clock.instant();
            jdbc.sql("update callbacks set state = 'offered', agent_id = ?, offered_at = ?, updated_at = ? where id = ?")
                    .params(agent.id(), Timestamp.from(now), Timestamp.from(now), callbackId).update();
            callbacks.event(callbackId, "offered", agent.id(), "reassigned", now);
            if (callback.agentId() != null && !callback.agentId().equals(agent.id())) {
                changed(callbackId, callback.agentId());
            }
            changed(callbackId, agent.id());
            return callbacks.get(callbackId);
        });
    }

    /**
     * Cancels a callback that is not over.
     *
     * @throws Conflict when it is already done, failed or cancelled
     */
    public Callback cancel(UUID callbackId, String by) {
        return tx.execute(s -> {
            Callback callback = lock(callbackId);
            if (callback.closed()) {
                throw new Conflict("this callback is already " + callback.state());
            }
            Instant now = clock.instant();
            jdbc.sql("update callbacks set state = 'cancelled', outcome = 'cancelled', updated_at = ? where id = ?")
                    .params(Timestamp.from(now), callbackId).update();
            callbacks.event(callbackId, "cancelled", null, by, now);
            timeline.record(new CustomerId(callback.customerId()), List.of(new CustomerTimeline.Entry(now, "callback.cancelled",
                    ChannelType.VOICE.code(), "Callback for " + callback.slot().start() + " cancelled", callback.conversationId(), null,
                    ReasonCode.of("timeline.callback.cancelled.detail", ReasonCode.at(callback.slot().start())))));
            if (callback.agentId() != null) {
                changed(callbackId, callback.agentId());
            }
            return callbacks.get(callbackId);
        });
    }

    /** A callback's call that ended unanswered records no-answer or busy, as the PBX said. */
    @EventListener
    void on(CallChanged event) {
        if (!"failed".equals(event.state()) && !"ended".equals(event.state())) {
            return;
        }
        try {
            Call call = centre.find(event.callId()).orElse(null);
            if (call == null || call.callbackId() == null || call.answeredAt() != null) {
                return;
            }
            String outcome = outcome(call.cause());
            if (outcome == null) {
                return;
            }
            // In the call's own transaction: checked first under the row lock, so nothing is thrown that would undo the call.
            jdbc.sql("select * from callbacks where id = ? for update").param(call.callbackId()).query(Callbacks::row).optional()
                    .filter(c -> "calling".equals(c.state()))
                    .ifPresent(c -> apply(c, null, outcome));
        } catch (RuntimeException e) {
            log.warn("Could not record the outcome of callback call {}: {}", event.callId(), e.toString());
        }
    }

    /** The outcome a PBX's hang-up cause means, or null when it says nothing about the customer. */
    static String outcome(String cause) {
        if (cause == null) {
            return null;
        }
        String c = cause.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (c.contains("busy")) {
            return "busy";
        }
        if (c.contains("noanswer") || c.equals("timeout") || c.contains("notanswered") || c.equals("unanswered")) {
            return "no-answer";
        }
        return null;
    }

    private Set<UUID> passed(UUID callbackId) {
        UUID[] passed = jdbc.sql("select passed_agents from callbacks where id = ?").param(callbackId)
                .query((rs, n) -> (UUID[]) rs.getArray(1).getArray()).single();
        return new HashSet<>(Arrays.asList(passed));
    }

    private Callback lock(UUID id) {
        return jdbc.sql("select * from callbacks where id = ? for update").param(id).query(Callbacks::row).optional()
                .orElseThrow(() -> new io.temas.shared.NotFound("callback " + id + " not found"));
    }

    private void changed(UUID callbackId, UUID agentId) {
        Callback callback = callbacks.get(callbackId);
        String username = agents.find(agentId).map(Agent::username).orElse(null);
        if (username != null) {
            events.publishEvent(new CallbackChanged(callbackId, agentId, username, callback.state()));
        }
    }
}
