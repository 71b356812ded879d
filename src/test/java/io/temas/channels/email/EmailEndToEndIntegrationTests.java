package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.Api;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The e-mail channel end to end, as customers and agents use it. */
class EmailEndToEndIntegrationTests extends MailServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void mailToBillingGetsATurkishAckAndTheThreadSurvivesThreeRoundTrips() throws Exception {
        String customer = unique("musteri") + "@example.com";
        String firstId = send(customer, "fatura@ornek.com.tr", "Fatura sorusu", "Merhaba, faturamı nasıl ödeyebilirim?", null, Map.of());

        MimeMessage ack = awaitMail(customer, m -> header(m, "Auto-Submitted") != null);
        assertThat(header(ack, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(header(ack, "In-Reply-To")).isEqualTo(firstId);
        assertThat(ack.getSubject()).contains("Fatura sorusu").containsPattern("\\[#T-\\d+]");
        assertThat(((InternetAddress) ack.getFrom()[0]).getAddress()).isEqualTo("fatura@ornek.com.tr");
        assertThat(body(ack)).contains("Talep numaranız").containsPattern("en geç .*\\d{2}:\\d{2}");

        String conversationId = conversationOf(customer);
        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
        assertThat(conversation.at("/queue").asString()).isEqualTo("Fatura");
        String reference = conversation.at("/reference").asString();

        String lastCustomerId = firstId;
        for (int round = 1; round <= 3; round++) {
            String text = "Yanıt " + round + ": ödemeyi kartla yapabilirsiniz.";
            api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":" + Api.quote(text) + "}");
            MimeMessage reply = awaitMail(customer, m -> body(m).contains(text));
            assertThat(header(reply, "In-Reply-To")).isEqualTo(lastCustomerId);
            assertThat(header(reply, "References")).contains(firstId);
            assertThat(reply.getSubject()).isEqualTo("Re: Fatura sorusu [#" + reference + "]");

            // Round two answers without the reference in the subject: the headers alone must thread it.
            String subject = round == 2 ? "Re: Fatura sorusu" : reply.getSubject();
            lastCustomerId = send(customer, "fatura@ornek.com.tr", subject, "Teşekkürler, cevap " + round, reply.getMessageID(),
                    Map.of("References", header(reply, "References") + " " + reply.getMessageID()));
            int expectedInbound = round + 1;
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(inboundCount(conversationId)).isEqualTo(expectedInbound));
        }
        assertThat(api.get("/api/v1/conversations?customerId=" + customerIdOf(customer)).json().at("/items")).hasSize(1);
    }

    @Test
    void eachMailboxFeedsItsOwnQueue() throws Exception {
        String customer = unique("teknik") + "@example.com";
        send(customer, "destek@ornek.com.tr", "Modem ışıkları yanıp sönüyor", "İnternetim yok.", null, Map.of());

        String conversationId = conversationOf(customer);

        assertThat(api.get("/api/v1/conversations/" + conversationId).text("/queue")).isEqualTo("Teknik Destek");
        MimeMessage ack = awaitMail(customer, m -> header(m, "Auto-Submitted") != null);
        assertThat(((InternetAddress) ack.getFrom()[0]).getAddress()).isEqualTo("destek@ornek.com.tr");
    }

    @Test
    void anAutoReplyOpensNoLoop() throws Exception {
        String robot = unique("tatil") + "@example.com";
        send(robot, "fatura@ornek.com.tr", "Otomatik yanıt: ofis dışındayım", "Şu an ofis dışındayım.", null,
                Map.of("Auto-Submitted", "auto-replied"));

        String conversationId = conversationOf(robot);

        JsonNode messages = api.get("/api/v1/conversations/" + conversationId).json().at("/messages");
        assertThat(messages).hasSize(1);
        JsonNode timeline = api.get("/api/v1/customers/" + customerIdOf(robot)).json().at("/timeline");
        assertThat(timeline).anySatisfy(e -> assertThat(e.at("/summary").asString()).contains("No acknowledgement: sender is automated"));
    }

    @Test
    void aBounceMarksTheAddressUndeliverableInsteadOfOpeningAConversation() throws Exception {
        String customer = unique("kayip") + "@example.com";
        send(customer, "fatura@ornek.com.tr", "Hesabım", "Merhaba", null, Map.of());
        String customerId = customerIdOf(customer);

        byte[] dsn = """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                To: fatura@ornek.com.tr
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.example.com>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 user unknown

                --b1--
                """.formatted(unique("dsn"), customer).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        Api.Response response = api.postRaw("/api/v1/inbound/email?entryPoint=fatura@ornek.com.tr", "message/rfc822", dsn);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().at("/bounce").asBoolean()).isTrue();
        JsonNode identity = api.get("/api/v1/customers/" + customerId).json().at("/identities/0");
        assertThat(identity.at("/undeliverableAt").isNull()).isFalse();
        assertThat(identity.at("/undeliverableReason").asString()).contains("user unknown");
        assertThat(api.get("/api/v1/customers?identifier=mailer-daemon@mx.example.com").json().at("/items")).isEmpty();
    }

    @Test
    void turkishCharsetsAndAttachmentsSurviveTheRoundTrip() throws Exception {
        String customer = unique("ekli") + "@example.com";
        byte[] pdf = "%PDF-1.4 fatura içeriği".getBytes(StandardCharsets.UTF_8);
        byte[] raw = ("""
                From: =?windows-1254?Q?=DEule_G=FCl?= <%s>
                To: fatura@ornek.com.tr
                Subject: =?ISO-8859-9?Q?=DEubat_faturas=FD?=
                Message-ID: <%s@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="sinir"

                --sinir
                Content-Type: text/plain; charset=windows-1254
                Content-Transfer-Encoding: quoted-printable

                =DEubat faturam=FD ekte g=F6nderiyorum, l=FCtfen kontrol edin.
                --sinir
                Content-Type: application/pdf; name="fatura.pdf"
                Content-Disposition: attachment; filename="fatura.pdf"
                Content-Transfer-Encoding: base64

                %s
                --sinir--
                """).formatted(customer, unique("ek"), java.util.Base64.getMimeEncoder().encodeToString(pdf))
                .replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);

        Api.Response response = api.postRaw("/api/v1/inbound/email?entryPoint=fatura@ornek.com.tr", "message/rfc822", raw);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode message = api.get("/api/v1/conversations/" + response.text("/conversationId")).json().at("/messages/0");
        assertThat(message.at("/subject").asString()).isEqualTo("Şubat faturası");
        assertThat(message.at("/text").asString()).contains("Şubat faturamı ekte gönderiyorum, lütfen kontrol edin.");
        JsonNode attachment = message.at("/attachments/0");
        assertThat(attachment.at("/filename").asString()).isEqualTo("fatura.pdf");
        assertThat(api.get("/api/v1/attachments/" + attachment.at("/id").asString()).body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(pdf);
        assertThat(api.get("/api/v1/customers/" + response.text("/customerId")).text("/displayName")).isEqualTo("Şule Gül");
    }

    @Test
    void unreadableMailIsQuarantinedWithItsBytes() {
        byte[] garbage = "this is not an e-mail at all".getBytes(StandardCharsets.UTF_8);

        Api.Response response = api.postRaw("/api/v1/inbound/email?entryPoint=fatura@ornek.com.tr", "message/rfc822", garbage);

        assertThat(response.status()).isIn(400, 422);
        assertThat(api.get("/api/v1/quarantine/" + response.text("/quarantineId") + "/raw").body()).isEqualTo("this is not an e-mail at all");
    }

    @Test
    void theMailgateCommandDeliversFromStandardInput() throws Exception {
        String customer = unique("postfix") + "@example.com";
        byte[] raw = ("From: " + customer + "\r\nTo: destek@ornek.com.tr\r\nSubject: Postfix ile geldi\r\nMessage-ID: <"
                + unique("pf") + "@example.com>\r\n\r\nMerhaba, uygulamaya giremiyorum.\r\n").getBytes(StandardCharsets.UTF_8);

        ProcessBuilder builder = new ProcessBuilder("bin/mailgate", "destek@ornek.com.tr").redirectErrorStream(true);
        builder.environment().put("TEMAS_URL", "http://127.0.0.1:" + port);
        builder.environment().put("TEMAS_API_TOKEN", TOKEN);
        Process process = builder.start();
        process.getOutputStream().write(raw);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(api.get("/api/v1/conversations/" + conversationOf(customer)).text("/queue")).isEqualTo("Teknik Destek");
    }

    @Test
    void theMailgateKeepsAMessageTemasRefusesOnceHoweverOftenTheMailServerRetries() throws Exception {
        // No sender address: no retry could ever make it a message Temas can answer.
        byte[] raw = ("To: destek@ornek.com.tr\r\nSubject: Kimden?\r\nMessage-ID: <" + unique("nosender")
                + "@example.com>\r\n\r\nMerhaba\r\n").getBytes(StandardCharsets.UTF_8);

        for (int delivery = 0; delivery < 2; delivery++) {
            Mailgate run = mailgate(TOKEN, raw);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("quarantined");
        }
        assertThat(jdbc.sql("select count(*) from quarantine where payload = ?").param(raw).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theMailgateTellsTheMailServerNotToRetryWhatTemasRefusesForGood() throws Exception {
        Mailgate run = mailgate("not-a-token", "From: a@example.com\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(run.exit()).as(run.output()).isEqualTo(78);
    }

    private record Mailgate(int exit, String output) {
    }

    private Mailgate mailgate(String token, byte[] raw) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/mailgate", "destek@ornek.com.tr").redirectErrorStream(true);
        builder.environment().put("TEMAS_URL", "http://127.0.0.1:" + port);
        builder.environment().put("TEMAS_API_TOKEN", token);
        Process process = builder.start();
        process.getOutputStream().write(raw);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Mailgate(process.waitFor(), output);
    }

    @Test
    void theMailgateAsksTheMailServerToRetryWhenTemasIsDown() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/mailgate").redirectErrorStream(true);
        builder.environment().put("TEMAS_URL", "http://127.0.0.1:9");
        builder.environment().put("TEMAS_API_TOKEN", TOKEN);
        Process process = builder.start();
        process.getOutputStream().write("From: a@example.com\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();

        assertThat(process.waitFor()).isEqualTo(75);
    }

    @Test
    void aMailboxAddedThroughTheApiIsFetchedIntoItsQueue() throws Exception {
        String address = unique("yeni") + "@ornek.com.tr";
        String queue = unique("Yeni Kuyruk");
        MAIL.setUser(address, address, PASSWORD);
        Api.Response created = api.post("/api/v1/mailboxes", """
                {"address":"%s","queue":"%s","imap":{"host":"127.0.0.1","port":%d,"username":"%s","password":"%s","pollInterval":"PT1S"},
                 "smtp":{"host":"127.0.0.1","port":%d}}""".formatted(address, queue, MAIL.getImap().getPort(), address, PASSWORD,
                MAIL.getSmtp().getPort()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(PASSWORD);

        String customer = unique("yeni-musteri") + "@example.com";
        send(customer, address, "Yeni adres", "Bu adres yeni mi?", null, Map.of());

        assertThat(api.get("/api/v1/conversations/" + conversationOf(customer)).text("/queue")).isEqualTo(queue);
        MimeMessage ack = awaitMail(customer, m -> header(m, "Auto-Submitted") != null);
        assertThat(((InternetAddress) ack.getFrom()[0]).getAddress()).isEqualTo(address);
        assertThat(api.get("/api/v1/mailboxes").json().valueStream()
                .filter(m -> m.at("/address").asString().equals(address)).findFirst().orElseThrow().at("/fetching").asBoolean()).isTrue();
    }
}
