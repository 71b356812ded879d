package io.temas.demo;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundSink;
import io.temas.console.CannedReplies;
import io.temas.console.ConsoleUsers;
import io.temas.console.Role;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo organisation's console: a user per agent plus the supervisor Selin, all with the
 * password {@value #PASSWORD}; canned replies in three languages; and a few customer messages
 * sent through the real pipeline so the inbox has work in it. Runs once, with the organisation.
 */
@Component
@Order(11)
class DemoConsole implements ApplicationRunner {

    static final String PASSWORD = "temas-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoConsole.class);

    private final DemoSettings settings;
    private final ConsoleUsers users;
    private final Agents agents;
    private final CannedReplies canned;
    private final InboundSink inbound;
    private final Clock clock;

    DemoConsole(DemoSettings settings, ConsoleUsers users, Agents agents, CannedReplies canned, InboundSink inbound, Clock clock) {
        this.settings = settings;
        this.users = users;
        this.agents = agents;
        this.canned = canned;
        this.inbound = inbound;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demoData() || users.exists("selin")) {
            return;
        }
        for (Agent agent : agents.all()) {
            users.save(agent.username(), agent.displayName(), Role.AGENT, PASSWORD);
        }
        users.save("selin", "Selin Arslan", Role.SUPERVISOR, PASSWORD);
        canned.save("Selamlama", "Merhaba {{customer}},\n\nBize yazdığınız için teşekkür ederiz. ", "tr");
        canned.save("Kapanış", "Başka bir sorunuz olursa bu e-postayı yanıtlamanız yeterli.\n\nSaygılarımızla,\n{{agent}}\nÖrnek A.Ş.", "tr");
        canned.save("Fatura kopyası", "Merhaba {{customer}},\n\nFaturanızın bir kopyasını e-posta adresinize gönderdik. "
                + "Referans numaranız: {{reference}}.\n\nSaygılarımızla,\n{{agent}}", "tr");
        canned.save("Salamlama", "Salam {{customer}},\n\nBizə yazdığınız üçün təşəkkür edirik. ", "az");
        canned.save("Greeting", "Hello {{customer}},\n\nThank you for getting in touch. ", "en");
        canned.save("Closing", "If anything else comes up, just reply to this e-mail.\n\nKind regards,\n{{agent}}\nÖrnek A.Ş.", "en");
        if (settings.demoConversations()) {
            messages();
        }
        log.info("Demo console users are ready (password '{}')", PASSWORD);
    }

    private void messages() {
        email("fatura@ornek.com.tr", "Fatma Öztürk", "fatma.ozturk@example.com.tr", "Kasım faturamda fazla ücret var",
                "Merhaba,\n\nKasım faturamda iki kez internet ücreti alınmış. Fazla ödenen tutarın iadesini rica ederim.\n\nFatma Öztürk", 95);
        email("destek@ornek.com.tr", "Ali Veli", "ali.veli@example.com", "Modem sürekli bağlantı kesiyor",
                "İyi günler,\n\nDün akşamdan beri modemim her 10 dakikada bir bağlantıyı kesiyor. Işıklar kırmızı yanıp sönüyor.\n\nAli", 40);
        email("bilgi@ornek.com.tr", "Leyla Məmmədova", "leyla@example.az", "Sifarişim haqqında",
                "Salam,\n\nSifarişim hələ çatmayıb. Zəhmət olmasa vəziyyəti yoxlayın.\n\nHörmətlə,\nLeyla", 25);
        email("bilgi@ornek.com.tr", "John Smith", "john.smith@example.co.uk", "Invoice in English",
                "Hello,\n\nCould you send our company's invoices in English from now on?\n\nBest,\nJohn", 10);
        email("fatura@ornek.com.tr", "Zehra Aydın", "zehra.aydin@example.com", "Otomatik ödeme talimatı",
                "Merhaba, faturalarımı kredi kartımdan otomatik ödemek istiyorum. Nasıl talimat verebilirim?", 5);
    }

    private void email(String to, String name, String from, String subject, String text, int minutesAgo) {
        var sender = new InboundMessage.Sender(name, List.of(Identifier.email(from)), from);
        byte[] raw = ("From: " + name + " <" + from + ">\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + text)
                .getBytes(StandardCharsets.UTF_8);
        inbound.receive(new InboundMessage(ChannelType.EMAIL, to, "demo-" + from + "-" + subject.hashCode(), sender, subject, text, null,
                null, clock.instant().minus(Duration.ofMinutes(minutesAgo)), null, null, null,
                new InboundMessage.RawPayload("message/rfc822", raw)));
    }
}
