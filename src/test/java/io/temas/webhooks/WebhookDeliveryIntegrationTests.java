package io.temas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.campaigns.ConsentChanged;
import io.temas.campaigns.Purpose;
import io.temas.customers.LifecycleStageChanged;
import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end over real HTTP: a receiver on a loopback port that fails every delivery's first try gets every
 * event it subscribed to, signed with its secret, each exactly once but for retries of the same delivery id; events of
 * a change that rolled back never leave; the API refuses bad subscriptions with problem details.
 */
@TemasIntegrationTest
class WebhookDeliveryIntegrationTests {

    private static final String BASE = "/api/v1/webhook-subscriptions";
    private static final String MAILBOX = "bilgi@ornek.com.tr";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<io.temas.customers.PersonalData> personalData;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    DataSource dataSource;

    private final List<String> subscriptions = new ArrayList<>();

    private Api api() {
        return new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @AfterEach
    void unsubscribe() {
        // The context is shared: a subscription left behind would get every later test's events.
        subscriptions.forEach(id -> api().delete(BASE + "/" + id));
    }

    @Test
    void aReceiverThatFailsFirstGetsEverySignedEventOnceExceptRetriesOfTheSameDelivery() {
        try (Receiver receiver = Receiver.failingFirst()) {
            String secret = "gizli-" + UUID.randomUUID();
            String subscription = subscribe(receiver.url(), WebhookEvents.ALL, secret);

            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Api.Response taken = api().post("/api/v1/inbound", """
                        {"channel":"email","entryPoint":"%s","externalId":"<%s@example.com>","from":{"email":"webhook-%s@example.com"},
                         "subject":"Kart aidatı","text":"Kart aidatımı neden ödedim? Çağrı %d"}""".formatted(MAILBOX, UUID.randomUUID(), UUID.randomUUID(), i));
                assertThat(taken.status()).as(taken.body()).isEqualTo(201);
                conversations.add(taken.text("/conversationId"));
            }
            for (String conversation : conversations.subList(0, 2)) {
                Api.Response resolved = api().post("/api/v1/conversations/" + conversation + "/status", "{\"status\":\"resolved\"}");
                assertThat(resolved.status()).as(resolved.body()).isLessThan(300);
            }
            Set<String> expected = new java.util.HashSet<>();
            conversations.forEach(c -> {
                expected.add(WebhookEvents.CONVERSATION_OPENED + " " + c);
                expected.add(WebhookEvents.MESSAGE_RECEIVED + " " + c);
            });
            conversations.subList(0, 2).forEach(c -> expected.add(WebhookEvents.CONVERSATION_RESOLVED + " " + c));

            await().atMost(Duration.ofSeconds(60)).until(() -> taken(receiver, conversations).keySet().containsAll(expected));

            List<Receiver.Request> ours = receiver.requests(r -> conversations.contains(body(r).at("/data/conversationId").asString()));
            for (Receiver.Request request : ours) {
                assertThat(request.signature()).as("signed with the subscription's secret").isEqualTo(hmac(secret, request.body()));
                JsonNode body = body(request);
                assertThat(body.at("/id").asString()).as("the body's id is the delivery header").isEqualTo(request.delivery());
                assertThat(body.at("/type").asString()).isEqualTo(request.event());
                assertThat(Instant.parse(body.at("/occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
            }
            Map<String, List<Receiver.Request>> byDelivery = ours.stream().collect(Collectors.groupingBy(Receiver.Request::delivery));
            byDelivery.forEach((delivery, tries) -> {
                assertThat(tries.stream().map(Receiver.Request::body).distinct()).as("a retry sends the same bytes").hasSize(1);
                assertThat(tries.stream().filter(t -> t.answered() == 200)).as("taken once").hasSize(1);
                assertThat(tries.getFirst().answered()).as("the receiver failed the first try").isEqualTo(500);
            });
            Map<String, List<String>> deliveriesPerEvent = taken(receiver, conversations);
            deliveriesPerEvent.forEach((event, deliveries) -> assertThat(deliveries).as("one delivery for " + event).hasSize(1));
            assertThat(deliveriesPerEvent).hasSize(expected.size());
            Receiver.Request message = ours.stream().filter(r -> r.event().equals(WebhookEvents.MESSAGE_RECEIVED)).findFirst().orElseThrow();
            assertThat(body(message).at("/data/text").asString()).startsWith("Kart aidatımı neden ödedim?");
            assertThat(body(message).at("/data/channel").asString()).isEqualTo("email");

            // The log shows both tries of a delivery: 500 first, then 200. The receiver has answered the second before the
            // dispatcher commits its attempt, so the log is read until that commit shows.
            String delivery = message.delivery();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode log = api().get(BASE + "/" + subscription + "/deliveries").json();
                List<JsonNode> attempts = log.at("/attempts").values().stream().filter(a -> a.at("/deliveryId").asString().equals(delivery))
                        .toList();
                assertThat(attempts).extracting(a -> a.at("/attempt").asInt()).containsExactlyInAnyOrder(1, 2);
                assertThat(attempts).extracting(a -> a.at("/httpStatus").asInt()).containsExactlyInAnyOrder(500, 200);
                assertThat(attempts).allSatisfy(a -> assertThat(a.at("/deliveryStatus").asString()).isEqualTo("delivered"));
            });
        }
    }

    @Test
    void onlySubscribedTypesGoOutAndAChangeThatRolledBackSendsNothing() {
        try (Receiver receiver = new Receiver((delivery, times) -> 204)) {
            String secret = "gizli-" + UUID.randomUUID();
            String subscription = subscribe(receiver.url(), List.of(WebhookEvents.STAGE_CHANGED, WebhookEvents.CONSENT_CHANGED), secret);
            UUID customer = UUID.randomUUID();
            UUID kept = UUID.randomUUID();
            UUID rolledBack = UUID.randomUUID();

            transactions.executeWithoutResult(tx -> {
                events.publishEvent(new LifecycleStageChanged(customer, "lead", "customer", "test", Instant.parse("2026-01-02T03:04:05Z")));
                events.publishEvent(new ConsentChanged(kept, customer, "webhook@example.com", ChannelType.EMAIL, Purpose.COMMERCIAL, true,
                        "form", Instant.now()));
            });
            try {
                transactions.executeWithoutResult(tx -> {
                    events.publishEvent(new ConsentChanged(rolledBack, customer, "webhook@example.com", ChannelType.EMAIL,
                            Purpose.COMMERCIAL, false, "form", Instant.now()));
                    throw new IllegalStateException("the change fails after its event");
                });
            } catch (IllegalStateException expected) {
                // the change and its delivery are gone together
            }
            Api.Response message = api().post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"%s","externalId":"<%s@example.com>","from":{"email":"webhook-%s@example.com"},
                     "subject":"Soru","text":"Bir sorum var"}""".formatted(MAILBOX, UUID.randomUUID(), UUID.randomUUID()));
            assertThat(message.status()).isEqualTo(201);
            // Deliveries are written in the transaction of their change: by now the message's would be there.
            assertThat(jdbc.sql("select event_type from webhook_deliveries where subscription_id = ?::uuid").param(subscription)
                    .query(String.class).list()).containsExactlyInAnyOrder(WebhookEvents.STAGE_CHANGED, WebhookEvents.CONSENT_CHANGED);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 2);
            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).extracting(Receiver.Request::event)
                    .containsExactlyInAnyOrder(WebhookEvents.STAGE_CHANGED, WebhookEvents.CONSENT_CHANGED);
            Receiver.Request stage = requests.stream().filter(r -> r.event().equals(WebhookEvents.STAGE_CHANGED)).findFirst().orElseThrow();
            assertThat(body(stage).at("/occurredAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(body(stage).at("/data/to").asString()).isEqualTo("customer");
            assertThat(body(stage).at("/data/customerId").asString()).isEqualTo(customer.toString());
            Receiver.Request consent = requests.stream().filter(r -> r.event().equals(WebhookEvents.CONSENT_CHANGED)).findFirst().orElseThrow();
            assertThat(body(consent).at("/data/consentId").asString()).isEqualTo(kept.toString());
            assertThat(body(consent).at("/data/granted").asBoolean()).isTrue();
            assertThat(requests).allSatisfy(r -> assertThat(r.signature()).isEqualTo(hmac(secret, r.body())));
            assertThat(jdbc.sql("select count(*) from webhook_deliveries where body like ?").param("%" + rolledBack + "%")
                    .query(Long.class).single()).as("no delivery of the rolled-back change").isZero();
        }
    }

    @Test
    void aPausedSubscriptionHoldsItsDeliveriesUntilResumed() {
        try (Receiver receiver = new Receiver((delivery, times) -> 200)) {
            String subscription = subscribe(receiver.url(), List.of(WebhookEvents.STAGE_CHANGED), "gizli-" + UUID.randomUUID());
            assertThat(api().post(BASE + "/" + subscription + "/pause", "").json().at("/paused").asBoolean()).isTrue();
            UUID customer = UUID.randomUUID();
            transactions.executeWithoutResult(tx -> events.publishEvent(new LifecycleStageChanged(customer, null, "lead", "test", Instant.now())));
            assertThat(api().get(BASE + "/" + subscription + "/deliveries").json().at("/counts/pending").asLong()).isEqualTo(1);
            dispatcher.poll();
            assertThat(jdbc.sql("select attempts from webhook_deliveries where subscription_id = ?::uuid").param(subscription)
                    .query(Integer.class).single()).as("a held delivery is not tried").isZero();
            assertThat(receiver.requests()).isEmpty();

            String test = api().post(BASE + "/" + subscription + "/resume", "").status() == 200
                    ? api().post(BASE + "/" + subscription + "/test", "").text("/deliveryId") : null;

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 2);
            assertThat(receiver.requests()).extracting(Receiver.Request::event)
                    .containsExactlyInAnyOrder(WebhookEvents.STAGE_CHANGED, WebhookEvents.TEST);
            assertThat(receiver.requests()).extracting(Receiver.Request::delivery).contains(test);
        }
    }

    @Test
    void deliveriesDoneLongAgoAndThoseOfDeletedSubscriptionsArePrunedAndTheRestKept() {
        String subscription = subscribe("http://127.0.0.1:9/prune", List.of(WebhookEvents.STAGE_CHANGED), "gizli-" + UUID.randomUUID());
        Instant now = Instant.now();
        UUID oldDelivered = delivery(UUID.fromString(subscription), "delivered", now.minus(Duration.ofDays(40)));
        UUID oldFailed = delivery(UUID.fromString(subscription), "failed", now.minus(Duration.ofDays(40)));
        UUID recentDelivered = delivery(UUID.fromString(subscription), "delivered", now.minus(Duration.ofDays(2)));
        UUID oldPending = delivery(UUID.fromString(subscription), "pending", now.minus(Duration.ofDays(40)));
        UUID orphan = delivery(UUID.randomUUID(), "pending", now);

        dispatcher.prune();

        List<UUID> left = jdbc.sql("select id from webhook_deliveries where id in (?, ?, ?, ?, ?)")
                .params(oldDelivered, oldFailed, recentDelivered, oldPending, orphan).query(UUID.class).list();
        assertThat(left).containsExactlyInAnyOrder(recentDelivered, oldPending);
    }

    /**
     * The counts and the attempts come from one snapshot. The attempts' read is held on a table lock after the counts
     * were read, while another transaction fails the delivery and records its attempt; the log must show the delivery
     * as it stood for both reads, not pending in the counts beside a failed attempt.
     */
    @Test
    void theCountsAndTheAttemptsOfTheLogAgreeWhenADeliveryFailsBetweenTheirReads() throws Exception {
        String subscription = subscribe("http://127.0.0.1:9/log", List.of(WebhookEvents.STAGE_CHANGED), "gizli-" + UUID.randomUUID());
        UUID pending = delivery(UUID.fromString(subscription), "pending", Instant.now());
        try (Connection writer = dataSource.getConnection();
             ExecutorService reader = Executors.newSingleThreadExecutor()) {
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.execute("lock table webhook_attempts in access exclusive mode");
                statement.execute("update webhook_deliveries set status = 'failed', attempts = 1 where id = '" + pending + "'");
                statement.execute("""
                        insert into webhook_attempts (delivery_id, attempt, subscription_id, attempted_at, http_status, latency_ms, error_code, error)
                        values ('%s', 1, '%s', now(), 500, 3, 'http-status', 'answered HTTP 500')""".formatted(pending, subscription));
            }
            Future<JsonNode> log = reader.submit(() -> api().get(BASE + "/" + subscription + "/deliveries").json());
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_locks where relation = 'webhook_attempts'::regclass and not granted""").query(Integer.class).single() > 0);
            writer.commit();

            JsonNode read = log.get(30, TimeUnit.SECONDS);
            long failedAttempts = StreamSupport.stream(read.at("/attempts").spliterator(), false)
                    .filter(a -> a.at("/deliveryStatus").asString().equals("failed")).count();
            assertThat(read.at("/counts/failed").asLong()).as(read.toString()).isEqualTo(failedAttempts);
            assertThat(read.at("/counts/pending").asLong() + read.at("/counts/failed").asLong()).as(read.toString()).isEqualTo(1);
        }
        JsonNode after = api().get(BASE + "/" + subscription + "/deliveries").json();
        assertThat(after.at("/counts/failed").asLong()).isEqualTo(1);
        assertThat(after.at("/attempts/0/deliveryStatus").asString()).isEqualTo("failed");
    }

    private UUID delivery(UUID subscription, String status, Instant created) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into webhook_deliveries (id, subscription_id, event_type, body, status, next_attempt_at, created_at)
                        values (?, ?, 'stage.changed', '{}', ?, ?, ?)""")
                .params(id, subscription, status, java.sql.Timestamp.from(WebhookOutbox.HELD.toInstant()), java.sql.Timestamp.from(created))
                .update();
        return id;
    }

    @Test
    void aGeneratedSecretIsAnsweredOnceAndSignsTheTestEvent() {
        try (Receiver receiver = new Receiver((delivery, times) -> 200)) {
            Api.Response created = api().post(BASE, "{\"url\":" + Api.quote(receiver.url()) + ",\"events\":[\"message.received\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.text("/id");
            subscriptions.add(id);
            String secret = created.text("/secret");
            assertThat(secret).matches("[0-9a-f]{64}");
            Api.Response read = api().get(BASE + "/" + id);
            assertThat(read.body()).doesNotContain(secret);
            assertThat(api().get(BASE).body()).doesNotContain(secret);

            api().post(BASE + "/" + id + "/test", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests().isEmpty());
            Receiver.Request test = receiver.requests().getFirst();
            assertThat(test.event()).isEqualTo(WebhookEvents.TEST);
            assertThat(test.signature()).isEqualTo(hmac(secret, test.body()));
        }
    }

    @Test
    void aCustomersDeliveriesAreInTheirExportAndGoWithTheirErasure() {
        try (Receiver receiver = new Receiver((delivery, times) -> 200)) {
            subscribe(receiver.url(), List.of(WebhookEvents.CONSENT_CHANGED), "gizli-" + UUID.randomUUID());
            UUID customer = UUID.randomUUID();
            String address = "kvkk-" + UUID.randomUUID() + "@example.com";
            transactions.executeWithoutResult(tx -> events.publishEvent(new ConsentChanged(UUID.randomUUID(), customer, address,
                    ChannelType.EMAIL, Purpose.COMMERCIAL, true, "form", Instant.now())));
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests().isEmpty());
            io.temas.customers.PersonalData part = personalData.stream().filter(p -> p.kind().equals("webhook-deliveries")).findFirst().orElseThrow();
            io.temas.customers.CustomerId id = new io.temas.customers.CustomerId(customer);

            List<Map<String, Object>> exported = part.export(id);
            assertThat(exported).hasSize(1);
            assertThat((String) exported.getFirst().get("body")).contains(address);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from webhook_attempts a join webhook_deliveries d"
                    + " on d.id = a.delivery_id where d.customer_id = ?").param(customer).query(Long.class).single() == 1);

            transactions.executeWithoutResult(tx -> part.erase(id));
            assertThat(part.export(id)).isEmpty();
            assertThat(jdbc.sql("select count(*) from webhook_deliveries where body like ?").param("%" + address + "%").query(Long.class).single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from webhook_attempts a where not exists (select 1 from webhook_deliveries d where d.id = a.delivery_id)")
                    .query(Long.class).single()).as("attempts go with their delivery").isZero();
        }
    }

    @Test
    void badSubscriptionsAreRefusedWithAProblemNamingTheField() {
        String ok = "https://hooks.example.com/temas";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"events\":[\"message.received\"],\"secret\":\"0123456789abcdef\"}", "url");
        bodies.put("{\"url\":\"ftp://hooks.example.com/x\",\"events\":[\"message.received\"]}", "url");
        bodies.put("{\"url\":\"javascript:alert(1)\",\"events\":[\"message.received\"]}", "url");
        bodies.put("{\"url\":\"https://user:pass@hooks.example.com/x\",\"events\":[\"message.received\"]}", "url");
        bodies.put("{\"url\":\"https://hooks.example.com/\\u0000\",\"events\":[\"message.received\"]}", "url");
        bodies.put("{\"url\":\"https://hooks.example.com/" + "a".repeat(600) + "\",\"events\":[\"message.received\"]}", "url");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":[]}", "events");
        bodies.put("{\"url\":\"" + ok + "\"}", "events");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":[\"message.deleted\"]}", "events");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":[null]}", "events");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":{\"message.received\":true}}", "events");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":[\"message.received\"],\"secret\":\"short\"}", "secret");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":[\"message.received\"],\"secret\":\"" + "s".repeat(201) + "\"}", "secret");
        bodies.put("{\"url\":\"" + ok + "\",\"events\":[\"message.received\"],\"secret\":\"0123456789abcdef\\u0000\"}", "secret");
        bodies.put("{\"url\":[\"" + ok + "\"],\"events\":[\"message.received\"]}", "url");
        bodies.forEach((body, field) -> {
            Api.Response refused = api().post(BASE, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).as(body).startsWith("application/problem+json");
            assertThat(refused.text("/field")).as(body).isEqualTo(field);
        });
        Api.Response notJson = api().postRaw(BASE, "application/json", "{\"url\":".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(api().get(BASE + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api().get(BASE + "/not-an-id").status()).isEqualTo(400);
        assertThat(api().post(BASE + "/" + UUID.randomUUID() + "/deliveries/" + UUID.randomUUID() + "/retry", "").status()).isEqualTo(404);

        Api.Response token = api().post("/api/v1/tokens", "{\"name\":\"webhook-reader-" + UUID.randomUUID() + "\",\"scopes\":[\"READ\",\"WRITE\"]}");
        Api reader = api().withToken(token.text("/value"));
        assertThat(reader.get(BASE).status()).as("subscriptions hold secrets: administrators only").isEqualTo(403);
        assertThat(reader.post(BASE, "{\"url\":\"" + ok + "\",\"events\":[\"message.received\"]}").status()).isEqualTo(403);
    }

    private String subscribe(String url, List<String> types, String secret) {
        Api.Response created = api().post(BASE, "{\"url\":" + Api.quote(url) + ",\"events\":["
                + types.stream().map(Api::quote).collect(Collectors.joining(",")) + "],\"secret\":" + Api.quote(secret) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().has("secret")).as("a chosen secret is not echoed").isFalse();
        String id = created.text("/id");
        subscriptions.add(id);
        return id;
    }

    /** The deliveries the receiver took (answered 200), by "type conversation", for the given conversations. */
    private static Map<String, List<String>> taken(Receiver receiver, List<String> conversations) {
        return receiver.requests(r -> r.answered() == 200).stream()
                .filter(r -> conversations.contains(body(r).at("/data/conversationId").asString()))
                .collect(Collectors.groupingBy(r -> r.event() + " " + body(r).at("/data/conversationId").asString(),
                        Collectors.mapping(Receiver.Request::delivery, Collectors.toList())));
    }

    private static JsonNode body(Receiver.Request request) {
        return JSON.readTree(request.body());
    }

    /** Worked out here, not by Temas's own code: what a receiver does. */
    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
