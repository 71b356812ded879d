package io.temas.customers.identity;

import io.temas.shared.ReasonCode;

/** Whether two customers may become one, with the reason a supervisor can read. */
public sealed interface MergeDecision {

    String reason();

    record Allowed(String reason) implements MergeDecision {
    }

    /** Refused: {@code reason} in English for logs and the API, {@code code} for the console to say in the reader's language. */
    record Refused(String reason, ReasonCode code) implements MergeDecision {

        public Refused(String reason) {
            this(reason, null);
        }
    }
}
