package io.temas.campaigns;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Why a company contacts a customer: to sell (commercial, needs consent) or about a service they use. */
public enum Purpose {
    COMMERCIAL, SERVICE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Purpose of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("purpose", "purpose must be commercial or service, not '" + code + "'");
        }
    }
}
