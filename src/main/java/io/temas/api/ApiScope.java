package io.temas.api;

import java.util.Locale;

/** What an API token may do. */
public enum ApiScope {
    /** Push inbound messages. */
    INBOUND,
    /** Read conversations, customers and configuration. */
    READ,
    /** Act as an agent: reply, assign, merge. */
    WRITE,
    /** Change configuration, see the quarantine, manage tokens. */
    ADMIN;

    public String authority() {
        return "SCOPE_" + name().toLowerCase(Locale.ROOT);
    }
}
