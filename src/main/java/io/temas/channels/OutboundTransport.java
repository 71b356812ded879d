package io.temas.channels;

import io.temas.shared.ChannelType;

/**
 * The SPI a channel implements to send. Called by the outbox dispatcher outside any
 * transaction; may be called again for the same message after a crash, so transports pass the
 * message id to providers that deduplicate.
 */
public interface OutboundTransport {

    ChannelType channel();

    /** A name for logs and the outbox record ({@code smtp}, {@code twilio}). */
    String name();

    SendResult send(OutboundMessage message);
}
