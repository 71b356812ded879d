package io.temas.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.channels.OutboxDispatcher;
import io.temas.customers.IdentityResolver;
import io.temas.inbound.Quarantine;
import io.micrometer.core.instrument.MeterRegistry;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Holds;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The SMS channel against a local server playing Twilio, and provider webhooks signed and unsigned. */
@TemasIntegrationTest
class SmsProviderIntegrationTests {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-test-token";
    private static final String SECRET = "generic-test-secret";
    private static final FakeTwilio TWILIO = new FakeTwilio(SID, TOKEN);
    private static final AtomicLong PHONES = new AtomicLong(2_000_000);

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("temas.sms.provider", () -> "twilio");
        registry.add("temas.sms.base-url", TWILIO::baseUrl);
        registry.add("temas.sms.account-sid", () -> SID);
        registry.add("temas.sms.auth-token", () -> TOKEN);
        registry.add("temas.sms.webhook-secret", () -> SECRET);
        registry.add("temas.sms.sender", () -> "+908502220000");
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    Outbox outbox;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Quarantine quarantine;

    @Autowired
    MeterRegistry meters;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        assertThat(api.put("/api/v1/contact-rules/sms", "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
    }

    @Test
    void aCampaignSmsLeavesThroughTwilioAndItsDeliveryReceiptIsRecorded() {
        String campaignId = campaign();
        String phone = customer();
        UUID outboxId = send(campaignId, phone, "Kış kampanyası: KIS EVET yazın");

        dispatcher.dispatch();

        FakeTwilio.Request request = TWILIO.requests().stream().filter(r -> phone.equals(r.form().get("To"))).findFirst().orElseThrow();
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(request.form()).containsEntry("From", "+908502220000").containsEntry("Body", "Kış kampanyası: KIS EVET yazın");
        Outbox.Entry sent = outbox.find(outboxId).orElseThrow();
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.transport()).isEqualTo("twilio");
        assertThat(sent.reference()).startsWith("SM");
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/sends/sent").asInt())
                .as("the campaign's contact sent with its outbox entry").isEqualTo(1);

        HttpResponse<String> receipt = twilio("/api/v1/webhooks/sms/twilio/status",
                Map.of("MessageSid", sent.reference(), "MessageStatus", "delivered", "AccountSid", SID), true);
        assertThat(receipt.statusCode()).isEqualTo(204);
        assertThat(outbox.find(outboxId).orElseThrow().delivery()).isEqualTo("delivered");
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/sends/delivered").asInt()).isEqualTo(1);
    }

    @Test
    void aSlowProviderGetsSeveralSendsAtOnceAndOneCustomersInTheOrderTheyWereQueued() throws Exception {
        String first = "+90555" + PHONES.incrementAndGet();
        String second = "+90555" + PHONES.incrementAndGet();
        Holds.Held slow = TWILIO.hold(first);
        Holds.Held alsoSlow = TWILIO.hold(second);
        Instant now = Instant.now();
        UUID one = queue(first, "Birinci mesaj", now.minusSeconds(3));
        UUID two = queue(first, "İkinci mesaj", now.minusSeconds(2));
        UUID other = queue(second, "Başka müşteri", now.minusSeconds(1));

        // Both customers' first messages are at the provider at once: neither waits for the other's answer.
        Holds.whileAllReached(dispatcher::dispatch, () -> {
        }, slow, alsoSlow);

        assertThat(List.of(one, two, other)).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().status()).isEqualTo("sent"));
        List<String> toFirst = TWILIO.events().stream().filter(e -> e.endsWith(first)).toList();
        assertThat(toFirst).as("the second is asked for only once the first was answered")
                .containsExactly("arrived " + first, "answered " + first, "arrived " + first, "answered " + first);
        assertThat(TWILIO.requests().stream().filter(r -> first.equals(r.form().get("To"))).map(r -> r.form().get("Body")))
                .containsExactly("Birinci mesaj", "İkinci mesaj");
    }

    @Test
    void throttlingIsRetriedAndAnInvalidNumberFailsForGood() {
        String campaignId = campaign();
        String throttled = customer();
        String invalid = customer();
        TWILIO.throttle(throttled);
        TWILIO.invalidNumber(invalid);
        UUID first = send(campaignId, throttled, "Deneme bir");
        UUID second = send(campaignId, invalid, "Deneme iki");

        dispatcher.dispatch();

        Outbox.Entry retried = outbox.find(first).orElseThrow();
        assertThat(retried.status()).isEqualTo("pending");
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("429", "Too Many Requests");
        Outbox.Entry failed = outbox.find(second).orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.lastError()).contains("400", "not a valid phone number");
    }

    @Test
    void aSignedTwilioSmsRunsThroughThePipelineAndCountsAsACampaignResponse() {
        String keyword = "TW" + shortId();
        String campaignId = campaign(keyword);
        String phone = customer();
        HttpResponse<String> response = twilio("/api/v1/webhooks/sms/twilio", Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", phone, "To", "+908502220000", "Body", keyword + " Evet", "AccountSid", SID, "NumMedia", "0"), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("<Response>");
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/byChannel/sms/accepted").asInt()).isEqualTo(1);
    }

    @Test
    void aGenericSignedSmsIsTakenAndARetryAnswersTheSameIds() {
        String phone = customer();
        byte[] body = """
                {"id":"g-%s","from":"%s","to":"+908502220000","text":"Faturam gelmedi"}""".formatted(UUID.randomUUID(), phone)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first = generic("/api/v1/webhooks/sms/generic", body, SmsSignatures.generic(SECRET, body));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = generic("/api/v1/webhooks/sms/generic", body, SmsSignatures.generic(SECRET, body));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");

        byte[] receipt = "{\"id\":\"never-sent\",\"status\":\"delivered\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unknown = generic("/api/v1/webhooks/sms/generic/status", receipt, SmsSignatures.generic(SECRET, receipt));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("\"matched\":false");
    }

    @Test
    void badSignaturesAreRefusedAndTheirPayloadQuarantined() {
        HttpResponse<String> twilio = twilio("/api/v1/webhooks/sms/twilio", Map.of("MessageSid", "SMforged", "From", "+905551112233",
                "To", "+908502220000", "Body", "RET"), false);
        assertThat(twilio.statusCode()).isEqualTo(401);
        assertThat(twilio.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        String quarantineId = api.get("/api/v1/quarantine").body();
        assertThat(quarantineId).contains("bad or missing X-Twilio-Signature");

        byte[] body = "{\"id\":\"g-forged\",\"from\":\"+905551112233\",\"to\":\"+908502220000\",\"text\":\"EVET\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> generic = generic("/api/v1/webhooks/sms/generic", body, SmsSignatures.generic("wrong-secret", body));
        assertThat(generic.statusCode()).isEqualTo(401);
        assertThat(generic.body()).contains("quarantineId");
        assertThat(generic("/api/v1/webhooks/sms/generic", body, null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/quarantine").body()).contains("bad or missing X-Temas-Signature");

        // A forged body is never turned into trusted input by retrying it from the quarantine.
        String forgedId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(generic.body()).get("quarantineId").asString();
        var retried = api.post("/api/v1/quarantine/" + forgedId + "/retry", "");
        assertThat(retried.json().get("delivered").asBoolean()).isFalse();
        assertThat(retried.text("/reason")).contains("not retried");
    }

    @Test
    void aFormBodyWithABrokenPercentEscapeIsABadRequestNot500() {
        String url = "http://127.0.0.1:" + port + "/api/v1/webhooks/sms/twilio";
        HttpResponse<String> response = post(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "forged").POST(HttpRequest.BodyPublishers.ofString("MessageSid=SMbroken&Body=%zz&From=%2")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }

    @Test
    void oversizedWebhookBodiesAreRefusedBeforeTheyAreRead() {
        byte[] body = new byte[70 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        assertThat(generic("/api/v1/webhooks/sms/generic", body, null).statusCode()).isEqualTo(413);
    }

    @Test
    void aForgedBodyIsKeptOnlyInItsFirstBytesAndOnlyAFewTimesPerClient() {
        byte[] body = ("{\"id\":\"g-big\",\"from\":\"+905551112233\",\"to\":\"+908502220000\",\"text\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        double kept = refused("kept");
        double dropped = refused("dropped");

        HttpResponse<String> first = generic("/api/v1/webhooks/sms/generic", body, "sha256=00", "203.0.113.50");
        assertThat(first.statusCode()).isEqualTo(401);
        Quarantine.Item item = quarantine.find(UUID.fromString(json(first.body()).get("quarantineId").asString())).orElseThrow();
        assertThat(item.payload()).isEqualTo(java.util.Arrays.copyOf(body, 4096));
        assertThat(item.truncated()).isTrue();
        assertThat(item.reason()).contains("bad or missing X-Temas-Signature", "first 4096 of " + body.length + " bytes kept");
        assertThat(item.entryPoint()).as("nothing an unsigned body says is trusted").isNull();

        for (int i = 1; i < 10; i++) {
            assertThat(generic("/api/v1/webhooks/sms/generic", body, null, "203.0.113.50").statusCode()).as("refusal " + i).isEqualTo(401);
        }
        int open = quarantine.countOpen();
        HttpResponse<String> eleventh = generic("/api/v1/webhooks/sms/generic", body, null, "203.0.113.50");
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(eleventh.headers().firstValue("Retry-After")).as("when to try again: the refusal window, 1m").hasValue("60");
        assertThat(eleventh.body()).doesNotContain("quarantineId");
        assertThat(quarantine.countOpen()).as("the excess is not kept").isEqualTo(open);

        assertThat(generic("/api/v1/webhooks/sms/generic", body, null, "203.0.113.51").statusCode()).as("another client").isEqualTo(401);
        assertThat(refused("kept") - kept).isEqualTo(11);
        assertThat(refused("dropped") - dropped).isEqualTo(1);
    }

    @Test
    void aSignedButUnreadableBodyIsQuarantinedWhole() {
        byte[] body = ("{\"id\":\"g-unreadable\",\"text\":\"" + "y".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = generic("/api/v1/webhooks/sms/generic", body, SmsSignatures.generic(SECRET, body), "203.0.113.52");
        assertThat(response.statusCode()).isEqualTo(400);
        Quarantine.Item item = quarantine.find(UUID.fromString(json(response.body()).get("quarantineId").asString())).orElseThrow();
        assertThat(item.payload()).isEqualTo(body);
        assertThat(item.truncated()).isFalse();
    }

    private double refused(String outcome) {
        var counter = meters.find("temas.webhooks.refused").tags("channel", "sms", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static tools.jackson.databind.JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

    private HttpResponse<String> twilio(String path, Map<String, String> params, boolean signed) {
        String url = "http://127.0.0.1:" + port + path;
        String form = new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String signature = SmsSignatures.twilio(signed ? TOKEN : "not-the-token", url, params);
        return post(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> generic(String path, byte[] body, String signature) {
        return generic(path, body, signature, "127.0.0.1");
    }

    /** As sent by {@code client}, seen through a proxy. */
    private HttpResponse<String> generic(String path, byte[] body, String signature, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Temas-Signature", signature);
        }
        return post(request);
    }

    private static HttpResponse<String> post(HttpRequest.Builder request) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String campaign() {
        return campaign("TS" + shortId());
    }

    private String campaign(String keyword) {
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"SMS %s","code":"%s","offer":"Deneme","channels":["sms"],"smsKeyword":"%s"}""".formatted(keyword, keyword, keyword));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("/id");
    }

    /** A customer campaigns may text: commercial contact needs a recorded consent. */
    private String customer() {
        String phone = "+90536" + PHONES.incrementAndGet();
        String id = identities.resolve(List.of(Identifier.phone(phone)), "SMS Müşterisi", Language.TR).customerId().value().toString();
        assertThat(api.post("/api/v1/customers/" + id + "/consents", """
                {"channel":"sms","purpose":"commercial","granted":true,"source":"test"}""").status()).isEqualTo(201);
        return phone;
    }

    private UUID queue(String phone, String text, Instant due) {
        return outbox.enqueue(new OutboundMessage(ChannelType.SMS, "+908502220000", phone, null, text, Map.of(), null, null), due);
    }

    private UUID send(String campaignId, String phone, String text) {
        String customerId = api.get("/api/v1/customers?identifier=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)).text("/items/0/id");
        Api.Response plan = api.post("/api/v1/campaigns/" + campaignId + "/sends",
                "{\"channel\":\"sms\",\"text\":" + Api.quote(text) + ",\"audience\":{\"customerIds\":[\"" + customerId + "\"]}}");
        assertThat(plan.json().at("/allowed").asInt()).as(plan.body()).isEqualTo(1);
        assertThat(api.post("/api/v1/campaigns/" + campaignId + "/sends/" + plan.text("/sendId") + "/confirm", "{}").status()).isEqualTo(200);
        return outbox.recent("pending", 500).stream().filter(e -> e.recipient().equals(phone)).findFirst().orElseThrow().id();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
