package io.temas.channels.whatsapp;

import io.temas.channels.OutboundMessage;
import io.temas.channels.ReplyGate;
import org.springframework.stereotype.Component;

/** Refuses a free-form WhatsApp reply outside the customer-service window; a template always passes. */
@Component
class WhatsAppWindowGate implements ReplyGate {

    private final CustomerServiceWindows windows;
    private final WhatsAppTemplates templates;

    WhatsAppWindowGate(CustomerServiceWindows windows, WhatsAppTemplates templates) {
        this.windows = windows;
        this.templates = templates;
    }

    @Override
    public void check(OutboundMessage reply) {
        if (!WhatsAppChannel.WHATSAPP.equals(reply.channel()) || reply.headers().containsKey(WhatsAppTransport.TEMPLATE)) {
            return;
        }
        var window = windows.of(reply.sender(), reply.recipient());
        if (window.isEmpty() || !window.get().open()) {
            throw new WhatsAppWindowClosed(window.map(CustomerServiceWindows.Window::closesAt).orElse(null), templates.approved());
        }
    }
}
