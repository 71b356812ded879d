package io.temas.conversations;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Where a conversation stands. */
public enum ConversationStatus {
    /** Waiting for the team. */
    OPEN,
    /** Waiting for the customer. */
    PENDING,
    RESOLVED,
    CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("status", "unknown status '" + code + "'");
        }
    }
}
