package io.temas.demo;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.complaints.ComplaintCatalogue;
import io.temas.complaints.ComplaintRule;
import io.temas.complaints.Complaints;
import io.temas.conversations.Actor;
import io.temas.conversations.ConversationEdits;
import io.temas.conversations.ConversationStatus;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
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
 * The demo's complaints, loaded with the demo messages: keyword rules in Turkish, Azerbaijani and
 * English, one customer whose angry e-mail a rule marks, one complaint a supervisor marked, and one customer
 * on the win-back list (a delivery complaint six weeks ago, silent since). Runs once, after the
 * demo console.
 */
@Component
@Order(25)
class DemoComplaints implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoComplaints.class);

    private final DemoSettings settings;
    private final ComplaintCatalogue catalogue;
    private final Complaints complaints;
    private final ConversationEdits edits;
    private final InboundSink inbound;
    private final Clock clock;

    DemoComplaints(DemoSettings settings, ComplaintCatalogue catalogue, Complaints complaints, ConversationEdits edits, InboundSink inbound,
                   Clock clock) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.complaints = complaints;
        this.edits = edits;
        this.inbound = inbound;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demoData() || !settings.demoConversations() || !catalogue.rules().isEmpty()) {
            return;
        }
        catalogue.saveRule(new ComplaintRule(null, "Öfke (tr)", "service", "tr",
                List.of("rezalet", "berbat", "şikayetçiyim", "kabul edilemez", "tüketici hakem heyeti"), true));
        catalogue.saveRule(new ComplaintRule(null, "Narazılıq (az)", "service", "az", List.of("biabırçılıq", "şikayət edirəm", "dəhşətdir"), true));
        catalogue.saveRule(new ComplaintRule(null, "Anger (en)", "service", "en", List.of("unacceptable", "terrible service", "complaint"), true));
        Actor selin = new Actor("selin", "Selin Arslan", null);
        email("destek@ornek.com.tr", "Murat Çelik", "murat.celik@example.com", "Rezalet bir hizmet",
                "Üç gündür internetim yok ve kimse aramadı. Bu hizmet gerçekten REZALET, tüketici hakem heyetine başvuracağım.", 15);
        // The same external id as the demo console's message: the receipt of the one already received.
        Receipt fatma = email("fatura@ornek.com.tr", "Fatma Öztürk", "fatma.ozturk@example.com.tr", "Kasım faturamda fazla ücret var",
                "Kasım faturamda iki kez internet ücreti alınmış.", 95);
        complaints.mark(fatma.conversationId(), "billing", selin);
        Receipt hakan = email("bilgi@ornek.com.tr", "Hakan Yıldız", "hakan.yildiz@example.com", "Siparişim iki haftadır gelmedi",
                "Merhaba, siparişim iki haftadır gelmedi ve kargo takip numarası çalışmıyor.", 45 * 24 * 60);
        edits.changeStatus(hakan.conversationId(), ConversationStatus.RESOLVED, selin);
        complaints.mark(hakan.conversationId(), "delivery", selin);
        log.info("Loaded the demo complaint rules and complaints");
    }

    /** An e-mail through the pipeline, with the demo console's external ids. */
    private Receipt email(String to, String name, String from, String subject, String text, int minutesAgo) {
        var sender = new InboundMessage.Sender(name, List.of(Identifier.email(from)), from);
        byte[] raw = ("From: " + name + " <" + from + ">\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + text)
                .getBytes(StandardCharsets.UTF_8);
        return inbound.receive(new InboundMessage(ChannelType.EMAIL, to, "demo-" + from + "-" + subject.hashCode(), sender, subject, text,
                null, null, clock.instant().minus(Duration.ofMinutes(minutesAgo)), null, null, null,
                new InboundMessage.RawPayload("message/rfc822", raw)));
    }
}
