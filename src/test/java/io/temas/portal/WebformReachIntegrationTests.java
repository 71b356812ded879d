package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.temas.channels.sms.FakeTwilio;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.Visitor;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A customer writes through the help centre's contact form, as a browser does, and is answered
 * where they can be reached: by e-mail from the queue's mailbox (real SMTP and IMAP, GreenMail),
 * threaded so that their e-mail answer joins the same web-form conversation; or, when they left
 * only a phone number, by SMS through a local server playing Twilio.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "temas.ephemeral=true",
        "temas.demo-data=true",
        "temas.demo-conversations=false",
        "temas.bootstrap.api-token=" + WebformReachIntegrationTests.TOKEN,
        "temas.bootstrap.admin-password=" + WebformReachIntegrationTests.ADMIN_PASSWORD,
        "temas.outbox.poll-interval=200ms",
        "temas.sla.check-interval=1h",
        "temas.routing.offer-interval=1h",
        "server.forward-headers-strategy=native"
})
class WebformReachIntegrationTests {

    static final String TOKEN = "webform-reach-token";
    static final String ADMIN_PASSWORD = "webform-reach-admin";
    private static final String MAILBOX = "bilgi@ornek.com.tr";
    private static final String PASSWORD = "gizli";
    private static final String SID = "AC00000000000000000000000000000abc";
    private static final String TWILIO_TOKEN = "webform-twilio-token";
    private static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}));
    private static final FakeTwilio TWILIO = new FakeTwilio(SID, TWILIO_TOKEN);
    private static final AtomicLong PHONES = new AtomicLong(4_000_000);
    private static final AtomicLong CLIENTS = new AtomicLong(10);

    static {
        MAIL.start();
        MAIL.setUser(MAILBOX, MAILBOX, PASSWORD);
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        String prefix = "temas.email.mailboxes[0].";
        registry.add(prefix + "address", () -> MAILBOX);
        registry.add(prefix + "queue", () -> "Genel");
        registry.add(prefix + "imap.host", () -> "127.0.0.1");
        registry.add(prefix + "imap.port", () -> MAIL.getImap().getPort());
        registry.add(prefix + "imap.username", () -> MAILBOX);
        registry.add(prefix + "imap.password", () -> PASSWORD);
        registry.add(prefix + "imap.ssl", () -> "false");
        registry.add(prefix + "imap.poll-interval", () -> "1s");
        registry.add(prefix + "smtp.host", () -> "127.0.0.1");
        registry.add(prefix + "smtp.port", () -> MAIL.getSmtp().getPort());
        registry.add(prefix + "smtp.starttls", () -> "false");
        registry.add("temas.sms.provider", () -> "twilio");
        registry.add("temas.sms.base-url", TWILIO::baseUrl);
        registry.add("temas.sms.account-sid", () -> SID);
        registry.add("temas.sms.auth-token", () -> TWILIO_TOKEN);
        registry.add("temas.sms.webhook-secret", () -> "webform-webhook-secret");
        registry.add("temas.sms.sender", () -> "+908502220000");
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
        TWILIO.close();
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TOKEN);
    }

    @Test
    void aFormWithAnEmailAddressIsAcknowledgedAndAnsweredByMailAndTheCustomersMailAnswerJoinsTheSameConversation() throws Exception {
        String customer = "form-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> sent = contact(Map.of("name", "Deniz Aydın", "email", customer, "phone", "0532 " + PHONES.incrementAndGet(),
                "subject", "Kargo ücreti", "message", "Adalara gönderim ücreti ne kadar?"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Başvuru numaranız").as("the thank-you names where the answer goes")
                .contains(customer + " adresinden dönüş yapacağız");

        MimeMessage ack = awaitMail(customer, m -> "auto-replied".equals(m.getHeader("Auto-Submitted", ",")));
        String conversationId = conversationOf(customer);
        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
        String reference = conversation.at("/reference").asString();
        assertThat(conversation.at("/channel").asString()).isEqualTo("webform");
        assertThat(((InternetAddress) ack.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
        assertThat(ack.getSubject()).contains("Kargo ücreti").contains("[#" + reference + "]");
        assertThat(text(ack)).contains(reference);
        JsonNode ackMessage = message(conversationId, m -> "ack".equals(m.at("/kind").asString()));
        assertThat(ackMessage.at("/channel").asString()).isEqualTo("email");
        assertThat(ackMessage.at("/to").asString()).isEqualTo(customer);
        awaitDelivery(conversationId, ackMessage.at("/id").asString(), "sent");

        Console agent = Console.signIn(port, "admin", ADMIN_PASSWORD);
        String answer = "Adalara gönderim 49 TL, " + UUID.randomUUID();
        Console.Page replied = agent.submit("/console/conversations/" + conversationId, "/console/conversations/" + conversationId + "/reply",
                Map.of("channel", "email", "text", answer));
        assertThat(replied.status()).isEqualTo(302);
        MimeMessage reply = awaitMail(customer, m -> text(m).contains(answer));
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
        assertThat(reply.getSubject()).isEqualTo("Re: Kargo ücreti [#" + reference + "]");
        assertThat(reply.getHeader("In-Reply-To", ",")).isEqualTo(ack.getMessageID());
        assertThat(reply.getHeader("References", ",")).contains(ack.getMessageID());
        JsonNode replyMessage = message(conversationId, m -> answer.equals(m.at("/text").asString()));
        awaitDelivery(conversationId, replyMessage.at("/id").asString(), "sent");
        assertThat(agent.get("/console/conversations/" + conversationId).body()).contains("Gönderildi").doesNotContain("Gönderilmedi");

        // The customer answers from their mail client, without the reference in the subject: the headers thread it.
        send(customer, MAILBOX, "Re: Kargo ücreti", "Teşekkürler, peki Bozcaada?", reply.getMessageID(),
                ack.getMessageID() + " " + reply.getMessageID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                messages(conversationId).valueStream().filter(m -> "inbound".equals(m.at("/direction").asString()))
                        .map(m -> m.at("/channel").asString())).containsExactly("webform", "email"));
        assertThat(api.get("/api/v1/conversations?customerId=" + customerIdOf(customer)).json().at("/items")).hasSize(1);
        assertThat(api.get("/api/v1/conversations/" + conversationId).text("/channel")).isEqualTo("webform");
    }

    @Test
    void aFormWithOnlyAPhoneNumberIsAcknowledgedAndAnsweredBySms() {
        String local = "0533" + PHONES.incrementAndGet();
        String phone = "+90" + local.substring(1);
        HttpResponse<String> sent = contact(Map.of("name", "Ali Veli", "phone", local, "message", "Siparişim ne zaman gelir?"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).as("answered on the number, not promised by e-mail").contains(phone).doesNotContain("e-posta adres");

        FakeTwilio.Request ack = await().atMost(Duration.ofSeconds(20)).until(() -> TWILIO.requests().stream()
                .filter(r -> phone.equals(r.form().get("To"))).findFirst().orElse(null), r -> r != null);
        assertThat(ack.form()).containsEntry("From", "+908502220000");
        String conversationId = conversationOf(phone);
        String reference = api.get("/api/v1/conversations/" + conversationId).text("/reference");
        assertThat(ack.form().get("Body")).contains(reference);
        JsonNode ackMessage = message(conversationId, m -> "ack".equals(m.at("/kind").asString()));
        assertThat(ackMessage.at("/channel").asString()).isEqualTo("sms");
        awaitDelivery(conversationId, ackMessage.at("/id").asString(), "sent");

        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Yarın kargoda.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.text("/channel")).isEqualTo("sms");
        assertThat(reply.text("/to")).isEqualTo(phone);
        await().atMost(Duration.ofSeconds(20)).until(() -> TWILIO.requests().stream()
                .anyMatch(r -> phone.equals(r.form().get("To")) && "Yarın kargoda.".equals(r.form().get("Body"))));
        awaitDelivery(conversationId, reply.text("/messageId"), "sent");
    }

    @Test
    void aFormWithOneCustomersAddressAndAnotherCustomersNumberMergesNoOneAndIsAnsweredByMail() throws Exception {
        String emailOfA = "a-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phoneOfB = "+90534" + PHONES.incrementAndGet();
        Api.Response a = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s","name":"Ayşe"},"subject":"Fatura","text":"Faturam?"}"""
                .formatted(MAILBOX, UUID.randomUUID(), emailOfA));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        Api.Response b = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s","name":"Burak"},"text":"Kargom?"}"""
                .formatted(UUID.randomUUID(), phoneOfB));
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        String customerA = customerIdOf(emailOfA);
        String customerB = customerIdOf(phoneOfB);
        assertThat(customerA).isNotEqualTo(customerB);

        HttpResponse<String> sent = contact(Map.of("name", "Biri", "email", emailOfA, "phone", "0" + phoneOfB.substring(3),
                "subject", "Adres değişikliği", "message", "Teslimat adresimi değiştirmek istiyorum."));
        assertThat(sent.statusCode()).isEqualTo(200);

        assertThat(customerIdOf(emailOfA)).isEqualTo(customerA);
        assertThat(customerIdOf(phoneOfB)).as("the number's owner stays apart").isEqualTo(customerB);
        assertThat(api.get("/api/v1/customers/" + customerA).json().get("identities").findValuesAsString("value"))
                .containsExactly(emailOfA);
        assertThat(api.get("/api/v1/customers/" + customerB).json().get("identities").findValuesAsString("value"))
                .containsExactly(phoneOfB);
        String formConversation = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/conversations?customerId=" + customerA)
                .json().at("/items").valueStream().filter(c -> "webform".equals(c.at("/channel").asString()))
                .map(c -> c.at("/id").asString()).findFirst().orElse(null), id -> id != null);
        MimeMessage ack = awaitMail(emailOfA, m -> "auto-replied".equals(m.getHeader("Auto-Submitted", ","))
                && m.getSubject().contains("Adres değişikliği"));
        assertThat(ack.getSubject()).contains(api.get("/api/v1/conversations/" + formConversation).text("/reference"));
    }

    @Test
    void aFormWrittenToARetiringEntryPointIsToldByMailFromWhichDay() throws Exception {
        Api.Response all = api.get("/api/v1/entry-points");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        JsonNode form = all.json().valueStream()
                .filter(e -> "web-iletisim".equalsIgnoreCase(e.at("/address").asString())).findFirst().orElseThrow(() -> new AssertionError(all.body()));
        String id = form.at("/id").asString();
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(20);
        String fields = """
                {"address":"%s","channel":"webform","queue":"%s","name":%s,"state":"%%s","retiresAt":"%%s"}"""
                .formatted(form.at("/address").asString(), form.at("/queueId").asString(), Api.quote(form.at("/name").asString()));
        assertThat(api.put("/api/v1/entry-points/" + id, fields.formatted("retiring", day)).status()).isEqualTo(200);
        try {
            String customer = "veda-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            assertThat(contact(Map.of("name", "Deniz", "email", customer, "subject", "Soru", "message", "Bir sorum var."))
                    .statusCode()).isEqualTo(200);

            String said = day.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("tr")));
            MimeMessage notice = awaitMail(customer, m -> text(m).contains("kullanılmayacak"));
            assertThat(text(notice)).contains(said + " tarihinden itibaren kullanılmayacak");
            assertThat(((InternetAddress) notice.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
            String conversationId = conversationOf(customer);
            JsonNode message = message(conversationId, m -> "notice".equals(m.at("/kind").asString()));
            assertThat(message.at("/channel").asString()).isEqualTo("email");
            awaitDelivery(conversationId, message.at("/id").asString(), "sent");
        } finally {
            assertThat(api.put("/api/v1/entry-points/" + id, fields.formatted("active", "")).status()).isEqualTo(200);
        }
    }

    // --- helpers ---

    private HttpResponse<String> contact(Map<String, String> fields) {
        Visitor visitor = new Visitor(port, "198.51.100." + CLIENTS.incrementAndGet());
        return visitor.submit("/portal/contact", "/portal/contact", fields);
    }

    private static MimeMessage awaitMail(String recipient, MailCondition condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> isTo(m, recipient)).filter(condition::test).findFirst().orElse(null), m -> m != null);
    }

    @FunctionalInterface
    interface MailCondition {
        boolean holds(MimeMessage message) throws Exception;

        default boolean test(MimeMessage message) {
            try {
                return holds(message);
            } catch (Exception e) {
                return false;
            }
        }
    }

    private static boolean isTo(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        return content instanceof String s ? s : String.valueOf(content);
    }

    private static void send(String from, String to, String subject, String text, String inReplyTo, String references)
            throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(MAIL.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.setHeader("In-Reply-To", inReplyTo);
        message.setHeader("References", references);
        Transport.send(message);
    }

    private String customerIdOf(String address) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers?identifier=" + URLEncoder.encode(address, StandardCharsets.UTF_8)).text("/items/0/id"),
                id -> id != null);
    }

    private String conversationOf(String address) {
        String customerId = customerIdOf(address);
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/conversations?customerId=" + customerId).text("/items/0/id"), id -> id != null);
    }

    private JsonNode messages(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId).json().at("/messages");
    }

    private JsonNode message(String conversationId, Predicate<JsonNode> which) {
        return messages(conversationId).valueStream().filter(which).findFirst().orElseThrow();
    }

    private void awaitDelivery(String conversationId, String messageId, String state) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                message(conversationId, m -> messageId.equals(m.at("/id").asString())).at("/delivery").asString()).isEqualTo(state));
    }
}
