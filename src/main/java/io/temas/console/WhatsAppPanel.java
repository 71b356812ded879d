package io.temas.console;

import io.temas.channels.whatsapp.CustomerServiceWindows;
import io.temas.channels.whatsapp.WhatsAppChannel;
import io.temas.channels.whatsapp.WhatsAppStatus;
import io.temas.channels.whatsapp.WhatsAppTemplates;
import io.temas.conversations.Conversation;
import io.temas.routing.ReplyOption;
import io.temas.routing.ReplyOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the conversation screen shows of a WhatsApp conversation, read by its fragment
 * ({@code @whatsappPanel.of(c)}): whether the customer-service window is open and until when, and
 * the approved templates the agent may send once it has closed.
 */
@Component("whatsappPanel")
class WhatsAppPanel {

    /** The panel: the customer's number, the window (null times when they never wrote), the templates. */
    record Panel(boolean configured, String recipient, boolean open, Instant lastInbound, Instant closesAt,
                 List<WhatsAppTemplates.Template> templates) {
    }

    private final ReplyOptions options;
    private final CustomerServiceWindows windows;
    private final WhatsAppTemplates templates;
    private final WhatsAppStatus status;

    WhatsAppPanel(ReplyOptions options, CustomerServiceWindows windows, WhatsAppTemplates templates, WhatsAppStatus status) {
        this.options = options;
        this.windows = windows;
        this.templates = templates;
        this.status = status;
    }

    public Panel of(Conversation c) {
        String recipient = option(c).flatMap(o -> o.recipient(null)).orElse(null);
        Optional<CustomerServiceWindows.Window> window = recipient == null ? Optional.empty() : windows.of(c.entryPoint(), recipient);
        return new Panel(status.configured(), recipient, window.map(CustomerServiceWindows.Window::open).orElse(false),
                window.map(CustomerServiceWindows.Window::lastInbound).orElse(null),
                window.map(CustomerServiceWindows.Window::closesAt).orElse(null), templates.approved());
    }

    Optional<ReplyOption> option(Conversation c) {
        return options.of(c.id()).stream().filter(o -> o.channel().equals(WhatsAppChannel.WHATSAPP)).findFirst();
    }
}
