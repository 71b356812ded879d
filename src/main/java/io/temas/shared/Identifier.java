package io.temas.shared;

import java.util.Objects;

/**
 * A typed identifier as it was given (not yet normalised). Social handles carry their network
 * in the value as {@code network:handle}.
 */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static Identifier email(String value) {
        return new Identifier(IdentifierType.EMAIL, value);
    }

    public static Identifier phone(String value) {
        return new Identifier(IdentifierType.PHONE, value);
    }

    public static Identifier account(String value) {
        return new Identifier(IdentifierType.ACCOUNT, value);
    }

    public static Identifier social(String network, String handle) {
        return new Identifier(IdentifierType.SOCIAL, network + ":" + handle);
    }
}
