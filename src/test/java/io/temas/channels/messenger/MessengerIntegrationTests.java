package io.temas.channels.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.temas.channels.Outbox;
import io.temas.channels.OutboxDispatcher;
import io.temas.channels.WebhookSignatures;
import io.temas.inbound.Quarantine;
import io.temas.support.Api;
import io.temas.support.Holds;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Messenger and Instagram against a local server playing the Graph API, with webhooks signed as Meta signs them. */
@TemasIntegrationTest
class MessengerIntegrationTests {

    private static final String VERSION = "v21.0";
    private static final String APP_SECRET = "app-secret-" + UUID.randomUUID();
    private static final String VERIFY = "verify-" + UUID.randomUUID();
    private static final String PAGE_TOKEN = "EAAB" + UUID.randomUUID().toString().replace("-", "");
    private static final String PAGE = "104000000000001";
    private static final String INSTAGRAM = "17841400000000001";
    private static final FakeGraph GRAPH = new FakeGraph(VERSION, PAGE_TOKEN);
    private static final AtomicLong USERS = new AtomicLong(6_000_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void messenger(DynamicPropertyRegistry registry) {
        registry.add("temas.messenger.base-url", GRAPH::baseUrl);
        registry.add("temas.messenger.api-version", () -> VERSION);
        registry.add("temas.messenger.app-secret", () -> APP_SECRET);
        registry.add("temas.messenger.verify-token", () -> VERIFY);
        registry.add("temas.messenger.page-access-token", () -> PAGE_TOKEN);
        registry.add("temas.messenger.page-id", () -> PAGE);
        registry.add("temas.messenger.instagram-account-id", () -> INSTAGRAM);
    }

    @AfterAll
    static void stop() {
        GRAPH.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    Outbox outbox;
    @Autowired
    Quarantine quarantine;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        HttpResponse<String> ok = get("?hub.mode=subscribe&hub.verify_token=" + VERIFY + "&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(get("?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444").statusCode()).isEqualTo(403);
        assertThat(get("").statusCode()).isEqualTo(403);
    }

    @Test
    void aPageMessageBecomesAMessengerConversationAndItsAckGetsDeliveryAndReadReceipts() {
        String psid = Long.toString(USERS.incrementAndGet());
        String mid = "m_" + UUID.randomUUID();
        HttpResponse<String> response = post(page(event(psid, PAGE, "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"Siparişim gelmedi\"}")), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("received").asInt()).isEqualTo(1);

        UUID conversationId = conversationOf("messenger", psid);
        Api.Response conversation = api.get("/api/v1/conversations/" + conversationId);
        assertThat(conversation.text("/channel")).isEqualTo("messenger");
        assertThat(conversation.text("/attribution/entryPoint")).isEqualTo(PAGE);
        assertThat(api.get("/api/v1/customers/" + conversation.text("/customerId")).json().get("identities").findValuesAsString("value"))
                .containsExactly("messenger:" + psid);

        dispatcher.dispatch();
        List<FakeGraph.Sent> sent = GRAPH.sentTo(psid);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().path()).isEqualTo("/" + VERSION + "/me/messages");
        assertThat(sent.getFirst().messagingType()).isEqualTo("RESPONSE");
        Outbox.Entry ack = outbox.forConversation(conversationId).getFirst();
        assertThat(ack.status()).isEqualTo("sent");
        assertThat(ack.reference()).startsWith("m_" + psid + "_");

        post(page(event(psid, PAGE, "\"delivery\":{\"mids\":[\"" + ack.reference() + "\"],\"watermark\":" + now() + "}")), true);
        assertThat(outbox.find(ack.id()).orElseThrow().delivery()).isEqualTo("delivered");
        HttpResponse<String> read = post(page(event(psid, PAGE, "\"read\":{\"watermark\":" + (now() + 1000) + "}")), true);
        assertThat(JSON.readTree(read.body()).get("receipts").asInt()).isEqualTo(1);
        assertThat(outbox.find(ack.id()).orElseThrow().delivery()).isEqualTo("read");
        assertThat(api.get("/api/v1/conversations/" + conversationId).json().get("messages").findValuesAsString("delivery")).contains("read");
    }

    @Test
    void anInstagramObjectIsTheInstagramChannelAnsweredThroughTheAccount() {
        String igsid = Long.toString(USERS.incrementAndGet());
        String mid = "ig_" + UUID.randomUUID();
        String body = """
                {"object":"instagram","entry":[{"id":"%s","time":%d,"messaging":[%s]}]}"""
                .formatted(INSTAGRAM, now(), event(igsid, INSTAGRAM, "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"Merhaba\"}"));
        assertThat(post(body, true).statusCode()).isEqualTo(200);

        UUID conversationId = conversationOf("instagram", igsid);
        assertThat(api.get("/api/v1/conversations/" + conversationId).text("/channel")).isEqualTo("instagram");
        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Size nasıl yardımcı olabiliriz?\"}");
        assertThat(reply.status()).isEqualTo(201);
        dispatcher.dispatch();

        assertThat(GRAPH.sentTo(igsid)).extracting(FakeGraph.Sent::path).containsOnly("/" + VERSION + "/" + INSTAGRAM + "/messages");
        assertThat(GRAPH.sentTo(igsid)).extracting(FakeGraph.Sent::text).contains("Size nasıl yardımcı olabiliriz?");
        assertThat(outbox.forConversation(conversationId)).allSatisfy(e -> assertThat(e.status()).isEqualTo("sent"));
    }

    @Test
    void echoesOfOurOwnSendsAreSkippedAndARedeliveryIsTheSameMessage() {
        String psid = Long.toString(USERS.incrementAndGet());
        String echo = page(event(PAGE, psid, "\"message\":{\"mid\":\"m_echo_" + psid + "\",\"is_echo\":true,\"text\":\"Bizden\"}"));
        JsonNode skipped = JSON.readTree(post(echo, true).body());
        assertThat(skipped.get("ignored").asInt()).isEqualTo(1);
        assertThat(skipped.get("received").asInt()).isZero();
        assertThat(api.get("/api/v1/customers?identifier=social:messenger:" + PAGE).json().get("items")).isEmpty();

        String mid = "m_" + UUID.randomUUID();
        String body = page(event(psid, PAGE, "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"İade\"}"));
        assertThat(JSON.readTree(post(body, true).body()).get("received").asInt()).isEqualTo(1);
        JsonNode again = JSON.readTree(post(body, true).body());
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.get("received").asInt()).isZero();
        assertThat(api.get("/api/v1/conversations/" + conversationOf("messenger", psid)).json().get("messages").findValuesAsString("direction"))
                .containsOnlyOnce("inbound");
    }

    @Test
    void attachmentsAreStoredAndOneThatCannotBeFetchedDoesNotLoseTheMessage() {
        String psid = Long.toString(USERS.incrementAndGet());
        byte[] image = {(byte) 0xFF, (byte) 0xD8, 9, 8, 7};
        String url = GRAPH.media("photo-" + psid + ".jpg", image);
        String mid = "m_" + UUID.randomUUID();
        post(page(event(psid, PAGE, """
                "message":{"mid":"%s","attachments":[{"type":"image","payload":{"url":"%s"}},
                {"type":"file","payload":{"url":"%s/media/expired.pdf"}}]}""".formatted(mid, url, GRAPH.baseUrl()))), true);

        JsonNode message = api.get("/api/v1/conversations/" + conversationOf("messenger", psid)).json().at("/messages/0");
        assertThat(message.get("attachments")).hasSize(1);
        assertThat(message.at("/attachments/0/filename").asString()).isEqualTo("photo-" + psid + ".jpg");
        assertThat(message.at("/attachments/0/size").asInt()).isEqualTo(image.length);
        assertThat(api.get("/api/v1/messages/" + message.get("id").asString() + "/raw").body()).contains("expired.pdf");
    }

    @Test
    void aForgedSignatureIsRefusedAndCountedAndSignedGarbageIsQuarantinedWhole() {
        double before = refused();
        String body = page(event(Long.toString(USERS.incrementAndGet()), PAGE, "\"message\":{\"mid\":\"m_forged\",\"text\":\"x\"}"));
        HttpResponse<String> forged = post(body, false);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("X-Hub-Signature-256");
        assertThat(send(body, null).statusCode()).isEqualTo(401);
        assertThat(refused() - before).isEqualTo(2);

        for (String garbage : List.of("{\"object\":\"page\",\"entry\":[", "[1,2]", "{\"object\":\"whatsapp_business_account\",\"entry\":[]}")) {
            HttpResponse<String> answer = post(garbage, true);
            assertThat(answer.statusCode()).as(garbage).isEqualTo(400);
            UUID kept = UUID.fromString(JSON.readTree(answer.body()).get("quarantineId").asString());
            assertThat(quarantine.find(kept).orElseThrow().payload()).isEqualTo(garbage.getBytes(StandardCharsets.UTF_8));
        }
        // One event without a sender is that event's loss only: quarantined, and the call is answered 200.
        String senderless = "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"message\":{\"mid\":\"m_1\"}}]}]}";
        HttpResponse<String> answer = post(senderless, true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("rejected").asInt()).isEqualTo(1);
        assertThat(quarantined(senderless)).isEqualTo(1);
    }

    @Test
    void sendErrorsMapToRetryOrFailureAndAReplyOutsideTheWindowIsRefusedBeforeItIsTried() {
        String outside = Long.toString(USERS.incrementAndGet());
        String limited = Long.toString(USERS.incrementAndGet());
        String unavailable = Long.toString(USERS.incrementAndGet());
        String broken = Long.toString(USERS.incrementAndGet());
        GRAPH.fail(outside, FakeGraph.Failure.OUTSIDE_WINDOW);
        GRAPH.fail(limited, FakeGraph.Failure.RATE_LIMITED);
        GRAPH.fail(unavailable, FakeGraph.Failure.UNAVAILABLE);
        GRAPH.fail(broken, FakeGraph.Failure.SERVER);
        List<String> users = List.of(outside, limited, unavailable, broken);
        List<UUID> conversations = users.stream().map(u -> {
            String mid = "m_" + UUID.randomUUID();
            post(page(event(u, PAGE, "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"Yardım\"}")), true);
            return conversationOf("messenger", u);
        }).toList();

        dispatcher.dispatch();

        assertThat(outbox.forConversation(conversations.get(0)).getFirst()).satisfies(e -> {
            assertThat(e.status()).isEqualTo("failed");
            assertThat(e.lastError()).contains("24-hour messaging window", "2018278");
        });
        assertThat(outbox.forConversation(conversations.get(1)).getFirst()).satisfies(e -> {
            assertThat(e.status()).isEqualTo("pending");
            assertThat(e.lastError()).contains("613");
        });
        assertThat(outbox.forConversation(conversations.get(2)).getFirst()).satisfies(e -> {
            assertThat(e.status()).isEqualTo("failed");
            assertThat(e.lastError()).contains("not available", "551");
        });
        assertThat(outbox.forConversation(conversations.get(3)).getFirst()).satisfies(e -> {
            assertThat(e.status()).isEqualTo("pending");
            assertThat(e.lastError()).contains("500");
        });

        String stale = Long.toString(USERS.incrementAndGet());
        String mid = "m_" + UUID.randomUUID();
        long dayAndAHourAgo = Instant.now().minus(Duration.ofHours(25)).toEpochMilli();
        post(page(event(stale, PAGE, "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"Dünkü mesajım\"}")
                .replaceFirst("\"timestamp\":\\d+", "\"timestamp\":" + dayAndAHourAgo)), true);
        UUID conversationId = conversationOf("messenger", stale);
        Api.Response late = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Geç yanıt\"}");
        dispatcher.dispatch();

        assertThat(late.status()).as("refused before it is queued").isEqualTo(422);
        assertThat(late.text("/detail")).contains("24 hours", "another channel");
        assertThat(GRAPH.sentTo(stale)).as("nothing is tried outside the window").isEmpty();
        assertThat(outbox.forConversation(conversationId)).filteredOn(e -> "Geç yanıt".equals(e.body())).isEmpty();
    }

    @Test
    void aSlowSendApiGetsSeveralPeoplesSendsAtOnceAndOnePersonsInOrder() throws Exception {
        String first = Long.toString(USERS.incrementAndGet());
        String second = Long.toString(USERS.incrementAndGet());
        Holds.Held slow = GRAPH.hold(first);
        Holds.Held alsoSlow = GRAPH.hold(second);
        for (String user : List.of(first, second)) {
            post(page(event(user, PAGE, "\"message\":{\"mid\":\"m_" + UUID.randomUUID() + "\",\"text\":\"Yardım\"}")), true);
        }
        UUID conversationId = conversationOf("messenger", first);
        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Kargonuz yolda.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        // Both people's acknowledgements are at the Send API at once: neither waits for the other's answer.
        Holds.whileAllReached(dispatcher::dispatch, () -> assertThat(GRAPH.sentTo(first))
                .as("the reply waits for the acknowledgement's answer").hasSize(1), slow, alsoSlow);

        assertThat(GRAPH.sentTo(first)).extracting(FakeGraph.Sent::text).hasSize(2).last().isEqualTo("Kargonuz yolda.");
        assertThat(GRAPH.sentTo(second)).hasSize(1);
        assertThat(outbox.forConversation(conversationId)).extracting(Outbox.Entry::status).containsOnly("sent");
    }

    /** The user's latest conversation on the channel, found through their identity. */
    private UUID conversationOf(String channel, String userId) {
        String customerId = api.get("/api/v1/customers?identifier=social:" + channel + ":" + userId).text("/items/0/id");
        assertThat(customerId).as("customer of %s:%s", channel, userId).isNotNull();
        return UUID.fromString(api.get("/api/v1/conversations?customerId=" + customerId).text("/items/0/id"));
    }

    @Test
    void oneBadEventIsQuarantinedAndTheOthersOfTheCallAreTaken() {
        String psid = Long.toString(USERS.incrementAndGet());
        String good = "m_" + UUID.randomUUID();
        String body = """
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[%s,%s,%s]}]}""".formatted(PAGE, now(),
                event(psid, PAGE, "\"message\":{\"mid\":\"" + good + "\",\"text\":\"İyi\"}"),
                event(psid, PAGE, "\"message\":{\"mid\":{\"not\":\"text\"},\"text\":\"Kötü\"}"),
                event(psid, PAGE, "\"message\":{\"mid\":\"m_" + UUID.randomUUID() + "\",\"text\":\"NUL \\u0000\"}"));
        HttpResponse<String> response = post(body, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("received").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(response.body()).get("rejected").asInt()).isEqualTo(2);
        assertThat(quarantined(body)).isEqualTo(1);
        assertThat(post(body, true).statusCode()).isEqualTo(200);
        assertThat(quarantined(body)).isEqualTo(1);
    }

    @Test
    void anIdThatCannotBeStoredRefusesItsEventNotTheCall() {
        String psid = Long.toString(USERS.incrementAndGet());
        String good = "m_" + UUID.randomUUID();
        String body = """
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[%s,%s,%s,%s,%s]}]}""".formatted(PAGE, now(),
                event(psid, PAGE, "\"message\":{\"mid\":\"" + good + "\",\"text\":\"İyi\"}"),
                event("\\u0000", PAGE, "\"message\":{\"mid\":\"m_" + UUID.randomUUID() + "\",\"text\":\"NUL gönderen\"}"),
                event("9".repeat(10_000), PAGE, "\"message\":{\"mid\":\"m_" + UUID.randomUUID() + "\",\"text\":\"uzun gönderen\"}"),
                event(psid, PAGE, "\"message\":{\"mid\":\"m_\\u0000\",\"text\":\"NUL kimlik\"}"),
                event(psid, PAGE, "\"delivery\":{\"mids\":[\"m_\\u0000\",\"" + "m".repeat(10_000) + "\"]}"));
        HttpResponse<String> response = post(body, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("received").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(response.body()).get("rejected").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(response.body()).get("receipts").asInt()).isZero();
        assertThat(quarantined(body)).isEqualTo(1);
    }

    @Test
    void attachmentsComeOnlyFromMetasHostsAtMostTenAndNotAgainForARedelivery() throws Exception {
        String psid = Long.toString(USERS.incrementAndGet());
        String mid = "m_" + UUID.randomUUID();
        com.sun.net.httpserver.HttpServer elsewhere = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        elsewhere.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        try {
            List<String> attachments = new java.util.ArrayList<>();
            attachments.add("{\"type\":\"image\",\"payload\":{\"url\":\"http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/x.jpg\"}}");
            attachments.add("{\"type\":\"image\",\"payload\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}");
            for (int i = 0; i < 12; i++) {
                attachments.add("{\"type\":\"image\",\"payload\":{\"url\":\"" + GRAPH.media("many-" + psid + "-" + i + ".jpg", new byte[] {(byte) i}) + "\"}}");
            }
            String body = page(event(psid, PAGE, "\"message\":{\"mid\":\"" + mid + "\",\"attachments\":[" + String.join(",", attachments) + "]}"));
            assertThat(post(body, true).statusCode()).isEqualTo(200);
            JsonNode message = api.get("/api/v1/conversations/" + conversationOf("messenger", psid)).json().at("/messages/0");
            // The first two are refused for their hosts, the next eight are fetched, the rest are past the limit of ten.
            assertThat(message.get("attachments")).hasSize(8);
            assertThat(hits.get()).isZero();
            assertThat(GRAPH.downloads("many-" + psid + "-9.jpg")).isZero();

            assertThat(JSON.readTree(post(body, true).body()).get("duplicates").asInt()).isEqualTo(1);
            assertThat(GRAPH.downloads("many-" + psid + "-0.jpg")).isEqualTo(1);
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void aReplyToSomebodyNeverHeardOnMessengerIsRefusedAndAFutureTimestampCountsAsNow() {
        String psid = Long.toString(USERS.incrementAndGet());
        String future = """
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"m_%s","text":"Gelecek"}}"""
                .formatted(psid, PAGE, now() + 400L * 86_400_000, UUID.randomUUID());
        assertThat(post(page(future), true).statusCode()).isEqualTo(200);
        Instant heard = jdbc.sql("select last_received_at from messenger_contacts where channel = 'messenger' and user_id = ?").param(psid)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(heard).isBefore(Instant.now().plusSeconds(60));

        var conversation = conversationOf("messenger", psid);
        jdbc.sql("delete from messenger_contacts where channel = 'messenger' and user_id = ?").param(psid).update();
        Api.Response refused = api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\":\"Merhaba\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("never");

        io.temas.support.Console admin = io.temas.support.Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        admin.cookie("temas-lang", "en");
        String page = "/console/conversations/" + conversation;
        admin.submit(page, page + "/reply", java.util.Map.of("channel", "messenger", "text", "Merhaba"));
        assertThat(admin.get(page).body()).contains("The customer has never written on this channel");
    }

    @Test
    void fieldsOfTheWrongTypeAreNeverAServerError() {
        String psid = Long.toString(USERS.incrementAndGet());
        List<String> bodies = io.temas.channels.WebhookFuzz.variants(() -> """
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"m_%s","text":"t","is_echo":false,
                "attachments":[{"type":"image","payload":{"url":"%s/media/none.jpg"}}]}},
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,"delivery":{"mids":["m_x"],"watermark":%d}},
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,"read":{"watermark":%d}},
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,"read":{"mid":"m_y"}}]}]}"""
                .formatted(PAGE, now(), psid, PAGE, now(), UUID.randomUUID(), GRAPH.baseUrl(), psid, PAGE, now(), now(), psid, PAGE, now(),
                        now(), psid, PAGE, now()));
        assertThat(bodies).hasSizeGreaterThan(100);
        for (String body : bodies) {
            HttpResponse<String> response = post(body, true);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isLessThan(500);
            assertThat(response.body()).as(body + ": a value that cannot be stored refuses its item, not the call")
                    .doesNotContain("not-storable");
        }
    }

    private long quarantined(String payload) {
        return jdbc.sql("select count(*) from quarantine where payload = ?").param(payload.getBytes(StandardCharsets.UTF_8))
                .query(Long.class).single();
    }

    private double refused() {
        return meters.find("temas.webhooks.refused").tags("channel", "messenger").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static long now() {
        return Instant.now().toEpochMilli();
    }

    private static String page(String event) {
        return """
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[%s]}]}""".formatted(PAGE, now(), event);
    }

    private static String event(String sender, String recipient, String content) {
        return """
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,%s}""".formatted(sender, recipient, now(), content);
    }

    private HttpResponse<String> post(String body, boolean signed) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(body, WebhookSignatures.sha256(signed ? APP_SECRET : "not-the-secret", bytes));
    }

    private HttpResponse<String> send(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/messenger"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return exchange(request);
    }

    private HttpResponse<String> get(String query) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/messenger" + query)).GET());
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
