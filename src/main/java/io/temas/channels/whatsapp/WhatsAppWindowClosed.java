package io.temas.channels.whatsapp;

import io.temas.shared.RefusedByRule;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A free-form WhatsApp reply refused before it was queued: the customer last wrote more than 24
 * hours ago (or never on WhatsApp), so WhatsApp would only deliver an approved template; the
 * templates that could be sent instead come with the refusal.
 */
public class WhatsAppWindowClosed extends RefusedByRule {

    private final Instant closedAt;
    private final List<WhatsAppTemplates.Template> templates;

    WhatsAppWindowClosed(Instant closedAt, List<WhatsAppTemplates.Template> templates) {
        super("WhatsApp allows a free-form reply only within 24 hours of the customer's last message ("
                + (closedAt == null ? "the customer has not written on WhatsApp" : "the window closed at " + closedAt)
                + "); send an approved template instead" + (templates.isEmpty() ? " (none is set up yet)" : ": "
                + templates.stream().map(t -> t.name() + " (" + t.language() + ")").collect(Collectors.joining(", "))));
        this.closedAt = closedAt;
        this.templates = List.copyOf(templates);
    }

    /** When the window closed; null when the customer never wrote on WhatsApp. */
    public Instant closedAt() {
        return closedAt;
    }

    /** The approved templates that may be sent instead. */
    public List<WhatsAppTemplates.Template> templates() {
        return templates;
    }
}
