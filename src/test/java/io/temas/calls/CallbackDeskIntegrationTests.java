package io.temas.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.channels.Outbox;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.Language;
import io.temas.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Booked callbacks when their time comes: offered to one free agent of the queue (not a busy one,
 * nor one offline or of another queue), moved on when she lets the offer lapse, retried per the
 * policy when the customer does not answer and failed with a notice after the last attempt; a
 * call the PBX reports busy records the outcome by itself.
 */
@CallbackClockTest
class CallbackDeskIntegrationTests {

    private static final AtomicLong NUMBERS = new AtomicLong(6_200_000);

    @Autowired
    HandClock clock;

    @Autowired
    Callbacks callbacks;

    @Autowired
    CallbackDesk desk;

    @Autowired
    CallbackPolicies policies;

    @Autowired
    CallCentre centre;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Autowired
    Queues queues;

    @Autowired
    EntryPoints entryPoints;

    @Autowired
    Outbox outbox;

    @Autowired
    CallbackClockTest.DialledPbx pbx;

    Queue queue;
    String entryPoint;

    @BeforeEach
    void setUp() {
        clock.set(CallbackClockTest.START);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = queues.create("Geri arama " + suffix, null, null);
        entryPoint = "+90850" + NUMBERS.incrementAndGet();
        entryPoints.create(entryPoint, null, queue.id(), "Geri arama " + suffix, null, null);
        policies.setCapacity(queue.id(), 10);
    }

    @Test
    void aDueCallbackIsOfferedToAFreeAgentOfItsQueueNotToABusyOfflineOrOtherQueuesOne() {
        Agent busy = agent("mesgul", Agent.Presence.ONLINE, queue.id());
        Agent free = agent("bos", Agent.Presence.ONLINE, queue.id());
        agent("kapali", Agent.Presence.OFFLINE, queue.id());
        agent("baska", Agent.Presence.ONLINE, queues.findByName("Fatura").orElseThrow().id());
        answerCallOn(busy);
        assertThat(centre.busyAgents()).contains(busy.id());

        Callback callback = book(Language.TR);
        Callback second = book(Language.TR, callback.slot().start());
        desk.offerDue();
        assertThat(callbacks.get(callback.id()).state()).as("not yet its time").isEqualTo("booked");

        clock.set(callback.slot().start());
        desk.offerDue();
        Callback offered = callbacks.get(callback.id());
        assertThat(offered.state()).isEqualTo("offered");
        assertThat(offered.agentId()).isEqualTo(free.id());
        assertThat(desk.currentOffer(free.id())).map(Callback::id).contains(callback.id());

        assertThat(callbacks.get(second.id()).state()).as("the only free agent holds an offer already").isEqualTo("booked");
        assertThatThrownBy(() -> desk.record(callback.id(), busy.id(), "reached")).isInstanceOf(Conflict.class);
    }

    @Test
    void anOfferNotTakenInTimeGoesToTheNextAgent() {
        Agent first = agent("ilk", Agent.Presence.ONLINE, queue.id());
        Agent second = agent("ikinci", Agent.Presence.ONLINE, queue.id());
        Callback callback = book(Language.TR);
        clock.set(callback.slot().start());
        desk.offerDue();
        UUID offeredTo = callbacks.get(callback.id()).agentId();
        assertThat(offeredTo).isIn(first.id(), second.id());

        clock.advance(policies.policy().offerTimeout().minusSeconds(1));
        desk.offerDue();
        assertThat(callbacks.get(callback.id()).agentId()).as("still within the offer time").isEqualTo(offeredTo);

        clock.advance(Duration.ofSeconds(2));
        desk.offerDue();
        Callback moved = callbacks.get(callback.id());
        assertThat(moved.state()).isEqualTo("offered");
        assertThat(moved.agentId()).isNotEqualTo(offeredTo).isIn(first.id(), second.id());
        assertThat(desk.currentOffer(offeredTo)).isEmpty();
    }

    @Test
    void anUnansweredCallbackIsRetriedPerThePolicyThenFailsAndTheCustomerIsToldInTheirLanguage() {
        CallbackPolicy before = policies.policy();
        policies.save(new CallbackPolicy(before.slotMinutes(), before.leadMinutes(), before.daysAhead(), before.averageMinutes(),
                before.sharePercent(), before.offerTimeoutSeconds(), 2, 20));
        try {
            Agent agent = agent("tekrar", Agent.Presence.ONLINE, queue.id());
            Callback callback = book(Language.EN);
            clock.set(callback.slot().start());
            desk.offerDue();
            assertThat(callbacks.get(callback.id()).agentId()).isEqualTo(agent.id());

            Callback retry = desk.record(callback.id(), agent.id(), "no-answer");
            assertThat(retry.state()).isEqualTo("retry");
            assertThat(retry.attempts()).isEqualTo(1);
            assertThat(retry.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(20)));

            clock.advance(Duration.ofMinutes(19));
            desk.offerDue();
            assertThat(callbacks.get(callback.id()).state()).as("not due again yet").isEqualTo("retry");
            clock.advance(Duration.ofMinutes(1));
            desk.offerDue();
            assertThat(callbacks.get(callback.id()).state()).isEqualTo("offered");

            Callback failed = desk.record(callback.id(), agent.id(), "busy");
            assertThat(failed.state()).isEqualTo("failed");
            assertThat(failed.attempts()).isEqualTo(2);
            List<Outbox.Entry> told = outbox.recent(null, 1000).stream()
                    .filter(e -> e.recipient().equals(callback.phone()) && "callback-failed".equals(e.headers().get("X-Temas-Kind"))).toList();
            assertThat(told).hasSize(1);
            assertThat(told.getFirst().channel()).isEqualTo(ChannelType.SMS);
            assertThat(told.getFirst().body()).startsWith("We could not reach you on " + callback.phone());
            assertThatThrownBy(() -> desk.record(callback.id(), agent.id(), "reached")).isInstanceOf(Conflict.class);
        } finally {
            policies.save(null);
        }
    }

    @Test
    void callNowDialsTheCustomerForTheCallbackAndABusyLineReportedByThePbxRecordsTheOutcome() {
        Agent agent = agent("arayan", Agent.Presence.ONLINE, queue.id());
        extensions.set(agent.id(), List.of(String.valueOf(NUMBERS.incrementAndGet())));
        Callback callback = book(Language.TR);
        clock.set(callback.slot().start());
        desk.offerDue();

        Call call = desk.call(callback.id(), agent.id());
        assertThat(call.callbackId()).isEqualTo(callback.id());
        assertThat(call.caller()).isEqualTo(callback.phone());
        assertThat(pbx.dials).anyMatch(d -> d.callId().equals(call.id()) && d.number().equals(callback.phone()));
        assertThat(callbacks.get(callback.id()).state()).isEqualTo("calling");
        assertThat(centre.busyAgents()).contains(agent.id());

        centre.receive(new CallEvent(CallbackClockTest.PBX, "pbx-" + call.id(), CallEvent.Kind.ENDED, null, null, null, clock.instant(),
                0, "BUSY", null, "application/json", "{\"cause\":\"BUSY\"}".getBytes()));
        Callback after = callbacks.get(callback.id());
        assertThat(after.outcome()).isEqualTo("busy");
        assertThat(after.state()).isEqualTo("retry");
        assertThat(after.attempts()).isEqualTo(1);
    }

    @Test
    void callNowAgainWhileTheCallGoesOnDoesNotCallTheCustomerTwice() {
        Agent agent = agent("ikikez", Agent.Presence.ONLINE, queue.id());
        extensions.set(agent.id(), List.of(String.valueOf(NUMBERS.incrementAndGet())));
        Callback callback = book(Language.TR);
        clock.set(callback.slot().start());
        desk.offerDue();

        Call call = desk.call(callback.id(), agent.id());
        assertThatThrownBy(() -> desk.call(callback.id(), agent.id())).isInstanceOf(CallbackBeingCalled.class);
        assertThat(pbx.dials.stream().filter(d -> d.number().equals(callback.phone())).count()).isEqualTo(1);

        centre.receive(new CallEvent(CallbackClockTest.PBX, "pbx-" + call.id(), CallEvent.Kind.ENDED, null, null, null, clock.instant(),
                0, "normal", null, "application/json", "{\"cause\":\"normal\"}".getBytes()));
        assertThat(callbacks.get(callback.id()).state()).as("nothing recorded yet").isEqualTo("calling");
        desk.call(callback.id(), agent.id());
        assertThat(pbx.dials.stream().filter(d -> d.number().equals(callback.phone())).count()).as("once the call is over").isEqualTo(2);
    }

    @Test
    void aCallbackIsReassignedOnlyToAnAgentOfItsQueue() {
        Agent other = agent("baskakuyruk", Agent.Presence.ONLINE, queues.findByName("Fatura").orElseThrow().id());
        Agent own = agent("kendikuyruk", Agent.Presence.ONLINE, queue.id());
        Callback callback = book(Language.TR);
        assertThatThrownBy(() -> desk.reassign(callback.id(), other.id())).isInstanceOf(io.temas.shared.RefusedByRule.class);
        assertThat(callbacks.get(callback.id()).state()).isEqualTo("booked");
        assertThat(desk.reassign(callback.id(), own.id()).agentId()).isEqualTo(own.id());
    }

    @Test
    void aCancelledCallbackIsNeverOfferedAndFreesItsPlace() {
        agent("iptal", Agent.Presence.ONLINE, queue.id());
        policies.setCapacity(queue.id(), 1);
        Callback callback = book(Language.TR);
        assertThat(callbacks.slots(callback.slot().start().atZone(java.time.ZoneId.of("Europe/Istanbul")).toLocalDate(), entryPoint))
                .doesNotContain(callback.slot());
        desk.cancel(callback.id(), "selin");
        assertThat(callbacks.slots(callback.slot().start().atZone(java.time.ZoneId.of("Europe/Istanbul")).toLocalDate(), entryPoint))
                .contains(callback.slot());
        clock.set(callback.slot().start());
        desk.offerDue();
        assertThat(callbacks.get(callback.id()).state()).isEqualTo("cancelled");
        assertThatThrownBy(() -> desk.cancel(callback.id(), "selin")).isInstanceOf(Conflict.class);
    }

    private Callback book(Language language) {
        return book(language, clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS));
    }

    private Callback book(Language language, Instant slot) {
        return callbacks.book(new CallbackRequest("+90555" + NUMBERS.incrementAndGet(), slot, entryPoint, "Fatura sorusu", language,
                CallbackSource.API, null, null));
    }

    private Agent agent(String name, Agent.Presence presence, UUID queueId) {
        String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return agents.create(new Agents.Draft(username, name, null, List.of(), List.of("tr"), Map.of(ChannelType.VOICE, 1),
                List.of(queueId)), presence);
    }

    private void answerCallOn(Agent agent) {
        String extension = String.valueOf(NUMBERS.incrementAndGet());
        extensions.set(agent.id(), List.of(extension));
        String callId = "mesgul-" + UUID.randomUUID();
        centre.receive(new CallEvent("cti", callId, CallEvent.Kind.RINGING, "+90555" + NUMBERS.incrementAndGet(), "+908502220000",
                extension, clock.instant(), null, null, null, "application/json", "{}".getBytes()));
        centre.receive(new CallEvent("cti", callId, CallEvent.Kind.ANSWERED, null, null, extension, clock.instant(), null, null, null,
                "application/json", "{}".getBytes()));
    }
}
