package io.temas.channels;

import io.temas.shared.ReasonCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.Holds;
import io.temas.support.PlanModes;
import io.temas.support.ScriptedTransport;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class OutboxIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    Outbox outbox;

    @Autowired
    ScriptedTransport provider;

    @Autowired
    MeterRegistry meters;

    @Autowired
    io.temas.conversations.Conversations conversations;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void aTemporaryFailureIsRetriedLaterWithBackoff() {
        String conversationId = messageFrom("fail-temp-" + UUID.randomUUID());
        Instant before = Instant.now();

        dispatcher.dispatch();

        Outbox.Entry ack = outbox.forConversation(UUID.fromString(conversationId)).getFirst();
        assertThat(ack.status()).isEqualTo("pending");
        assertThat(ack.attempts()).isEqualTo(1);
        assertThat(ack.lastError()).contains("provider busy");
        assertThat(ack.nextAttemptAt()).isAfter(before.plus(Duration.ofSeconds(5)));
        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("queued");
    }

    @Test
    void aBatchIsSettledOnGenericPlans(@Autowired ApplicationContext context,
                                       @Autowired JdbcClient jdbc) {
        String conversationId = messageFrom("ok-" + UUID.randomUUID());
        // What the batch's own transaction sees, from a listener that runs inside it as it settles.
        List<String> seen = PlanModes.seenAt(context, jdbc, OutboundSent.class, dispatcher::dispatch);

        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("sent");
        assertThat(seen).isNotEmpty().containsOnly("force_generic_plan");
        assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
                .as("outside the batch, PostgreSQL decides").isEqualTo("auto");
    }

    @Test
    void aPermanentFailureIsShownOnTheConversation() {
        String conversationId = messageFrom("fail-perm-" + UUID.randomUUID());

        dispatcher.dispatch();

        assertThat(outbox.forConversation(UUID.fromString(conversationId)).getFirst().status()).isEqualTo("failed");
        JsonNode ack = message(conversationId);
        assertThat(ack.at("/delivery").asString()).isEqualTo("failed");
        assertThat(ack.at("/deliveryError").asString()).isEqualTo("no such user on the network");
    }

    @Test
    void aSuccessfulSendIsMarkedSent() {
        String conversationId = messageFrom("ok-" + UUID.randomUUID());

        dispatcher.dispatch();

        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("sent");
        assertThat(outbox.forConversation(UUID.fromString(conversationId)).getFirst().transport()).isEqualTo("scripted");
    }

    @Test
    void aSendOnAChannelNoLongerRegisteredFailsWithTheReasonInsteadOfWaitingForever() {
        UUID orphan = outbox.enqueue(new OutboundMessage(ChannelType.of("faks"), "ornek", "+905550000001", null, "Eski kanal",
                Map.of(), null, null));

        dispatcher.dispatch();

        Outbox.Entry failed = outbox.find(orphan).orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.lastError()).isEqualTo("no transport for channel 'faks'");
    }

    @Test
    void eachSendsWaitFromItsDueTimeIsTimedForItsChannel() {
        dispatcher.dispatch();
        Timer social = meters.get("temas.outbox.wait").tag("channel", "social").timer();
        Timer chat = meters.get("temas.outbox.wait").tag("channel", "chat").timer();
        long before = social.count();
        double secondsBefore = social.totalTime(TimeUnit.SECONDS);
        long chatBefore = chat.count();
        // Due a minute ago: a send held back (a retry, or the dispatcher stopped) that waited that long.
        outbox.enqueue(new OutboundMessage(ChannelType.SOCIAL, "instagram:ornek", "instagram:ok-" + UUID.randomUUID(),
                null, "Geciken", Map.of(), null, null), Instant.now().minusSeconds(60));

        dispatcher.dispatch();

        assertThat(social.count()).isEqualTo(before + 1);
        assertThat(social.totalTime(TimeUnit.SECONDS) - secondsBefore).isBetween(60.0, 600.0);
        assertThat(chat.count()).as("another channel's figure").isEqualTo(chatBefore);
    }

    @Test
    void oneBatchLeavesEachEntryAndItsMessageWithTheirOwnOutcomeAndReason() {
        String run = UUID.randomUUID().toString();
        String sent = messageFrom("ok-" + run);
        String refused = messageFrom("fail-perm-" + run);
        String shortCode = messageFrom("fail-code-" + run.substring(0, 8));
        String longCode = messageFrom("fail-code-" + run);
        String retried = messageFrom("fail-temp-" + run);
        Api.Response voice = api.post("/api/v1/inbound", """
                {"channel":"voice","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"+90555%07d"},"text":"Arama notu"}"""
                .formatted(UUID.randomUUID(), Math.floorMod(run.hashCode(), 10_000_000)));
        assertThat(voice.status()).as(voice.body()).isEqualTo(201);
        String unsent = voice.text("/conversationId");

        dispatcher.dispatch();

        assertThat(entry(sent).status()).isEqualTo("sent");
        assertThat(entry(sent).reference()).isEqualTo("ok-ok-" + run);
        assertThat(entry(sent).lastErrorCode()).isNull();
        assertThat(entry(sent).sentAt()).isNotNull();
        assertThat(entry(refused).status()).isEqualTo("failed");
        assertThat(entry(refused).lastError()).isEqualTo("no such user on the network");
        assertThat(entry(refused).lastErrorCode()).isNull();
        for (String coded : new String[]{shortCode, longCode}) {
            String handle = outbox.forConversation(UUID.fromString(coded)).getFirst().recipient().substring("instagram:".length());
            assertThat(entry(coded).status()).isEqualTo("failed");
            assertThat(entry(coded).lastErrorCode()).as("its own arguments, not its neighbour's")
                    .isEqualTo(ReasonCode.of("delivery.gaveUp", handle.length(), handle));
            assertThat(ackOf(coded).delivery()).isEqualTo("failed");
            assertThat(ackOf(coded).deliveryError()).isEqualTo("refused " + handle);
            assertThat(ackOf(coded).deliveryReason()).isEqualTo(ReasonCode.of("delivery.gaveUp", handle.length(), handle));
        }
        assertThat(entry(retried).status()).isEqualTo("pending");
        assertThat(entry(retried).attempts()).isEqualTo(1);
        assertThat(entry(unsent).status()).isEqualTo("dropped");
        assertThat(entry(unsent).lastErrorCode()).isEqualTo(ReasonCode.of("delivery.unreachable", "#channel.voice"));

        assertThat(ackOf(sent).delivery()).isEqualTo("sent");
        assertThat(ackOf(sent).deliveryError()).isNull();
        assertThat(ackOf(refused).delivery()).isEqualTo("failed");
        assertThat(ackOf(refused).deliveryError()).isEqualTo("no such user on the network");
        assertThat(ackOf(refused).deliveryReason()).isNull();
        assertThat(ackOf(retried).delivery()).isEqualTo("queued");
        assertThat(ackOf(unsent).delivery()).isEqualTo("unsent");
        assertThat(ackOf(unsent).deliveryReason()).isEqualTo(ReasonCode.of("delivery.unreachable", "#channel.voice"));
    }

    private Outbox.Entry entry(String conversationId) {
        return outbox.forConversation(UUID.fromString(conversationId)).getFirst();
    }

    private io.temas.conversations.Message ackOf(String conversationId) {
        return conversations.messages(UUID.fromString(conversationId)).stream().filter(m -> "ack".equals(m.kind())).findFirst().orElseThrow();
    }

    @Test
    void receiptsOnlyMoveTheStateForwardSoALateDeliveredNeverOverwritesRead() {
        String handle = "ok-" + UUID.randomUUID();
        String conversationId = messageFrom(handle);
        dispatcher.dispatch();
        Outbox.Entry sent = outbox.forConversation(UUID.fromString(conversationId)).getFirst();
        assertThat(sent.reference()).isEqualTo("ok-" + handle);

        assertThat(outbox.delivered("scripted", sent.reference(), "read", null)).isTrue();
        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("read");

        assertThat(outbox.delivered("scripted", sent.reference(), "delivered", null)).as("a known reference, taken").isTrue();
        assertThat(message(conversationId).at("/delivery").asString()).isEqualTo("read");
        assertThat(outbox.find(sent.id()).orElseThrow().delivery()).isEqualTo("read");
        assertThat(outbox.delivered("scripted", "no-such-reference", "delivered", null)).isFalse();
    }

    @Test
    void aFailureReportedAfterTheSendShowsItsReasonAndAReadReceiptAfterDeliveredIsShown() {
        String failing = messageFrom("ok-" + UUID.randomUUID());
        String reading = messageFrom("ok-" + UUID.randomUUID());
        dispatcher.dispatch();
        Outbox.Entry first = outbox.forConversation(UUID.fromString(failing)).getFirst();
        Outbox.Entry second = outbox.forConversation(UUID.fromString(reading)).getFirst();

        outbox.delivered("scripted", first.reference(), "delivered", null);
        outbox.delivered("scripted", first.reference(), "failed", "131026: message undeliverable");
        outbox.delivered("scripted", second.reference(), "delivered", null);
        assertThat(message(reading).at("/delivery").asString()).isEqualTo("delivered");
        outbox.delivered("scripted", second.reference(), "read", null);

        JsonNode failed = message(failing);
        assertThat(failed.at("/delivery").asString()).isEqualTo("failed");
        assertThat(failed.at("/deliveryError").asString()).isEqualTo("131026: message undeliverable");
        assertThat(message(reading).at("/delivery").asString()).isEqualTo("read");
    }

    @Test
    void aMessageOnAChannelThatCannotSendIsNeverShownAsSent() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"voice","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"+90555%07d"},"text":"Arama notu"}"""
                .formatted(UUID.randomUUID(), Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String conversationId = response.text("/conversationId");

        dispatcher.dispatch();

        Outbox.Entry ack = outbox.forConversation(UUID.fromString(conversationId)).getFirst();
        assertThat(ack.status()).isEqualTo("dropped");
        assertThat(ack.transport()).isEqualTo("recording");
        assertThat(ack.lastErrorCode()).isEqualTo(ReasonCode.of("delivery.unreachable", "#channel.voice"));
        JsonNode message = message(conversationId);
        assertThat(message.at("/delivery").asString()).isEqualTo("unsent");
        assertThat(message.at("/deliveryError").asString()).contains("no way to reach the customer on voice");
    }

    @Test
    void receiptsThatOvertakeTheSendsCommitAreKeptAndAppliedWhenTheReferenceIsWritten() throws Exception {
        dispatcher.dispatch();
        String first = "ok-" + UUID.randomUUID();
        String slow = "ok-hold-" + UUID.randomUUID();
        String sentFirst = messageFrom(first);
        String sentSlowly = messageFrom(slow);
        Holds.Held held = provider.hold(slow);

        CompletableFuture<Integer> dispatching = CompletableFuture.supplyAsync(dispatcher::dispatch);
        try {
            held.reached().get(1, TimeUnit.MINUTES);
            // The first reply is sent but its batch is not committed; the second is still at the provider.
            assertThat(outbox.delivered("scripted", "ok-" + first, "read", null)).as("no committed reference yet").isFalse();
            assertThat(outbox.delivered("scripted", "ok-" + slow, "delivered", null)).isFalse();
        } finally {
            held.release().complete(null);
        }
        dispatching.get(1, TimeUnit.MINUTES);

        assertThat(outbox.forConversation(UUID.fromString(sentFirst)).getFirst().delivery()).isEqualTo("read");
        assertThat(message(sentFirst).at("/delivery").asString()).isEqualTo("read");
        assertThat(outbox.forConversation(UUID.fromString(sentSlowly)).getFirst().delivery()).isEqualTo("delivered");
        assertThat(message(sentSlowly).at("/delivery").asString()).isEqualTo("delivered");
        assertThat(outbox.delivered("scripted", "ok-" + slow, "read", null)).as("now known").isTrue();
        assertThat(message(sentSlowly).at("/delivery").asString()).isEqualTo("read");
    }

    @Test
    void aReadWatermarkNeverTurnsAFailedMessageIntoReadNorTakesReadBack() {
        String failing = "ok-" + UUID.randomUUID();
        String reading = "ok-" + UUID.randomUUID();
        String failed = messageFrom(failing);
        String read = messageFrom(reading);
        dispatcher.dispatch();
        outbox.delivered("scripted", "ok-" + failing, "failed", "131026: message undeliverable");
        outbox.delivered("scripted", "ok-" + reading, "read", null);

        Instant later = Instant.now().plusSeconds(5);
        assertThat(outbox.deliveredUpTo("scripted", "instagram:" + failing, later, "read")).isZero();
        assertThat(outbox.deliveredUpTo("scripted", "instagram:" + reading, later, "delivered")).isZero();

        assertThat(message(failed).at("/delivery").asString()).isEqualTo("failed");
        assertThat(outbox.forConversation(UUID.fromString(failed)).getFirst().delivery()).isEqualTo("failed");
        assertThat(outbox.forConversation(UUID.fromString(read)).getFirst().delivery()).isEqualTo("read");
        assertThat(message(read).at("/delivery").asString()).isEqualTo("read");
    }

    private String messageFrom(String handle) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"social","entryPoint":"instagram:ornek","externalId":"%s","from":{"handle":"%s","network":"instagram"},
                 "text":"Merhaba, siparişim nerede?"}""".formatted(UUID.randomUUID(), handle));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private JsonNode message(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId).json().at("/messages").valueStream()
                .filter(m -> "ack".equals(m.at("/kind").asString())).findFirst().orElseThrow();
    }
}
