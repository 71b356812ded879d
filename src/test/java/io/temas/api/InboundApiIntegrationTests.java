package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class InboundApiIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void emailToBillingFromNewSenderOpensConversationInFaturaWithTurkishAckStatingATime() {
        String sender = unique("deniz") + "@example.com";
        Api.Response created = inbound("email", "fatura@ornek.com.tr", unique("mail"), "\"email\":\"" + sender.toUpperCase() + "\",\"name\":\"Deniz Aydın\"",
                "Faturamda hata var", "Merhaba, bu ayki faturamda iki kez ücret alınmış.");

        assertThat(created.status()).isEqualTo(201);
        JsonNode conversation = api.get("/api/v1/conversations/" + created.text("/conversationId")).json();
        assertThat(conversation.at("/queue").asString()).isEqualTo("Fatura");
        assertThat(conversation.at("/status").asString()).isEqualTo("open");
        assertThat(conversation.at("/reference").asString()).matches("T-\\d+");
        assertThat(conversation.at("/attribution/customerWasNew").asBoolean()).isTrue();
        assertThat(conversation.at("/sla/firstResponseDue").isNull()).isFalse();
        JsonNode messages = conversation.at("/messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).at("/direction").asString()).isEqualTo("inbound");
        JsonNode ack = messages.get(1);
        assertThat(ack.at("/direction").asString()).isEqualTo("outbound");
        assertThat(ack.at("/kind").asString()).isEqualTo("ack");
        assertThat(ack.at("/language").asString()).isEqualTo("tr");
        assertThat(ack.at("/to").asString()).isEqualToIgnoringCase(sender);
        assertThat(ack.at("/from").asString()).isEqualTo("fatura@ornek.com.tr");
        assertThat(ack.at("/subject").asString()).contains("[#" + conversation.at("/reference").asString() + "]");
        assertThat(ack.at("/text").asString())
                .contains("Merhaba Deniz Aydın")
                .contains(conversation.at("/reference").asString())
                .containsPattern("en geç .*\\d{2}:\\d{2}");

        JsonNode customer = api.get("/api/v1/customers/" + created.text("/customerId")).json();
        assertThat(customer.at("/identities/0/type").asString()).isEqualTo("email");
        assertThat(customer.at("/identities/0/value").asString()).isEqualTo(sender);
    }

    @Test
    void replyCarryingTheReferenceJoinsTheSameConversationWithoutASecondAck() {
        String sender = "\"email\":\"" + unique("reply") + "@example.com\"";
        Api.Response first = inbound("email", "fatura@ornek.com.tr", unique("mail"), sender, "Ödeme sorusu", "Ödememi nasıl yaparım?");
        String reference = api.get("/api/v1/conversations/" + first.text("/conversationId")).text("/reference");

        Api.Response reply = inbound("email", "fatura@ornek.com.tr", unique("mail"), sender,
                "Re: Talebinizi aldık: Ödeme sorusu [#" + reference + "]", "Ek bilgi: kart ile ödemek istiyorum.");

        assertThat(reply.text("/conversationId")).isEqualTo(first.text("/conversationId"));
        JsonNode messages = api.get("/api/v1/conversations/" + first.text("/conversationId")).json().at("/messages");
        assertThat(messages).extracting(m -> m.at("/kind").asString() + "/" + m.at("/direction").asString())
                .containsExactly("message/inbound", "ack/outbound", "message/inbound");
    }

    @Test
    void smsFromAPhoneOnTheCustomersProfileLandsOnTheSameCustomer() {
        String email = unique("sms") + "@example.com";
        String phoneDigits = String.valueOf(5_300_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 99_999_999L));
        Api.Response mail = inbound("email", "bilgi@ornek.com.tr", unique("mail"), "\"email\":\"" + email + "\"", "Bilgi", "Merhaba");
        Api.Response form = inbound("webform", "web-iletisim", unique("form"),
                "\"email\":\"" + email + "\",\"phone\":\"+90" + phoneDigits + "\"", "İletişim formu", "Beni arayabilir misiniz?");
        assertThat(form.text("/customerId")).isEqualTo(mail.text("/customerId"));

        String localSpelling = "0" + phoneDigits.substring(0, 3) + " " + phoneDigits.substring(3, 6) + " " + phoneDigits.substring(6);
        Api.Response sms = inbound("sms", "+90 850 222 00 00", unique("sms"), "\"phone\":\"" + localSpelling + "\"", null, "Merhaba, durum nedir?");

        assertThat(sms.text("/customerId")).isEqualTo(mail.text("/customerId"));
        assertThat(api.get("/api/v1/conversations/" + sms.text("/conversationId")).text("/queue")).isEqualTo("Genel");
        JsonNode found = api.get("/api/v1/customers?identifier=" + java.net.URLEncoder.encode(localSpelling, StandardCharsets.UTF_8)).json();
        assertThat(found.at("/items/0/id").asString()).isEqualTo(mail.text("/customerId"));
    }

    @Test
    void concurrentMessagesFromOneNewSenderMakeOneCustomer() throws Exception {
        String from = "\"email\":\"" + unique("burst") + "@example.com\"";
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = java.util.stream.IntStream.range(0, 16)
                    .mapToObj(i -> executor.submit(() -> inbound("sms", "+908502220000", unique("burst"), from, null, "Mesaj " + i)))
                    .toList();
            java.util.Set<String> customers = new java.util.HashSet<>();
            for (var future : futures) {
                Api.Response response = future.get();
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                customers.add(response.text("/customerId"));
            }
            assertThat(customers).hasSize(1);
        }
    }

    @Test
    void theAckSpeaksTheCustomersLanguage() {
        Api.Response az = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"+994501234%03d"},
                 "text":"Salam, hesabım haqqında sualım var","language":"az"}""".formatted(unique("az"), (int) (Math.random() * 1000)));
        Api.Response en = inbound("email", "bilgi@ornek.com.tr", unique("en"), "\"email\":\"" + unique("en") + "@example.co.uk\"",
                "Opening hours", "Hello, when does your store in Kadikoy open? Thank you");

        assertThat(ack(az).at("/text").asString()).contains("mesajınızı aldıq").containsPattern("\\d{2}:\\d{2}");
        assertThat(ack(en).at("/text").asString()).contains("Thank you, your message has reached us").containsPattern("\\d{2}:\\d{2}");
        assertThat(ack(en).at("/language").asString()).isEqualTo("en");
    }

    @Test
    void theApiDocumentsItself() {
        Api.Response docs = api.withToken(null).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths").has("/api/v1/inbound")).isTrue();
        assertThat(docs.json().at("/paths").has("/api/v1/inbound/email")).isTrue();
        assertThat(api.withToken(null).get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.withToken(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void inboundCallsAreTimedPerRouteWithoutAnObservationPerSecurityFilter() {
        Api.Response created = inbound("sms", "+908502220000", unique("timed"), "\"phone\":\"+90532" + (1000000 + (int) (Math.random() * 8999999)) + "\"",
                null, "Faturam hakkında bir sorum var");
        assertThat(created.status()).isEqualTo(201);

        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*uri=\"/api/v1/inbound\"");
        assertThat(metrics).doesNotContain("spring_security_filterchains").doesNotContain("http_server_requests_active");
    }

    private JsonNode ack(Api.Response created) {
        return api.get("/api/v1/conversations/" + created.text("/conversationId")).json().at("/messages").valueStream()
                .filter(m -> "ack".equals(m.at("/kind").asString())).findFirst().orElseThrow();
    }

    @Test
    void theSameExternalIdAgainAnswersTheSameIds() {
        String externalId = unique("retry");
        String from = "\"email\":\"" + unique("retry") + "@example.com\"";
        Api.Response first = inbound("email", "destek@ornek.com.tr", externalId, from, "Modem", "Modemim çalışmıyor");
        Api.Response retry = inbound("email", "destek@ornek.com.tr", externalId, from, "Modem", "Modemim çalışmıyor");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("/messageId")).isEqualTo(first.text("/messageId"));
        assertThat(retry.text("/conversationId")).isEqualTo(first.text("/conversationId"));
        assertThat(retry.text("/customerId")).isEqualTo(first.text("/customerId"));
        assertThat(api.get("/api/v1/conversations/" + first.text("/conversationId")).json().at("/messages")).hasSize(2);
    }

    @Test
    void theAnswerIsJsonWithTheFourFieldsAndNothingElse() {
        Api.Response created = inbound("email", "destek@ornek.com.tr", unique("shape"), "\"email\":\"" + unique("shape") + "@example.com\"",
                "Modem", "Modemim çalışmıyor");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo("application/json");
        assertThat(created.json().propertyNames()).containsExactlyInAnyOrder("messageId", "conversationId", "customerId", "duplicate");
        assertThat(UUID.fromString(created.text("/messageId"))).isNotNull();
        assertThat(created.json().at("/duplicate").isBoolean()).isTrue();
        assertThat(created.json().at("/duplicate").asBoolean()).isFalse();
    }

    @Test
    void aBodyDeclaredAsAFormIsReadAsSent() {
        String externalId = unique("form");
        byte[] body = """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},"text":"a=b&c=d"}"""
                .formatted(externalId, externalId).getBytes(StandardCharsets.UTF_8);
        Api.Response response = api.postRaw("/api/v1/inbound", "application/x-www-form-urlencoded", body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/conversations/" + response.text("/conversationId")).json().at("/messages/0/text").asString())
                .isEqualTo("a=b&c=d");
    }

    @Test
    void anEmptyBodyGetsA400ProblemAndIsQuarantined() {
        Api.Response response = api.postRaw("/api/v1/inbound", "application/json", new byte[0]);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("/detail")).isEqualTo("The body is empty");
        assertThat(api.get("/api/v1/quarantine/" + response.text("/quarantineId")).text("/reason")).isEqualTo("empty body");
    }

    @Test
    void malformedJsonGetsA400ProblemAndItsRawBodyIsQuarantined() {
        byte[] body = "{\"channel\": \"email\", \"text\": oops".getBytes(StandardCharsets.UTF_8);
        Api.Response response = api.postRaw("/api/v1/inbound", "application/json", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("/detail")).contains("not valid JSON");
        String quarantineId = response.text("/quarantineId");
        assertThat(quarantineId).isNotNull();
        assertThat(api.get("/api/v1/quarantine/" + quarantineId + "/raw").body()).isEqualTo(new String(body, StandardCharsets.UTF_8));
        assertThat(api.get("/api/v1/quarantine").json().at("/items")).anySatisfy(item ->
                assertThat(item.at("/id").asString()).isEqualTo(quarantineId));
    }

    @Test
    void aMessageWithoutAnyIdentifierGetsA422ProblemAndIsQuarantined() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"name":"Nobody"},"text":"hi"}"""
                .formatted(unique("noid")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("/detail")).contains("at least one of email, phone");
        assertThat(api.get("/api/v1/quarantine/" + response.text("/quarantineId")).text("/reason")).contains("at least one of");
    }

    @Test
    void aPlaceholderSenderIsRejectedAsBlocked() {
        Api.Response response = inbound("email", "fatura@ornek.com.tr", unique("blocked"), "\"email\":\"test@test.com\"", "x", "y");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("/detail")).contains("no usable identifier");
    }

    @Test
    void requestsWithoutATokenGetA401ProblemAndNarrowTokensA403() {
        Api.Response anonymous = api.withToken(null).get("/api/v1/quarantine");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        String readOnly = api.post("/api/v1/tokens", "{\"name\":\"reader\",\"scopes\":[\"READ\"]}").text("/value");
        Api.Response denied = api.withToken(readOnly).post("/api/v1/inbound", "{}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(api.withToken(readOnly).get("/api/v1/queues").status()).isEqualTo(200);
    }

    @Test
    void automatedSendersGetNoAck() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Out of office","text":"I am away","autoSubmitted":true}""".formatted(unique("auto"), unique("auto")));

        JsonNode conversation = api.get("/api/v1/conversations/" + response.text("/conversationId")).json();
        assertThat(conversation.at("/messages")).hasSize(1);
        JsonNode timeline = api.get("/api/v1/customers/" + response.text("/customerId")).json().at("/timeline");
        assertThat(timeline).anySatisfy(entry -> {
            assertThat(entry.at("/kind").asString()).isEqualTo("ack.skipped");
            assertThat(entry.at("/summary").asString()).contains("automated");
        });
    }

    @Test
    void mailFromOurOwnEntryPointGetsNoAck() {
        Api.Response response = inbound("email", "destek@ornek.com.tr", unique("loop"), "\"email\":\"fatura@ornek.com.tr\"",
                "Talebinizi aldık", "loop");

        assertThat(api.get("/api/v1/conversations/" + response.text("/conversationId")).json().at("/messages")).hasSize(1);
    }

    @Test
    void smsFromOurOwnNumberGetsNoAckHoweverTheNumberIsWritten() {
        Api.Response response = inbound("sms", "+908502220000", unique("loop"), "\"phone\":\"0850 222 00 00\"", null, "Talebinizi aldık");

        assertThat(api.get("/api/v1/conversations/" + response.text("/conversationId")).json().at("/messages")).hasSize(1);
        JsonNode timeline = api.get("/api/v1/customers/" + response.text("/customerId")).json().at("/timeline");
        assertThat(timeline).anySatisfy(entry -> {
            assertThat(entry.at("/kind").asString()).isEqualTo("ack.skipped");
            assertThat(entry.at("/summary").asString()).contains("one of our own entry points");
        });
    }

    Api.Response inbound(String channel, String entryPoint, String externalId, String from, String subject, String text) {
        return api.post("/api/v1/inbound", """
                {"channel":"%s","entryPoint":"%s","externalId":"%s","from":{%s},"subject":%s,"text":%s}"""
                .formatted(channel, entryPoint, externalId, from, subject == null ? "null" : Api.quote(subject), Api.quote(text)));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
