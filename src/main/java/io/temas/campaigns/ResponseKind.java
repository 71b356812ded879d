package io.temas.campaigns;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** What a customer's response to a campaign says. */
public enum ResponseKind {
    INTERESTED, ACCEPTED, DECLINED, OPTED_OUT;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ResponseKind of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new InvalidInput("kind", "response kind must be interested, accepted, declined or opted-out, not '" + code + "'");
        }
    }
}
