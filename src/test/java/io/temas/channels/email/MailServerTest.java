package io.temas.channels.email;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.temas.support.Api;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temas with two support mailboxes, billing and support, on real SMTP and IMAP servers (GreenMail),
 * where customers have mailboxes of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "temas.ephemeral=true",
        "temas.demo-data=true",
        "temas.demo-conversations=false",
        "temas.bootstrap.api-token=" + MailServerTest.TOKEN,
        "temas.bootstrap.admin-password=" + MailServerTest.ADMIN_PASSWORD,
        "temas.outbox.poll-interval=200ms",
        "temas.sla.check-interval=1h",
        "temas.routing.offer-interval=1h"
})
public abstract class MailServerTest {

    protected static final String TOKEN = "email-test-token";
    protected static final String PASSWORD = "gizli";
    protected static final String ADMIN_PASSWORD = "mail-test-admin";
    protected static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
            ServerSetupTest.SMTP, ServerSetupTest.IMAP}));

    static {
        MAIL.start();
        // Shared by every test class on this context (which Spring keeps for the whole run).
        Runtime.getRuntime().addShutdownHook(new Thread(MAIL::stop));
        for (String user : List.of("fatura@ornek.com.tr", "destek@ornek.com.tr", "kaza@ornek.com.tr")) {
            MAIL.setUser(user, user, PASSWORD);
        }
    }

    @DynamicPropertySource
    static void mailboxes(DynamicPropertyRegistry registry) {
        mailbox(registry, 0, "fatura@ornek.com.tr", "Fatura");
        mailbox(registry, 1, "destek@ornek.com.tr", "Teknik Destek");
    }

    static void mailbox(DynamicPropertyRegistry registry, int index, String address, String queue) {
        String prefix = "temas.email.mailboxes[" + index + "].";
        registry.add(prefix + "address", () -> address);
        registry.add(prefix + "queue", () -> queue);
        registry.add(prefix + "imap.host", () -> "127.0.0.1");
        registry.add(prefix + "imap.port", () -> MAIL.getImap().getPort());
        registry.add(prefix + "imap.username", () -> address);
        registry.add(prefix + "imap.password", () -> PASSWORD);
        registry.add(prefix + "imap.ssl", () -> "false");
        registry.add(prefix + "imap.poll-interval", () -> "2s");
        registry.add(prefix + "smtp.host", () -> "127.0.0.1");
        registry.add(prefix + "smtp.port", () -> MAIL.getSmtp().getPort());
        registry.add(prefix + "smtp.starttls", () -> "false");
    }

    @LocalServerPort
    protected int port;

    protected Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TOKEN);
    }

    // --- helpers ---

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends a customer's mail through the SMTP server; answers its Message-ID. */
    protected static String send(String from, String to, String subject, String text, String inReplyTo, Map<String, String> headers)
            throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(MAIL.getSmtp().getPort()));
        Session session = Session.getInstance(props);
        String messageId = "<" + UUID.randomUUID() + "@example.com>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        Transport.send(message);
        return messageId;
    }

    protected static MimeMessage awaitMail(String recipient, MailCondition condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> isTo(m, recipient)).filter(condition::test).findFirst().orElse(null), m -> m != null);
    }

    @FunctionalInterface
    public interface MailCondition {
        boolean holds(MimeMessage message) throws Exception;

        default boolean test(MimeMessage message) {
            try {
                return holds(message);
            } catch (Exception e) {
                return false;
            }
        }
    }

    static boolean isTo(MimeMessage message, String recipient) {
        try {
            jakarta.mail.Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }

    protected static String header(MimeMessage message, String name) throws MessagingException {
        return message.getHeader(name, ",");
    }

    static String body(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.getDataHandler().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    protected String customerIdOf(String address) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers?identifier=" + URLEncoder.encode(address, StandardCharsets.UTF_8)).text("/items/0/id"),
                id -> id != null);
    }

    protected String conversationOf(String address) {
        String customerId = customerIdOf(address);
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/conversations?customerId=" + customerId).text("/items/0/id"), id -> id != null);
    }

    int inboundCount(String conversationId) {
        return (int) api.get("/api/v1/conversations/" + conversationId).json().at("/messages").valueStream()
                .filter(m -> "inbound".equals(m.at("/direction").asString())).count();
    }
}
