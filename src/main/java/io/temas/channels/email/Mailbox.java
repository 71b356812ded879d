package io.temas.channels.email;

import java.util.Locale;
import java.util.UUID;

/**
 * A support mailbox: its address is an entry point whose mail goes to {@code queue}.
 *
 * @param id     null for mailboxes from configuration
 * @param source {@code configuration} or {@code api}
 */
public record Mailbox(UUID id, String address, String queue, EmailSettings.Imap imap, EmailSettings.Smtp smtp, String source) {

    public Mailbox {
        address = address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    public boolean fetches() {
        return imap != null && imap.host() != null && !imap.host().isBlank();
    }

    public boolean sends() {
        return smtp != null && smtp.host() != null && !smtp.host().isBlank();
    }
}
