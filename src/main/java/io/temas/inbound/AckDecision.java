package io.temas.inbound;

/** Whether a message gets an automatic acknowledgement, with the reason. */
sealed interface AckDecision {

    String reason();

    record Send(String reason) implements AckDecision {
    }

    record Skip(String reason) implements AckDecision {
    }
}
