package io.temas.channels;

/** What a transport made of one send. */
public sealed interface SendResult {

    /** Accepted by the next hop; {@code reference} is its id for the message, if any. */
    record Sent(String reference) implements SendResult {
    }

    /** Try again later (connection refused, 4xx SMTP reply, provider throttling). */
    record TemporaryFailure(String reason) implements SendResult {
    }

    /** Never going to work (no such mailbox, invalid number). */
    record PermanentFailure(String reason) implements SendResult {
    }

    /**
     * Nothing left, and nothing was tried: there is no way to send this way (a channel that cannot
     * send yet, a mailbox without an SMTP server). The outbox drops the message with the reason.
     */
    record NotSent(String reason) implements SendResult {
    }
}
