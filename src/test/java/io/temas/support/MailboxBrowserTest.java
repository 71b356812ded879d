package io.temas.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of browser tests in which Temas sends and receives real mail: the demo organisation's {@code bilgi@} mailbox
 * served by one GreenMail (SMTP and IMAP) for the whole run, a Chromium per test class, and one Spring context shared by
 * every subclass (same properties, same property source), so each new mail test costs no start of its own. Tests tell
 * their mail apart by recipient: the server's store is shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "temas.ephemeral=true",
        "temas.demo-data=true",
        "temas.demo-conversations=false",
        "temas.bootstrap.api-token=" + MailboxBrowserTest.TOKEN,
        "temas.bootstrap.admin-password=" + MailboxBrowserTest.ADMIN_PASSWORD,
        "temas.outbox.poll-interval=200ms",
        "temas.sla.check-interval=1h",
        "temas.routing.offer-interval=1h",
        "temas.calls.pbx=none",
        "server.forward-headers-strategy=native"
})
public abstract class MailboxBrowserTest {

    public static final String TOKEN = "mailbox-browser-token";
    public static final String ADMIN_PASSWORD = "mailbox-browser-admin";
    public static final String MAILBOX = "bilgi@ornek.com.tr";
    private static final String PASSWORD = "gizli";
    protected static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}));

    protected static Browser chromium;

    static {
        MAIL.start();
        MAIL.setUser(MAILBOX, MAILBOX, PASSWORD);
        // The cached context keeps fetching from it until the run ends.
        Runtime.getRuntime().addShutdownHook(new Thread(MAIL::stop));
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        String prefix = "temas.email.mailboxes[0].";
        registry.add(prefix + "address", () -> MAILBOX);
        registry.add(prefix + "queue", () -> "Genel");
        registry.add(prefix + "imap.host", () -> "127.0.0.1");
        registry.add(prefix + "imap.port", () -> MAIL.getImap().getPort());
        registry.add(prefix + "imap.username", () -> MAILBOX);
        registry.add(prefix + "imap.password", () -> PASSWORD);
        registry.add(prefix + "imap.ssl", () -> "false");
        registry.add(prefix + "smtp.host", () -> "127.0.0.1");
        registry.add(prefix + "smtp.port", () -> MAIL.getSmtp().getPort());
        registry.add(prefix + "smtp.starttls", () -> "false");
    }

    @BeforeAll
    static void startBrowser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        chromium.close();
    }
}
