package io.temas.channels;

import io.temas.shared.ReasonCode;
import java.time.Duration;

/**
 * What a transport made of one send. A failure says why in English ({@code reason}: logs, the
 * API's detail) and, where the transport knows the case, as a {@link ReasonCode} the console shows
 * in the agent's language (null: the reason is the provider's own words, shown as they came).
 */
public sealed interface SendResult {

    /** Accepted by the next hop; {@code reference} is its id for the message, if any. */
    record Sent(String reference) implements SendResult {
    }

    /**
     * Try again later (connection refused, 4xx SMTP reply, provider throttling); {@code retryAfter} is the wait the
     * provider asked for (its {@code Retry-After}, Telegram's {@code retry_after}), or null. The outbox waits at least
     * that long, and never less than its own backoff.
     */
    record TemporaryFailure(String reason, ReasonCode code, Duration retryAfter) implements SendResult {

        public TemporaryFailure(String reason) {
            this(reason, null, null);
        }

        public TemporaryFailure(String reason, ReasonCode code) {
            this(reason, code, null);
        }
    }

    /** Never going to work (no such mailbox, invalid number). */
    record PermanentFailure(String reason, ReasonCode code) implements SendResult {

        public PermanentFailure(String reason) {
            this(reason, null);
        }
    }

    /**
     * Nothing left, and nothing was tried: there is no way to send this way (a channel that cannot
     * send yet, a mailbox without an SMTP server). The outbox drops the message with the reason.
     */
    record NotSent(String reason, ReasonCode code) implements SendResult {

        public NotSent(String reason) {
            this(reason, null);
        }
    }
}
