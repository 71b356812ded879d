package io.temas.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.WebhookSignatures;
import io.temas.routing.Agents;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Call events through the generic CTI webhook: calls, conversations, the screen pop, wrap-up, and what is refused. */
@TemasIntegrationTest
class CallEventsIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_300_000);

    @LocalServerPort
    int port;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Autowired
    CallCentre centre;

    @Autowired
    io.temas.conversations.Conversations conversations;

    Api api;
    UUID ayse;
    UUID elif;
    UUID mehmet;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        ayse = agents.findByUsername("ayse").orElseThrow().id();
        elif = agents.findByUsername("elif").orElseThrow().id();
        mehmet = agents.findByUsername("mehmet").orElseThrow().id();
        extensions.set(ayse, List.of("7101"));
        extensions.set(elif, List.of("7102"));
        extensions.set(mehmet, List.of("7103"));
    }

    @Test
    void aRingingCallPopsTheCallerForTheAgentWhoseExtensionRingsThenOpensAVoiceConversationSheWrapsUp() throws Exception {
        String phone = phone();
        Api.Response known = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"Merhaba, faturam hakkında"}"""
                .formatted(UUID.randomUUID(), phone));
        assertThat(known.status()).as(known.body()).isIn(200, 201);
        String customerId = known.json().get("customerId").asString();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Console console = Console.signIn(port, "elif", TemasIntegrationTest.DEMO_PASSWORD);
        Thread reader = Thread.ofVirtual().start(() -> console.stream("/console/live").forEach(lines::add));
        try {
            awaitLine(lines, "event:hello");
            String callId = "c-" + UUID.randomUUID();
            Api.Response ringing = cti("""
                    {"callId":"%s","event":"ringing","from":"%s","to":"+908502220000","extension":"7102","at":"%s"}"""
                    .formatted(callId, phone, Instant.now()));
            assertThat(ringing.status()).as(ringing.body()).isEqualTo(201);
            String pop = awaitLine(lines, "\"callId\":\"" + ringing.json().get("id").asString() + "\"");
            assertThat(pop).contains("\"customerId\":\"" + customerId + "\"").contains(phone);

            Call call = centre.get(UUID.fromString(ringing.json().get("id").asString()));
            assertThat(call.conversationId()).isNotNull();
            assertThat(call.customerId()).hasToString(customerId);
            Api.Response conversations = api.get("/api/v1/conversations?customerId=" + customerId);
            assertThat(conversations.body()).contains(call.conversationId().toString()).contains("\"voice\"");

            assertThat(cti("""
                    {"callId":"%s","event":"answered","extension":"7102"}""".formatted(callId)).status()).isEqualTo(201);
            assertThat(api.get("/api/v1/conversations/" + call.conversationId()).json().get("assigneeId").asString())
                    .isEqualTo(elif.toString());
            assertThat(centre.busyAgents()).contains(elif);

            Api.Response ended = cti("""
                    {"callId":"%s","event":"ended","duration":184,"cause":"normal","recordingUrl":"https://pbx.example/rec/1.wav"}"""
                    .formatted(callId));
            assertThat(ended.json().get("state").asString()).isEqualTo("ended");
            assertThat(ended.json().get("duration").asInt()).isEqualTo(184);
            assertThat(centre.awaitingWrapUp(elif)).extracting(Call::id).contains(call.id());
            assertThat(centre.busyAgents()).as("wrap-up time counts against her").contains(elif);

            centre.wrapUp(call.id(), elif, "resolved", "Fatura itirazı kaydedildi", List.of("fatura-itiraz"), true);
            assertThat(centre.busyAgents()).doesNotContain(elif);
            Api.Response after = api.get("/api/v1/conversations/" + call.conversationId());
            assertThat(after.json().get("status").asString()).isEqualTo("resolved");
            assertThat(this.conversations.tags(call.conversationId())).contains("fatura-itiraz");
            assertThat(after.body()).as("the notes are an internal note").contains("Fatura itirazı kaydedildi");
        } finally {
            reader.interrupt();
        }
    }

    @Test
    void aRepeatedEventChangesNothingAndEventsOutOfOrderEndTheSameWay() {
        String phone = phone();
        String callId = "c-" + UUID.randomUUID();
        String ended = """
                {"callId":"%s","event":"ended","from":"%s","to":"+908502220000","duration":30}""".formatted(callId, phone);
        assertThat(cti(ended).status()).isEqualTo(201);
        assertThat(cti(ended).status()).as("the same event again").isEqualTo(200);
        cti("""
                {"callId":"%s","event":"answered","extension":"7101"}""".formatted(callId));
        Api.Response last = cti("""
                {"callId":"%s","event":"ringing","from":"%s","to":"+908502220000","extension":"7101"}""".formatted(callId, phone));
        assertThat(last.json().get("state").asString()).as("an ended call stays ended").isEqualTo("ended");
        assertThat(last.json().get("conversationId").isNull()).isFalse();
        assertThat(last.json().get("agentId").asString()).isEqualTo(ayse.toString());
    }

    @Test
    void anUnansweredCallIsMissedAndLeavesNothingToWrapUp() {
        String phone = phone();
        String callId = "c-" + UUID.randomUUID();
        cti("""
                {"callId":"%s","event":"ringing","from":"%s","to":"+908502220000","extension":"7103"}""".formatted(callId, phone));
        Api.Response ended = cti("""
                {"callId":"%s","event":"ended","cause":"no-answer"}""".formatted(callId));
        assertThat(ended.json().get("state").asString()).isEqualTo("failed");
        UUID id = UUID.fromString(ended.json().get("id").asString());
        assertThat(centre.get(id).awaitingWrapUp()).isFalse();
        Api.Response missed = api.get("/api/v1/conversations/" + ended.json().get("conversationId").asString());
        assertThat(missed.json().get("assigneeId").isNull()).as("the PBX chooses who takes a call; routing gives it to nobody").isTrue();
        assertThat(missed.json().get("queue").asString()).isEqualTo("Genel");
        assertThat(centre.busyAgents()).doesNotContain(mehmet);
    }

    @Test
    void ringingAndAnsweredAtOnceGiveOneConversationToTheAgentWhoAnswered() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> calls = new ArrayList<>();
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String phone = phone();
                String callId = "c-" + UUID.randomUUID();
                calls.add(callId);
                List<Callable<Api.Response>> events = List.of(
                        () -> cti("{\"callId\":\"%s\",\"event\":\"ringing\",\"from\":\"%s\",\"to\":\"+908502220000\"}".formatted(callId, phone)),
                        () -> cti("{\"callId\":\"%s\",\"event\":\"answered\",\"from\":\"%s\",\"to\":\"+908502220000\",\"extension\":\"7101\"}"
                                .formatted(callId, phone)));
                for (Callable<Api.Response> event : events) {
                    sent.add(pool.submit(event));
                }
            }
            for (Future<Api.Response> f : sent) {
                assertThat(f.get(60, TimeUnit.SECONDS).status()).isIn(200, 201);
            }
            for (String callId : calls) {
                Call call = centre.findByExternal("cti", callId).orElseThrow();
                assertThat(call.conversationId()).as(callId).isNotNull();
                assertThat(call.state()).isEqualTo("answered");
                Api.Response conversation = api.get("/api/v1/conversations/" + call.conversationId());
                assertThat(conversation.json().get("assigneeId").asString()).as(callId).isEqualTo(ayse.toString());
                assertThat(conversation.json().get("messages").valueStream().filter(m -> "inbound".equals(m.get("direction").asString()))
                        .count()).as("one call, one message").isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theApiSetsExtensionsListsCallsAndRefusesWhatCannotBeDone() {
        UUID zeynep = agents.findByUsername("zeynep").orElseThrow().id();
        Api.Response set = api.put("/api/v1/agents/" + zeynep + "/extensions", "{\"extensions\":[\"7105\",\" 7105 \",\"\"]}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("extensions").toString()).isEqualTo("[\"7105\"]");
        Api.Response taken = api.put("/api/v1/agents/" + zeynep + "/extensions", "{\"extensions\":[\"7101\"]}");
        assertThat(taken.status()).as("7101 rings ayse").isEqualTo(409);
        assertThat(api.put("/api/v1/agents/" + zeynep + "/extensions", "{\"extensions\":[\"a b\"]}").status()).isEqualTo(400);

        Api.Response dial = api.post("/api/v1/calls", "{\"agent\":\"zeynep\",\"number\":\"+905321112233\"}");
        assertThat(dial.status()).as("no telephone system is chosen").isEqualTo(422);
        assertThat(dial.contentType()).contains("problem+json");
        assertThat(api.post("/api/v1/calls", "{\"agent\":\"zeynep\",\"number\":\"not a number\"}").status()).isEqualTo(400);

        String phone = phone();
        String callId = "c-" + UUID.randomUUID();
        cti("{\"callId\":\"%s\",\"event\":\"answered\",\"from\":\"%s\",\"to\":\"+908502220000\",\"extension\":\"7105\"}"
                .formatted(callId, phone));
        Api.Response ended = cti("{\"callId\":\"%s\",\"event\":\"ended\",\"duration\":12}".formatted(callId));
        String id = ended.json().get("id").asString();
        String conversation = ended.json().get("conversationId").asString();
        assertThat(api.get("/api/v1/calls?conversationId=" + conversation).body()).contains(id);
        assertThat(api.get("/api/v1/calls").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/calls/" + id + "/wrap-up", "{\"agent\":\"zeynep\",\"outcome\":\"maybe\"}").status()).isEqualTo(400);
        Api.Response wrapped = api.post("/api/v1/calls/" + id + "/wrap-up", "{\"agent\":\"zeynep\",\"outcome\":\"follow-up\",\"notes\":\"Geri dönülecek\"}");
        assertThat(wrapped.status()).as(wrapped.body()).isEqualTo(200);
        assertThat(wrapped.json().get("outcome").asString()).isEqualTo("follow-up");
        assertThat(api.get("/api/v1/conversations/" + conversation).json().get("status").asString()).isEqualTo("open");
        assertThat(api.post("/api/v1/calls/" + id + "/wrap-up", "{\"agent\":\"zeynep\",\"outcome\":\"resolved\"}").status())
                .isEqualTo(409);
    }

    @Test
    void aCallIsWrappedUpOnlyOnceItEndedAndOnlyByItsAgent() {
        String callId = "c-" + UUID.randomUUID();
        cti("{\"callId\":\"%s\",\"event\":\"answered\",\"from\":\"%s\",\"to\":\"+908502220000\",\"extension\":\"7103\"}"
                .formatted(callId, phone()));
        String id = centre.findByExternal("cti", callId).orElseThrow().id().toString();
        assertThat(api.post("/api/v1/calls/" + id + "/wrap-up", "{\"agent\":\"mehmet\",\"outcome\":\"resolved\"}").status())
                .as("still on the call").isEqualTo(409);
        assertThat(centre.busyAgents()).as("a refused wrap-up does not free her mid-call").contains(mehmet);
        cti("{\"callId\":\"%s\",\"event\":\"ended\",\"duration\":30}".formatted(callId));
        assertThat(api.post("/api/v1/calls/" + id + "/wrap-up", "{\"agent\":\"ayse\",\"outcome\":\"resolved\"}").status())
                .as("not ayse's call").isEqualTo(409);
        assertThat(centre.busyAgents()).contains(mehmet);
        assertThat(api.post("/api/v1/calls/" + id + "/wrap-up", "{\"agent\":\"mehmet\",\"outcome\":\"resolved\"}").status())
                .isEqualTo(200);
        assertThat(centre.awaitingWrapUp(mehmet)).extracting(c -> c.id().toString()).doesNotContain(id);
    }

    @Test
    void forgedUnsignedAndUnreadableEventsAreRefused() {
        byte[] body = "{\"callId\":\"x\",\"event\":\"ringing\",\"from\":\"+905320000000\"}".getBytes(StandardCharsets.UTF_8);
        Api.Response forged = post(body, WebhookSignatures.sha256("not-the-secret", body));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).contains("problem+json");
        assertThat(post(body, null).status()).isEqualTo(401);

        assertThat(cti("{\"callId\":\"x\",\"event\":\"exploded\"}").status()).isEqualTo(400);
        assertThat(cti("not json").status()).isEqualTo(400);
        assertThat(cti("{\"callId\":\"x\",\"event\":\"ended\",\"duration\":\"long\"}").status()).isEqualTo(400);
        assertThat(cti("{\"callId\":\"a\\u0000b\",\"event\":\"ringing\"}").status()).isEqualTo(400);
        assertThat(cti("{\"callId\":\"y\",\"event\":\"ended\",\"recordingUrl\":\"javascript:alert(1)\"}").status()).isEqualTo(400);
    }

    private Api.Response cti(String json) {
        return new io.temas.support.Cti(port).send(json);
    }

    private Api.Response post(byte[] body, String signature) {
        return new io.temas.support.Cti(port).post(body, signature);
    }

    private static String awaitLine(BlockingQueue<String> lines, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("no line containing " + containing);
    }

    private static String phone() {
        return "+90532" + PHONES.incrementAndGet();
    }
}
