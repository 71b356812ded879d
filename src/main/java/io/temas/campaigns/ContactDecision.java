package io.temas.campaigns;

import java.time.Instant;

/** Whether a customer may be contacted, and if not, which policy said no and why. */
public sealed interface ContactDecision {

    /** Contact allowed. */
    record Allowed() implements ContactDecision {
    }

    /**
     * Contact refused by {@code policy}; {@code retryAt} is set when the refusal passes by itself
     * (quiet hours end), null when it stands.
     */
    record Refused(String policy, String reason, Instant retryAt) implements ContactDecision {

        public boolean temporary() {
            return retryAt != null;
        }
    }

    ContactDecision ALLOWED = new Allowed();
}
