package io.temas.shared;

import java.util.Locale;

/** Kinds of identifier that can point at a customer. */
public enum IdentifierType {
    EMAIL, PHONE, SOCIAL, ACCOUNT, LOYALTY, COOKIE;

    /** Made once: every identifier's key is built from it, several times a message. */
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static IdentifierType of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("type", "unknown identifier type '" + code + "'");
        }
    }
}
