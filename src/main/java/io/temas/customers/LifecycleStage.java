package io.temas.customers;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Where a customer stands in the sales funnel, from first contact to gone; {@link #code()} is the wire and database form. */
public enum LifecycleStage {
    LEAD, PROSPECT, CUSTOMER, LOYAL, AT_RISK, LOST;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a stage code ({@code at_risk}, also {@code at-risk} and any case).
     *
     * @throws InvalidInput naming {@code field} for anything else
     */
    public static LifecycleStage of(String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        try {
            return valueOf(code.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, field + " is one of lead, prospect, customer, loyal, at_risk, lost");
        }
    }

    /** A stored code; null for none or one no longer known. */
    static LifecycleStage stored(String code) {
        if (code == null) {
            return null;
        }
        try {
            return valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
