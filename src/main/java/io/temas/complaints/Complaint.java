package io.temas.complaints;

import java.time.Instant;

/**
 * A conversation's complaint mark.
 *
 * @param category the category's code
 * @param at       when it was marked
 * @param by       the user name of whoever marked it, or {@code rule:<name>} for a keyword rule
 */
public record Complaint(String category, Instant at, String by) {

    /** Whether a keyword rule, not a person, marked it. */
    public boolean byRule() {
        return by != null && by.startsWith("rule:");
    }
}
