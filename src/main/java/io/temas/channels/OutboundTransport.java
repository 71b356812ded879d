package io.temas.channels;

import io.temas.shared.ChannelType;

/**
 * The SPI a channel implements to send. Called by the outbox dispatcher inside the transaction that holds the batch's
 * rows, or, for a transport that {@linkplain #sendsSideBySide sends side by side}, on a thread of its own outside it;
 * may be called again for the same message after a crash, so transports pass the message id to providers that
 * deduplicate.
 */
public interface OutboundTransport {

    ChannelType channel();

    /** A name for logs and the outbox record ({@code smtp}, {@code twilio}). */
    String name();

    SendResult send(OutboundMessage message);

    /**
     * True when several sends may be under way at once, each on a thread of its own and outside the dispatcher's
     * transaction: a provider's HTTP API or an SMTP server, which answer in a tenth of a second or more. False (the
     * default) for a transport that writes in the dispatcher's transaction (the chat's own events).
     */
    default boolean sendsSideBySide() {
        return false;
    }

    /**
     * The most sends a second the provider takes from this sender (a bot's broadcast limit), which the dispatcher keeps to
     * on this node by spacing the sends; 0 (the default) for none.
     */
    default int sendsPerSecond() {
        return 0;
    }
}
