package io.temas.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.temas.channels.Outbox;
import io.temas.channels.OutboxDispatcher;
import io.temas.channels.WebhookSignatures;
import io.temas.conversations.Attachment;
import io.temas.conversations.Attachments;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.customers.Customer;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.customers.IdentityResolver;
import io.temas.inbound.Quarantine;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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

/** The WhatsApp channel end to end: Meta's webhook signed and forged, and a local server playing the Graph API. */
@TemasIntegrationTest
class WhatsAppIntegrationTests {

    private static final String VERSION = "v21.0";
    private static final String TOKEN = "graph-test-token-" + UUID.randomUUID();
    private static final String APP_SECRET = "app-secret-" + UUID.randomUUID();
    private static final String VERIFY = "verify-" + UUID.randomUUID();
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String BUSINESS_NUMBER = "908502220077";
    private static final FakeGraph GRAPH = new FakeGraph(VERSION, TOKEN);
    private static final AtomicLong NUMBERS = new AtomicLong(5_330_000_000L);
    private static final AtomicLong WAMIDS = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void whatsapp(DynamicPropertyRegistry registry) {
        registry.add("temas.whatsapp.base-url", GRAPH::baseUrl);
        registry.add("temas.public-url", () -> "https://destek.example.test");
        registry.add("temas.whatsapp.api-version", () -> VERSION);
        registry.add("temas.whatsapp.access-token", () -> TOKEN);
        registry.add("temas.whatsapp.app-secret", () -> APP_SECRET);
        registry.add("temas.whatsapp.verify-token", () -> VERIFY);
        registry.add("temas.whatsapp.phone-number-id", () -> PHONE_NUMBER_ID);
        registry.add("temas.whatsapp.business-account-id", () -> "102290129340398");
    }

    @AfterAll
    static void stop() {
        GRAPH.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Conversations conversations;

    @Autowired
    Attachments attachments;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    Quarantine quarantine;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WhatsAppTemplates templates;
    @Autowired
    CustomerServiceWindows windows;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void metasSubscriptionCheckIsAnsweredOnlyForOurVerifyToken() throws Exception {
        HttpResponse<String> right = get("/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
                + URLEncoder.encode(VERIFY, StandardCharsets.UTF_8));
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("1158201444");
        assertThat(right.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

        HttpResponse<String> wrong = get("/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
    }

    @Test
    void aSignedTextJoinsTheCustomerKnownByTheSamePhoneNumberAndKeepsTheWhatsAppHandle() throws Exception {
        String waId = waId();
        var known = identities.resolve(List.of(Identifier.phone("+" + waId)), null, Language.TR);

        String wamid = wamid();
        HttpResponse<String> response = post(notification(waId, "Deniz Kaya", message(wamid, waId, Instant.now(),
                "\"type\":\"text\",\"text\":{\"body\":\"Merhaba, siparişim nerede?\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("messages").asInt()).isEqualTo(1);

        Customer customer = customers.findByIdentifier("+" + waId).orElseThrow();
        assertThat(customer.id()).isEqualTo(known.customerId());
        assertThat(customer.displayName()).isEqualTo("Deniz Kaya");
        assertThat(customers.identities(customer.id())).extracting(Identity::value).contains("+" + waId, "whatsapp:" + waId);
        Message received = inbound(waId, wamid);
        assertThat(received.text()).isEqualTo("Merhaba, siparişim nerede?");
        assertThat(received.sender()).isEqualTo("+" + waId);
        assertThat(conversation(waId).entryPoint()).isEqualTo("+" + BUSINESS_NUMBER);
    }

    @Test
    void aForgedOrUnsignedNotificationIsRefusedCountedAndTakesNoMessage() throws Exception {
        String waId = waId();
        byte[] body = notification(waId, "Sahte", message(wamid(), waId, Instant.now(), "\"type\":\"text\",\"text\":{\"body\":\"x\"}"));
        double before = refused();

        HttpResponse<String> forged = post(body, WebhookSignatures.sha256("not-the-app-secret", body));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(post(body, null).statusCode()).isEqualTo(401);

        assertThat(refused()).isEqualTo(before + 2);
        assertThat(customers.findByIdentifier("+" + waId)).isEmpty();
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        assertThat(admin.get("/console/admin/whatsapp").body()).containsPattern("data-whatsapp=\"refused\">" + (long) (before + 2) + "<");
    }

    @Test
    void imagesAndDocumentsAreFetchedFromTheGraphApiAndKeptAsAttachments() throws Exception {
        String waId = waId();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x10, 0x20, 0x30};
        byte[] pdf = "%PDF-1.4 fatura".getBytes(StandardCharsets.US_ASCII);
        GRAPH.media("media-img-" + waId, jpeg, "image/jpeg");
        GRAPH.media("media-doc-" + waId, pdf, "application/pdf");
        Instant now = Instant.now();
        assertThat(post(notification(waId, "Ece", message(wamid(), waId, now,
                "\"type\":\"image\",\"image\":{\"id\":\"media-img-" + waId + "\",\"mime_type\":\"image/jpeg\",\"caption\":\"Kırık ekran\"}"),
                message(wamid(), waId, now, "\"type\":\"document\",\"document\":{\"id\":\"media-doc-" + waId
                        + "\",\"mime_type\":\"application/pdf\",\"filename\":\"fatura.pdf\"}"))).statusCode()).isEqualTo(200);

        List<Attachment> files = attachments.ofConversation(conversation(waId).id());
        assertThat(files).extracting(Attachment::filename).containsExactlyInAnyOrder("image-media-img-" + waId + ".jpg", "fatura.pdf");
        Attachment image = files.stream().filter(f -> f.contentType().equals("image/jpeg")).findFirst().orElseThrow();
        assertThat(attachments.content(image).orElseThrow()).isEqualTo(jpeg);
        Attachment document = files.stream().filter(f -> f.filename().equals("fatura.pdf")).findFirst().orElseThrow();
        assertThat(attachments.content(document).orElseThrow()).isEqualTo(pdf);
        assertThat(conversations.messages(conversation(waId).id())).extracting(Message::text).contains("Kırık ekran", "[document: fatura.pdf]");
    }

    @Test
    void mediaThatCannotBeFetchedLeaveTheMessageWithANote() throws Exception {
        String waId = waId();
        String wamid = wamid();
        assertThat(post(notification(waId, "Can", message(wamid, waId, Instant.now(),
                "\"type\":\"image\",\"image\":{\"id\":\"media-gone\",\"mime_type\":\"image/jpeg\",\"caption\":\"Fiş\"}"))).statusCode())
                .isEqualTo(200);
        Message received = inbound(waId, wamid);
        assertThat(received.text()).startsWith("Fiş").contains("image not fetched from WhatsApp", "100");
        assertThat(attachments.ofConversation(received.conversationId())).isEmpty();
    }

    @Test
    void locationsAndSharedContactsBecomeReadableText() throws Exception {
        String waId = waId();
        String location = wamid();
        String contacts = wamid();
        Instant now = Instant.now();
        assertThat(post(notification(waId, "Ali", message(location, waId, now,
                        "\"type\":\"location\",\"location\":{\"latitude\":41.0422,\"longitude\":29.0083,\"name\":\"Mağaza\",\"address\":\"Beşiktaş\"}"),
                message(contacts, waId, now, "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Zeynep Demir\"},"
                        + "\"phones\":[{\"phone\":\"+90 532 765 43 21\",\"type\":\"CELL\"}]}]"))).statusCode()).isEqualTo(200);
        assertThat(inbound(waId, location).text()).contains("Mağaza", "Beşiktaş", "41.0422, 29.0083");
        assertThat(inbound(waId, contacts).text()).contains("Zeynep Demir", "+90 532 765 43 21");
    }

    @Test
    void aRepeatedDeliveryOfTheSameNotificationTakesTheMessageOnce() throws Exception {
        String waId = waId();
        byte[] body = notification(waId, "Sena", message(wamid(), waId, Instant.now(), "\"type\":\"text\",\"text\":{\"body\":\"Tekrar\"}"));
        assertThat(JSON.readTree(post(body).body()).get("messages").asInt()).isEqualTo(1);
        JsonNode again = JSON.readTree(post(body).body());
        assertThat(again.get("messages").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        assertThat(conversations.messages(conversation(waId).id()).stream().filter(m -> "Tekrar".equals(m.text()))).hasSize(1);
    }

    @Test
    void signedGarbageIsQuarantinedAndAnswered400() throws Exception {
        byte[] garbage = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(garbage);
        assertThat(response.statusCode()).isEqualTo(400);
        String quarantineId = JSON.readTree(response.body()).get("quarantineId").asString();
        Quarantine.Item item = quarantine.find(UUID.fromString(quarantineId)).orElseThrow();
        assertThat(item.payload()).isEqualTo(garbage);
        assertThat(item.contentType()).isEqualTo(WhatsAppWebhooks.CONTENT_TYPE);

        byte[] noId = notification("905331234567", "X", "{\"from\":\"905331234567\",\"type\":\"text\",\"text\":{\"body\":\"id yok\"}}");
        HttpResponse<String> oneBad = post(noId);
        assertThat(oneBad.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(oneBad.body()).get("rejected").asInt()).isEqualTo(1);
        assertThat(quarantined(noId)).isEqualTo(1);
    }

    @Test
    void anAgentsReplyLeavesThroughTheGraphApiAndItsStatusesReachTheMessage() throws Exception {
        String waId = waId();
        post(notification(waId, "Mert", message(wamid(), waId, Instant.now(), "\"type\":\"text\",\"text\":{\"body\":\"Kargom?\"}")));
        UUID conversationId = conversation(waId).id();

        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Yarın teslim edilecek.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        UUID messageId = UUID.fromString(reply.text("/messageId"));
        dispatcher.dispatch();

        FakeGraph.Sent sent = GRAPH.sent().stream().filter(s -> s.body().path("text").path("body").asString("").equals("Yarın teslim edilecek."))
                .findFirst().orElseThrow();
        assertThat(sent.path()).isEqualTo("/" + VERSION + "/" + PHONE_NUMBER_ID + "/messages");
        assertThat(sent.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.body().get("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(sent.body().get("to").asString()).isEqualTo(waId);
        assertThat(sent.body().get("type").asString()).isEqualTo("text");
        Outbox.Entry entry = outbox.forConversation(conversationId).stream().filter(e -> messageId.equals(e.messageId())).findFirst().orElseThrow();
        assertThat(entry.status()).isEqualTo("sent");
        assertThat(entry.transport()).isEqualTo("whatsapp");
        assertThat(entry.reference()).isEqualTo(sent.wamid());

        assertThat(post(statuses(waId, sent.wamid(), "delivered")).statusCode()).isEqualTo(200);
        assertThat(message(conversationId, messageId).delivery()).isEqualTo("delivered");
        HttpResponse<String> read = post(statuses(waId, sent.wamid(), "read"));
        assertThat(JSON.readTree(read.body()).get("statusesMatched").asInt()).isEqualTo(1);
        assertThat(message(conversationId, messageId).delivery()).isEqualTo("read");
    }

    @Test
    void aReplyFromTheConsoleLeavesAsWhatsAppText() throws Exception {
        String waId = waId();
        post(notification(waId, "Elif", message(wamid(), waId, Instant.now(), "\"type\":\"text\",\"text\":{\"body\":\"İade?\"}")));
        UUID conversationId = conversation(waId).id();
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = "/console/conversations/" + conversationId;
        assertThat(admin.get(page).body()).contains("data-window=\"open\"");
        Console.Page done = admin.submit(page, page + "/reply", Map.of("channel", "whatsapp", "recipient", "+" + waId,
                "text", "İadeniz onaylandı."));
        assertThat(done.status()).isEqualTo(302);
        dispatcher.dispatch();
        assertThat(GRAPH.sent()).anySatisfy(s -> {
            assertThat(s.body().get("to").asString()).isEqualTo(waId);
            assertThat(s.body().path("text").path("body").asString()).isEqualTo("İadeniz onaylandı.");
        });
    }

    @Test
    void throttlingIsRetriedAndAnUndeliverableNumberFailsForGoodWithTheReason() throws Exception {
        String throttled = waId();
        String undeliverable = waId();
        GRAPH.fail(throttled, 429, 130429, "Rate limit hit");
        GRAPH.fail(undeliverable, 400, 131026, "Message undeliverable");
        UUID first = replyTo(throttled, "Bir");
        UUID second = replyTo(undeliverable, "İki");

        dispatcher.dispatch();

        Outbox.Entry retried = outbox.find(first).orElseThrow();
        assertThat(retried.status()).isEqualTo("pending");
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("429", "130429");
        Outbox.Entry failed = outbox.find(second).orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.lastError()).contains("131026", "cannot receive");
    }

    @Test
    void aFreeReplyOutsideTheWindowIsRefusedBeforeItIsQueuedAndATemplateWithParametersGoesInstead() throws Exception {
        UUID templateId = templates.save(null, "kargo_durumu_" + NUMBERS.get(), "tr", "UTILITY",
                "Merhaba {{1}}, {{2}} numaralı siparişiniz yolda.");
        String waId = waId();
        post(notification(waId, "Burak", message(wamid(), waId, Instant.now().minus(25, ChronoUnit.HOURS),
                "\"type\":\"text\",\"text\":{\"body\":\"Dün yazmıştım\"}")));
        UUID conversationId = conversation(waId).id();
        int queuedBefore = outbox.forConversation(conversationId).size();

        Api.Response refused = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Özür dileriz\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("/type")).isEqualTo("urn:temas:problem:whatsapp-window-closed");
        assertThat(refused.text("/closedAt")).isNotNull();
        assertThat(refused.json().get("templates").findValuesAsString("id")).contains(templateId.toString());
        assertThat(outbox.forConversation(conversationId)).hasSize(queuedBefore);
        Api.Response window = api.get("/api/v1/conversations/" + conversationId + "/whatsapp-window");
        assertThat(window.json().get("open").asBoolean()).isFalse();
        assertThat(Instant.parse(window.text("/closesAt"))).isBefore(Instant.now());
        assertThat(conversations.messages(conversationId)).noneMatch(m -> "Özür dileriz".equals(m.text()));

        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = "/console/conversations/" + conversationId;
        admin.cookie("temas-lang", "tr");
        Console.Page refusedInConsole = admin.submit(page, page + "/reply", Map.of("channel", "whatsapp", "text", "Özür dileriz"));
        assertThat(refusedInConsole.location()).endsWith(page);
        String shown = admin.get(page).body();
        assertThat(shown).contains("data-window=\"closed\"", "24 saatten fazla", "kargo_durumu_");

        Console.Page sentTemplate = admin.submit(page, page + "/whatsapp/template", List.of(Map.entry("template", templateId.toString()),
                Map.entry("parameter", "Burak"), Map.entry("parameter", "T-77")));
        assertThat(sentTemplate.status()).isEqualTo(302);
        dispatcher.dispatch();
        FakeGraph.Sent sent = GRAPH.sent().stream().filter(s -> s.body().get("to").asString().equals(waId)
                && "template".equals(s.body().get("type").asString())).findFirst().orElseThrow();
        JsonNode template = sent.body().get("template");
        assertThat(template.get("name").asString()).startsWith("kargo_durumu_");
        assertThat(template.at("/language/code").asString()).isEqualTo("tr");
        assertThat(template.at("/components/0/type").asString()).isEqualTo("body");
        assertThat(template.at("/components/0/parameters").findValuesAsString("text")).containsExactly("Burak", "T-77");
        assertThat(conversations.messages(conversationId)).anyMatch(m -> "Merhaba Burak, T-77 numaralı siparişiniz yolda.".equals(m.text()));

        Api.Response viaApi = api.post("/api/v1/conversations/" + conversationId + "/whatsapp-template",
                "{\"templateId\":\"" + templateId + "\",\"parameters\":[\"Burak\"]}");
        assertThat(viaApi.status()).isEqualTo(400);
        assertThat(viaApi.body()).contains("needs 2 parameters");
    }

    @Test
    void theSettingsScreenShowsTheWebhookAndReadsTemplatesFromWhatsApp() throws Exception {
        GRAPH.template("hesap_bildirimi", "tr", "UTILITY", "APPROVED", "Sayın {{1}}, hesabınız güncellendi.");
        GRAPH.template("kampanya", "en", "MARKETING", "PENDING", "Hello {{1}}");
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = admin.get("/console/admin/whatsapp").body();
        assertThat(page).contains("https://destek.example.test/api/v1/webhooks/whatsapp").doesNotContain(TOKEN).doesNotContain(APP_SECRET).doesNotContain(VERIFY);

        Console.Page synced = admin.submit("/console/admin/whatsapp", "/console/admin/whatsapp/sync", Map.of());
        assertThat(synced.status()).isEqualTo(302);
        assertThat(admin.get("/console/admin/whatsapp?lang=en").body()).containsPattern("\\d+ templates added, \\d+ updated, \\d+ that WhatsApp");
        assertThat(templates.all()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("hesap_bildirimi");
            assertThat(t.body()).isEqualTo("Sayın {{1}}, hesabınız güncellendi.");
            assertThat(t.approved()).isTrue();
        });
        assertThat(templates.approved()).noneMatch(t -> t.name().equals("kampanya"));
        assertThat(admin.get("/console/admin/whatsapp").body()).contains("hesap_bildirimi", "PENDING");
        Api.Response listed = api.get("/api/v1/whatsapp/templates");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsString("name")).contains("hesap_bildirimi", "kampanya");

        Console.Page added = admin.submit("/console/admin/whatsapp", "/console/admin/whatsapp/templates",
                Map.of("name", "randevu_hatirlatma", "language", "az", "category", "UTILITY", "body", "Salam {{1}}"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(templates.approved()).anyMatch(t -> t.name().equals("randevu_hatirlatma") && t.parameters() == 1);
    }

    @Test
    void oneBadMessageOrStatusIsQuarantinedAndTheRestOfTheNotificationIsStillTaken() throws Exception {
        String waId = waId();
        String first = wamid();
        String last = wamid();
        long now = Instant.now().getEpochSecond();
        byte[] body = ("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Ece"},"wa_id":"%s"}],"messages":[
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"Birinci"}},
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"NUL \\u0000 içinde"}},
                {"from":"%s","timestamp":"%d","type":"text","text":{"body":"kimliksiz"}},
                {"from":"%s","id":"%s","timestamp":"99999999999999999","type":"text","text":{"body":"uzak gelecek"}},
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"Sonuncu"}}],
                "statuses":[{"id":"wamid.unknown","status":{"x":1}},{"id":"wamid.unknown","status":"delivered"}]},"field":"messages"}]}]}"""
                .formatted(BUSINESS_NUMBER, PHONE_NUMBER_ID, waId, waId, first, now, waId, wamid(), now, waId, now, waId, wamid(),
                        waId, last, now)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.get("messages").asInt()).isEqualTo(2);
        assertThat(outcome.get("rejected").asInt()).isEqualTo(4);
        assertThat(outcome.get("statuses").asInt()).isEqualTo(2);
        assertThat(inbound(waId, first).text()).isEqualTo("Birinci");
        assertThat(inbound(waId, last).text()).isEqualTo("Sonuncu");
        assertThat(quarantined(body)).isEqualTo(1);

        // Meta sends it again: nothing new is taken and the quarantine does not grow.
        JsonNode again = JSON.readTree(post(body).body());
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(again.get("rejected").asInt()).isEqualTo(4);
        assertThat(quarantined(body)).isEqualTo(1);
    }

    @Test
    void anIdThatCannotBeStoredRefusesItsMessageOrStatusNotTheNotification() throws Exception {
        String waId = waId();
        String good = wamid();
        long now = Instant.now().getEpochSecond();
        byte[] body = ("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Ece"},"wa_id":"%s"}],"messages":[
                {"from":"%s","id":"wamid.\\u0000","timestamp":"%d","type":"image","image":{"id":"media-nul","mime_type":"image/jpeg"}},
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"Geçerli"}}],
                "statuses":[{"id":"wamid.\\u0000","status":"delivered"},{"id":"%s","status":"read"}]},"field":"messages"}]}]}"""
                .formatted(BUSINESS_NUMBER, PHONE_NUMBER_ID, waId, waId, now, waId, good, now, "w".repeat(10_000)))
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.get("messages").asInt()).isEqualTo(1);
        assertThat(outcome.get("rejected").asInt()).isEqualTo(3);
        assertThat(inbound(waId, good).text()).isEqualTo("Geçerli");
        assertThat(quarantined(body)).isEqualTo(1);
    }

    @Test
    void aRefusedBodySentAgainAndAgainIsKeptOnce() throws Exception {
        byte[] garbage = ("{\"object\":\"whatsapp_business_account\",\"entry\":{\"not\":\"an array " + UUID.randomUUID() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String firstId = JSON.readTree(post(garbage).body()).get("quarantineId").asString();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> retry = post(garbage);
            assertThat(retry.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(retry.body()).get("quarantineId").asString()).isEqualTo(firstId);
        }
        assertThat(quarantined(garbage)).isEqualTo(1);
    }

    @Test
    void aTimestampFromTheFutureDoesNotHoldTheWindowOpen() throws Exception {
        String waId = waId();
        assertThat(post(notification(waId, "Zaman", message(wamid(), waId, Instant.now().plus(400, ChronoUnit.DAYS),
                "\"type\":\"text\",\"text\":{\"body\":\"Gelecekten\"}"))).statusCode()).isEqualTo(200);
        CustomerServiceWindows.Window window = windows.of(null, "+" + waId).orElseThrow();
        assertThat(window.closesAt()).isBefore(Instant.now().plus(25, ChronoUnit.HOURS));
    }

    @Test
    void aRedeliveredMessageDoesNotDownloadItsMediaAgain() throws Exception {
        String waId = waId();
        GRAPH.media("media-once-" + waId, new byte[] {1, 2, 3}, "image/jpeg");
        byte[] body = notification(waId, "Bir", message(wamid(), waId, Instant.now(),
                "\"type\":\"image\",\"image\":{\"id\":\"media-once-" + waId + "\",\"mime_type\":\"image/jpeg\"}"));
        assertThat(post(body).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(post(body).body()).get("duplicates").asInt()).isEqualTo(1);
        assertThat(GRAPH.downloads("media-once-" + waId)).isEqualTo(1);
    }

    @Test
    void theTokenIsNeverSentAfterARedirectToAnotherHost() throws Exception {
        try (Capture elsewhere = new Capture()) {
            String waId = waId();
            String wamid = wamid();
            GRAPH.redirect("media-moved-" + waId, new byte[] {9}, "image/jpeg", elsewhere.url() + "/stolen");
            assertThat(post(notification(waId, "Yön", message(wamid, waId, Instant.now(),
                    "\"type\":\"image\",\"image\":{\"id\":\"media-moved-" + waId + "\",\"caption\":\"Fotoğraf\"}"))).statusCode())
                    .isEqualTo(200);
            assertThat(inbound(waId, wamid).text()).startsWith("Fotoğraf").contains("not fetched");
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void readingTemplatesLeavesUnknownAndUnlistedOnesUnapprovedAndNeverFollowsAPageElsewhere() throws Exception {
        String suffix = Long.toString(NUMBERS.incrementAndGet());
        GRAPH.template("durumsuz_" + suffix, "tr", "UTILITY", null, "Merhaba");
        GRAPH.template("gidecek_" + suffix, "tr", "UTILITY", "APPROVED", "Yakında yok");
        templates.sync();
        assertThat(templates.all()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("durumsuz_" + suffix);
            assertThat(t.status()).isEqualTo(WhatsAppTemplates.UNKNOWN);
            assertThat(t.approved()).isFalse();
        });
        assertThat(templates.approved()).anyMatch(t -> t.name().equals("gidecek_" + suffix));

        GRAPH.dropTemplate("gidecek_" + suffix);
        templates.sync();
        assertThat(templates.all()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("gidecek_" + suffix);
            assertThat(t.status()).isEqualTo(WhatsAppTemplates.NOT_LISTED);
        });
        assertThat(templates.approved()).noneMatch(t -> t.name().equals("gidecek_" + suffix));

        try (Capture elsewhere = new Capture()) {
            GRAPH.nextPage(elsewhere.url() + "/" + VERSION + "/102290129340398/message_templates?after=b");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> templates.sync()))
                    .isInstanceOf(io.temas.shared.RefusedByRule.class).hasMessageContaining("not followed");
            assertThat(elsewhere.requests()).isEmpty();
        } finally {
            GRAPH.nextPage(null);
        }
    }

    @Test
    void templateParametersWhatsAppWouldRefuseAreRefusedBeforeTheyAreQueued() throws Exception {
        UUID templateId = templates.save(null, "parametreli_" + NUMBERS.incrementAndGet(), "tr", "UTILITY", "Merhaba {{1}}");
        String waId = waId();
        post(notification(waId, "Param", message(wamid(), waId, Instant.now(), "\"type\":\"text\",\"text\":{\"body\":\"Selam\"}")));
        UUID conversationId = conversation(waId).id();
        for (String bad : List.of("iki\\nsatır", "sekme\\tvar", "dört    boşluk", "x".repeat(1025))) {
            Api.Response refused = api.post("/api/v1/conversations/" + conversationId + "/whatsapp-template",
                    "{\"templateId\":\"" + templateId + "\",\"parameters\":[\"" + bad + "\"]}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("parameter");
        }
        assertThat(api.post("/api/v1/conversations/" + conversationId + "/whatsapp-template",
                "{\"templateId\":\"" + templateId + "\",\"parameters\":[\"üç   boşluk olur\"]}").status()).isEqualTo(201);

        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        admin.cookie("temas-lang", "en");
        String page = "/console/conversations/" + conversationId;
        admin.submit(page, page + "/whatsapp/template", List.of(Map.entry("template", templateId.toString()),
                Map.entry("parameter", "satır\nsonu")));
        assertThat(admin.get(page).body()).contains("A template parameter holds something WhatsApp refuses");
    }

    @Test
    void fieldsOfTheWrongTypeAreNeverAServerError() throws Exception {
        String waId = waId();
        List<String> bodies = io.temas.channels.WebhookFuzz.variants(() -> """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Fuzz"},"wa_id":"%s"}],"messages":[
                {"from":"%s","id":"%s","timestamp":"%d","type":"image","image":{"id":"fuzz-media","mime_type":"image/jpeg","caption":"c"},
                "text":{"body":"t"},"location":{"latitude":41.0,"longitude":29.0,"name":"n"},
                "contacts":[{"name":{"formatted_name":"A"},"phones":[{"phone":"+90","type":"CELL"}]}]}],
                "statuses":[{"id":"wamid.x","status":"failed","errors":[{"code":131026,"title":"t"}]}]},"field":"messages"}]}]}"""
                .formatted(BUSINESS_NUMBER, PHONE_NUMBER_ID, waId, waId, wamid(), Instant.now().getEpochSecond()));
        assertThat(bodies).hasSizeGreaterThan(100);
        for (String body : bodies) {
            HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isLessThan(500);
            assertThat(response.body()).as(body + ": a value that cannot be stored refuses its item, not the call")
                    .doesNotContain("not-storable");
        }
    }

    /** A server somewhere else that records what reaches it. */
    private static final class Capture implements AutoCloseable {

        private final com.sun.net.httpserver.HttpServer server;
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        Capture() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // Helpers

    private UUID replyTo(String waId, String text) throws Exception {
        post(notification(waId, "Müşteri", message(wamid(), waId, Instant.now(), "\"type\":\"text\",\"text\":{\"body\":\"Soru\"}")));
        UUID conversationId = conversation(waId).id();
        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"" + text + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        UUID messageId = UUID.fromString(reply.text("/messageId"));
        return outbox.forConversation(conversationId).stream().filter(e -> messageId.equals(e.messageId())).findFirst().orElseThrow().id();
    }

    private static String waId() {
        return "90" + NUMBERS.incrementAndGet();
    }

    private static String wamid() {
        return "wamid.HBgLOTA1MzMxMjM0NTY3FQIAEhgg" + WAMIDS.incrementAndGet() + UUID.randomUUID().toString().replace("-", "");
    }

    private static String message(String wamid, String from, Instant at, String typed) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + at.getEpochSecond() + "\"," + typed + "}";
    }

    private static byte[] notification(String waId, String name, String... messages) {
        return ("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],"messages":[%s]},"field":"messages"}]}]}"""
                .formatted(BUSINESS_NUMBER, PHONE_NUMBER_ID, name, waId, String.join(",", messages))).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] statuses(String waId, String wamid, String status) {
        return ("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"}]},"field":"messages"}]}]}"""
                .formatted(BUSINESS_NUMBER, PHONE_NUMBER_ID, wamid, status, Instant.now().getEpochSecond(), waId))
                .getBytes(StandardCharsets.UTF_8);
    }

    private Conversation conversation(String waId) {
        Customer customer = customers.findByIdentifier("+" + waId).orElseThrow();
        return conversations.page(new Conversations.Filter(customer.id().value(), null, null, null, null), null, 10).items().getFirst();
    }

    private Message inbound(String waId, String wamid) {
        return conversations.messages(conversation(waId).id()).stream().filter(m -> wamid.equals(m.externalId())).findFirst().orElseThrow();
    }

    private Message message(UUID conversationId, UUID messageId) {
        return conversations.messages(conversationId).stream().filter(m -> m.id().equals(messageId)).findFirst().orElseThrow();
    }

    private long quarantined(byte[] payload) {
        return jdbc.sql("select count(*) from quarantine where payload = ?").param(payload).query(Long.class).single();
    }

    private double refused() {
        return meters.find("temas.webhooks.refused").tag("channel", "whatsapp").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return post(body, WebhookSignatures.sha256(APP_SECRET, body));
    }

    private HttpResponse<String> post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/whatsapp"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
