package io.temas.customers;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** The gender a customer gave, if they gave one; {@code undisclosed} is an answer of its own ("prefers not to say"). */
public enum Gender {
    FEMALE, MALE, OTHER, UNDISCLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInput naming {@code gender} for an unknown code */
    public static Gender of(String code) {
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("gender", "gender is one of female, male, other, undisclosed");
        }
    }

    static Gender stored(String code) {
        try {
            return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
