package io.temas.customers.identity;

import io.temas.shared.IdentifierType;

/** An identifier in its one canonical spelling, with the spelling it arrived in. */
public record NormalisedIdentifier(IdentifierType type, String value, String original) {

    public String key() {
        return type.code() + ":" + value;
    }
}
