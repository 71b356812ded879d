package io.temas.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.temas.channels.Outbox;
import io.temas.channels.OutboxDispatcher;
import io.temas.customers.IdentityResolver;
import io.temas.inbound.Quarantine;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.Holds;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** The Telegram channel against a local server playing the Bot API, with updates posted as Telegram posts them. */
@TemasIntegrationTest
class TelegramIntegrationTests {

    private static final String TOKEN = "123456:test-" + UUID.randomUUID();
    private static final String SECRET = "secret-" + UUID.randomUUID();
    private static final String PUBLIC_URL = "https://destek.example.test";
    private static final FakeTelegram TELEGRAM = new FakeTelegram(TOKEN);
    private static final AtomicLong USERS = new AtomicLong(700_000_000L + (System.nanoTime() % 1_000_000) * 100);
    private static final AtomicLong UPDATES = new AtomicLong(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry registry) {
        registry.add("temas.telegram.base-url", TELEGRAM::baseUrl);
        registry.add("temas.telegram.bot-token", () -> TOKEN);
        registry.add("temas.telegram.secret-token", () -> SECRET);
        registry.add("temas.telegram.bot-username", () -> "ornek_destek_bot");
        registry.add("temas.public-url", () -> PUBLIC_URL + "/");
    }

    @AfterAll
    static void stop() {
        TELEGRAM.close();
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
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void aTextMessageOpensAConversationOfTheTelegramUserAndTheAckOffersTheShareButtonInTheirLanguage() {
        long user = USERS.incrementAndGet();
        HttpResponse<String> response = post(update(user, 1, "\"text\":\"Siparişim nerede?\""), SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("duplicate").asBoolean()).isFalse();

        Api.Response conversation = api.get("/api/v1/conversations/" + answer.get("conversationId").asString());
        assertThat(conversation.text("/channel")).isEqualTo("telegram");
        assertThat(conversation.text("/attribution/entryPoint")).isEqualTo("ornek_destek_bot");
        assertThat(conversation.text("/messages/0/text")).isEqualTo("Siparişim nerede?");
        assertThat(conversation.text("/messages/0/from")).isEqualTo("telegram:" + user);
        Api.Response customer = api.get("/api/v1/customers/" + conversation.text("/customerId"));
        assertThat(customer.json().get("identities").findValuesAsString("value")).containsExactly("telegram:" + user);
        assertThat(customer.text("/language")).isEqualTo("en");
        assertThat(customer.text("/displayName")).isEqualTo("Deniz Aydın");

        dispatcher.dispatch();

        List<FakeTelegram.Sent> sent = TELEGRAM.sentTo(Long.toString(user));
        assertThat(sent).hasSize(1);
        JsonNode button = sent.getFirst().replyMarkup().at("/keyboard/0/0");
        assertThat(button.get("request_contact").asBoolean()).isTrue();
        assertThat(button.get("text").asString()).isEqualTo("📱 Share my phone number");
        Outbox.Entry ack = outbox.forConversation(UUID.fromString(answer.get("conversationId").asString())).getFirst();
        assertThat(ack.status()).isEqualTo("sent");
        assertThat(ack.transport()).isEqualTo("telegram");
        assertThat(ack.reference()).matches(user + ":\\d+");
    }

    @Test
    void anAgentsReplyReachesTheChatWithoutTheButtonOfferedAlready() {
        long user = USERS.incrementAndGet();
        String conversationId = conversation(post(update(user, 1, "\"text\":\"Merhaba\""), SECRET));
        dispatcher.dispatch();

        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Kargonuz yolda.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        dispatcher.dispatch();

        List<FakeTelegram.Sent> sent = TELEGRAM.sentTo(Long.toString(user));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).text()).isEqualTo("Kargonuz yolda.");
        assertThat(sent.get(1).replyMarkup()).as("the button was offered with the acknowledgement").isNull();
        Outbox.Entry entry = outbox.forConversation(UUID.fromString(conversationId)).stream()
                .filter(e -> "Kargonuz yolda.".equals(e.body())).findFirst().orElseThrow();
        assertThat(entry.status()).isEqualTo("sent");
        assertThat(entry.reference()).matches(user + ":\\d+");
        assertThat(api.get("/api/v1/conversations/" + conversationId).json().get("messages").findValuesAsString("delivery")).contains("sent");
    }

    @Test
    void aSlowBotApiGetsSeveralChatsSendsAtOnceAndOneChatsInOrderWithTheButtonOnlyOnItsFirst() throws Exception {
        long first = USERS.incrementAndGet();
        long second = USERS.incrementAndGet();
        Holds.Held slow = TELEGRAM.hold(Long.toString(first));
        Holds.Held alsoSlow = TELEGRAM.hold(Long.toString(second));
        String conversationId = conversation(post(update(first, 1, "\"text\":\"Merhaba\""), SECRET));
        conversation(post(update(second, 1, "\"text\":\"Selam\""), SECRET));
        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Kargonuz yolda.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        // Both chats' acknowledgements are at the Bot API at once: neither waits for the other's answer.
        Holds.whileAllReached(dispatcher::dispatch, () -> assertThat(TELEGRAM.sentTo(Long.toString(first)))
                .as("the reply waits for the acknowledgement's answer").hasSize(1), slow, alsoSlow);

        List<FakeTelegram.Sent> sent = TELEGRAM.sentTo(Long.toString(first));
        assertThat(sent).extracting(FakeTelegram.Sent::text).hasSize(2).last().isEqualTo("Kargonuz yolda.");
        assertThat(sent.getFirst().replyMarkup()).as("the acknowledgement offers the button").isNotNull();
        assertThat(sent.get(1).replyMarkup()).as("the reply reads that it was offered").isNull();
        assertThat(TELEGRAM.sentTo(Long.toString(second))).hasSize(1);
        assertThat(outbox.forConversation(UUID.fromString(conversationId))).extracting(Outbox.Entry::status).containsOnly("sent");
    }

    @Test
    void aRedeliveredUpdateIsTheSameMessage() {
        long user = USERS.incrementAndGet();
        String body = update(user, 5, "\"text\":\"İade istiyorum\"");
        JsonNode first = JSON.readTree(post(body, SECRET).body());
        HttpResponse<String> again = post(body, SECRET);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode second = JSON.readTree(again.body());
        assertThat(second.get("duplicate").asBoolean()).isTrue();
        assertThat(second.get("messageId").asString()).isEqualTo(first.get("messageId").asString());
        assertThat(api.get("/api/v1/conversations/" + first.get("conversationId").asString()).json().get("messages")
                .findValuesAsString("direction")).containsOnlyOnce("inbound");
    }

    @Test
    void aPhotoIsStoredAndADocumentThatCannotBeFetchedDoesNotLoseItsMessage() {
        long user = USERS.incrementAndGet();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5};
        String photoId = "photo-" + user;
        TELEGRAM.file(photoId, jpeg);
        String conversationId = conversation(post(update(user, 1, """
                "caption":"Kırık geldi","photo":[{"file_id":"small-%d","file_unique_id":"s","width":90,"height":90},
                {"file_id":"%s","file_unique_id":"b","width":800,"height":600,"file_size":8}]""".formatted(user, photoId)), SECRET));
        HttpResponse<String> lost = post(update(user, 2, """
                "document":{"file_id":"gone-%d","file_unique_id":"g","file_name":"fatura.pdf","mime_type":"application/pdf","file_size":10}"""
                .formatted(user)), SECRET);
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(200);

        JsonNode messages = api.get("/api/v1/conversations/" + conversationId).json().get("messages");
        JsonNode photo = messages.get(0);
        assertThat(photo.get("text").asString()).isEqualTo("Kırık geldi");
        assertThat(photo.at("/attachments/0/filename").asString()).isEqualTo(photoId + ".bin");
        Api.Response content = api.get("/api/v1/attachments/" + photo.at("/attachments/0/id").asString());
        assertThat(content.body().getBytes(StandardCharsets.ISO_8859_1)).hasSize(jpeg.length);
        JsonNode document = java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.get("id").asString().equals(JSON.readTree(lost.body()).get("messageId").asString())).findFirst().orElseThrow();
        assertThat(document.get("attachments")).isEmpty();
        assertThat(api.get("/api/v1/messages/" + document.get("id").asString() + "/raw").body()).contains("gone-" + user);
    }

    @Test
    void sharingTheirOwnContactLinksThePhoneToTheProfileTheGraphKnows() {
        long user = USERS.incrementAndGet();
        String phone = "+90532" + "%07d".formatted(user % 10_000_000);
        var known = identities.resolve(List.of(Identifier.phone(phone)), "Telefondan Tanınan", Language.TR);
        post(update(user, 1, "\"text\":\"Merhaba\""), SECRET);

        HttpResponse<String> shared = post(update(user, 2, """
                "contact":{"phone_number":"%s","first_name":"Deniz","user_id":%d}""".formatted(phone.substring(1), user)), SECRET);
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);

        Api.Response customer = api.get("/api/v1/customers/" + known.customerId().value());
        assertThat(customer.json().get("identities").findValuesAsString("value")).contains(phone, "telegram:" + user);
        assertThat(api.get("/api/v1/customers?identifier=social:telegram:" + user).text("/items/0/id")).isEqualTo(known.customerId().value().toString());

        dispatcher.dispatch();
        String reply = conversation(shared);
        api.post("/api/v1/conversations/" + reply + "/messages", "{\"text\":\"Teşekkürler\"}");
        dispatcher.dispatch();
        assertThat(TELEGRAM.sentTo(Long.toString(user))).last().satisfies(s -> assertThat(s.replyMarkup()).isNull());
    }

    @Test
    void someoneElsesContactIsTextAndLinksNothing() {
        long user = USERS.incrementAndGet();
        String phone = "+90533" + "%07d".formatted(user % 10_000_000);
        HttpResponse<String> shared = post(update(user, 1, """
                "contact":{"phone_number":"%s","first_name":"Ali","last_name":"Veli","user_id":%d}""".formatted(phone, user + 1)), SECRET);
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);

        Api.Response conversation = api.get("/api/v1/conversations/" + conversation(shared));
        assertThat(conversation.text("/messages/0/text")).isEqualTo("Ali Veli " + phone);
        Api.Response customer = api.get("/api/v1/customers/" + conversation.text("/customerId"));
        assertThat(customer.json().get("identities").findValuesAsString("value")).containsExactly("telegram:" + user);
        assertThat(api.get("/api/v1/customers?identifier=" + java.net.URLEncoder.encode(phone, StandardCharsets.UTF_8)).json().get("items")).isEmpty();
    }

    @Test
    void aWrongOrMissingSecretIsRefusedCountedAndKeptInPart() {
        double before = refused();
        String body = update(USERS.incrementAndGet(), 1, "\"text\":\"sahte\"");
        HttpResponse<String> wrong = post(body, "not-the-secret");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        UUID kept = UUID.fromString(JSON.readTree(wrong.body()).get("quarantineId").asString());
        assertThat(quarantine.find(kept).orElseThrow().reason()).contains("X-Telegram-Bot-Api-Secret-Token");
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(refused() - before).isEqualTo(2);

        var retried = api.post("/api/v1/quarantine/" + kept + "/retry", "");
        assertThat(retried.json().get("delivered").asBoolean()).isFalse();
    }

    @Test
    void garbageWithTheRightSecretIsQuarantinedWholeAndUpdatesWithoutAMessageAreIgnored() {
        HttpResponse<String> garbage = post("{\"update_id\":1,\"message\":", SECRET);
        assertThat(garbage.statusCode()).isEqualTo(400);
        UUID kept = UUID.fromString(JSON.readTree(garbage.body()).get("quarantineId").asString());
        assertThat(quarantine.find(kept).orElseThrow().payload()).isEqualTo("{\"update_id\":1,\"message\":".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> noSender = post("{\"update_id\":2,\"message\":{\"message_id\":1,\"chat\":{\"id\":5}}}", SECRET);
        assertThat(noSender.statusCode()).isEqualTo(400);

        HttpResponse<String> edit = post("{\"update_id\":3,\"edited_message\":{\"message_id\":1}}", SECRET);
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("edited_message");
    }

    @Test
    void blockedAndUnknownChatsFailForGoodWhileThrottlingAndServerErrorsAreRetried() {
        long blocked = USERS.incrementAndGet();
        long missing = USERS.incrementAndGet();
        long throttled = USERS.incrementAndGet();
        long broken = USERS.incrementAndGet();
        TELEGRAM.fail(Long.toString(blocked), FakeTelegram.Failure.BLOCKED);
        TELEGRAM.fail(Long.toString(missing), FakeTelegram.Failure.NOT_FOUND);
        TELEGRAM.fail(Long.toString(throttled), FakeTelegram.Failure.THROTTLED);
        TELEGRAM.fail(Long.toString(broken), FakeTelegram.Failure.SERVER);
        String[] conversations = new String[4];
        long[] users = {blocked, missing, throttled, broken};
        for (int i = 0; i < 4; i++) {
            conversations[i] = conversation(post(update(users[i], 1, "\"text\":\"Yardım\""), SECRET));
        }

        Instant dispatched = Instant.now();
        dispatcher.dispatch();

        assertThat(ack(conversations[0])).satisfies(e -> {
            assertThat(e.status()).isEqualTo("failed");
            assertThat(e.lastError()).contains("blocked the bot");
        });
        assertThat(ack(conversations[1])).satisfies(e -> {
            assertThat(e.status()).isEqualTo("failed");
            assertThat(e.lastError()).contains("chat not found");
        });
        assertThat(ack(conversations[2])).satisfies(e -> {
            assertThat(e.status()).isEqualTo("pending");
            assertThat(e.lastError()).contains("retry after 42 s");
            // Not at the outbox's first backoff (10 s): Telegram would only throttle it again.
            assertThat(e.nextAttemptAt()).isAfterOrEqualTo(dispatched.plusSeconds(42));
        });
        assertThat(ack(conversations[3])).satisfies(e -> {
            assertThat(e.status()).isEqualTo("pending");
            assertThat(e.lastError()).contains("500");
        });
        assertThat(api.get("/api/v1/conversations/" + conversations[0]).json().get("messages").findValuesAsString("delivery")).contains("failed");
        // The agent reads why in their own language; the API keeps the English detail.
        Console agent = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        assertThat(agent.get("/console/conversations/" + conversations[0]).body()).contains("Gönderilemedi: kullanıcı botu engellemiş.")
                .doesNotContain("blocked the bot");
        assertThat(agent.get("/console/conversations/" + conversations[0] + "?lang=az").body()).contains("istifadəçi botu bloklayıb");
        assertThat(agent.get("/console/conversations/" + conversations[1] + "?lang=en").body())
                .contains("Failed: the user has not started a chat with the bot, or deleted it.");
    }

    @Test
    void theSettingsScreenShowsTheWebhookAndTheState() {
        post(update(USERS.incrementAndGet(), 1, "\"text\":\"Selam\""), SECRET);
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Console.Page page = admin.get("/console/admin/messengers?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/api/v1/webhooks/telegram", "@ornek_destek_bot", "/api/v1/webhooks/messenger")
                .contains("Inactive: temas.messenger.app-secret").doesNotContain(TOKEN).doesNotContain(SECRET).doesNotContain("None yet</dd>\n        </dl>\n      <p class=\"small muted\">Register");
        assertThat(admin.get("/console/admin/messengers?lang=az").body()).contains("Webhook ünvanı");
        assertThat(admin.get("/console/admin?lang=en").body()).contains("/console/admin/messengers", "active or not");

        Console.Page registered = admin.submit("/console/admin/messengers", "/console/admin/messengers/telegram/webhook", java.util.Map.of());
        assertThat(registered.status()).isEqualTo(302);
        JsonNode call = TELEGRAM.webhooks().getLast();
        assertThat(call.get("url").asString()).isEqualTo(PUBLIC_URL + "/api/v1/webhooks/telegram");
        assertThat(call.get("secret_token").asString()).isEqualTo(SECRET);
        assertThat(admin.get("/console/admin/messengers?lang=en").body()).contains("The webhook is registered with Telegram.");
    }

    @Test
    void aGroupChatIsAcknowledgedButNotTakenSoNothingIsEverPostedToTheGroup() {
        long user = USERS.incrementAndGet();
        long group = -1_000_000_000_000L - user;
        double before = meters.find("temas.webhooks.ignored").tags("channel", "telegram").counters().stream().mapToDouble(c -> c.count()).sum();
        HttpResponse<String> response = post(update(user, 1, "\"text\":\"Herkese merhaba\"").replace(
                "\"chat\":{\"id\":" + user + ",\"first_name\":\"Deniz\",\"type\":\"private\"}",
                "\"chat\":{\"id\":" + group + ",\"title\":\"Müşteriler\",\"type\":\"supergroup\"}"), SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("ignored").asString()).contains("supergroup");
        assertThat(jdbc.sql("select count(*) from telegram_chats where chat_id = ?").param(Long.toString(group)).query(Long.class).single())
                .isZero();
        assertThat(meters.find("temas.webhooks.ignored").tags("channel", "telegram").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(before + 1);
        dispatcher.dispatch();
        assertThat(TELEGRAM.sentTo(Long.toString(group))).isEmpty();
    }

    @Test
    void aRedeliveredUpdateDoesNotFetchItsFilesAgain() {
        long user = USERS.incrementAndGet();
        String photoId = "again-" + user;
        TELEGRAM.file(photoId, new byte[] {1, 2, 3});
        String body = update(user, 1, "\"photo\":[{\"file_id\":\"%s\",\"file_unique_id\":\"a\",\"width\":8,\"height\":8}]".formatted(photoId));
        assertThat(post(body, SECRET).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(body, SECRET);
        assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(TELEGRAM.downloads(photoId)).isEqualTo(1);
    }

    @Test
    void aDateFromTheFutureCountsAsNowAndOneNoCalendarHoldsIsRefusedNot500() {
        long user = USERS.incrementAndGet();
        String future = update(user, 1, "\"text\":\"Gelecekten\"").replaceFirst("\"date\":\\d+", "\"date\":" + (Instant.now().getEpochSecond() + 86_400 * 365));
        assertThat(post(future, SECRET).statusCode()).isEqualTo(200);
        Instant heard = jdbc.sql("select last_received_at from telegram_chats where chat_id = ?").param(Long.toString(user))
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(heard).isBefore(Instant.now().plusSeconds(60));

        String absurd = update(user, 2, "\"text\":\"Çok uzak\"").replaceFirst("\"date\":\\d+", "\"date\":999999999999999999");
        HttpResponse<String> refused = post(absurd, SECRET);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(quarantine.find(UUID.fromString(JSON.readTree(refused.body()).get("quarantineId").asString())).orElseThrow().payload())
                .isEqualTo(absurd.getBytes(StandardCharsets.UTF_8));
        assertThat(post(absurd, SECRET).body()).contains(JSON.readTree(refused.body()).get("quarantineId").asString());
    }

    @Test
    void fieldsOfTheWrongTypeAreNeverAServerError() {
        long user = USERS.incrementAndGet();
        AtomicLong messages = new AtomicLong();
        List<String> bodies = io.temas.channels.WebhookFuzz.variants(() -> update(user, (int) messages.incrementAndGet(), """
                "text":"Merhaba","caption":"c","photo":[{"file_id":"f","width":1,"height":1}],"document":{"file_id":"d","file_name":"a.pdf","mime_type":"application/pdf"},
                "location":{"latitude":41.0,"longitude":29.0},"contact":{"phone_number":"905321112233","first_name":"Ali","user_id":%d}""".formatted(user)));
        assertThat(bodies).hasSizeGreaterThan(100);
        for (String body : bodies) {
            HttpResponse<String> response = post(body, SECRET);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isLessThan(500);
            assertThat(response.body()).as(body + ": a value that cannot be stored refuses its item, not the call")
                    .doesNotContain("not-storable");
        }
    }

    private Outbox.Entry ack(String conversationId) {
        return outbox.forConversation(UUID.fromString(conversationId)).getFirst();
    }

    private double refused() {
        return meters.find("temas.webhooks.refused").tags("channel", "telegram").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String conversation(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("conversationId").asString();
    }

    /** An Update with one private message from the user; {@code content} adds its text, caption, photo, document or contact. */
    private static String update(long user, int messageId, String content) {
        return """
                {"update_id":%d,"message":{"message_id":%d,
                "from":{"id":%d,"is_bot":false,"first_name":"Deniz","last_name":"Aydın","username":"deniz%d","language_code":"en"},
                "chat":{"id":%d,"first_name":"Deniz","type":"private"},"date":%d,%s}}"""
                .formatted(UPDATES.incrementAndGet(), messageId, user, user, user, java.time.Instant.now().getEpochSecond(), content);
    }

    private HttpResponse<String> post(String body, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/telegram"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
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
