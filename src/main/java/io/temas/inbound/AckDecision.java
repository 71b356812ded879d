package io.temas.inbound;

/** Whether a message gets an automatic acknowledgement, with the reason. */
sealed interface AckDecision {

    String reason();

    record Send(String reason) implements AckDecision {
    }

    /** No acknowledgement: why in English, and as a code the console says in the reader's language. */
    record Skip(String reason, io.temas.shared.ReasonCode why) implements AckDecision {

        Skip(String reason) {
            this(reason, null);
        }
    }
}
