package io.temas.channels;

/**
 * Where channel adapters deliver what they receive: implemented by the inbound pipeline. A call
 * returns only after the message is committed, so an adapter may acknowledge it to its source
 * (flag an IMAP message, answer a webhook) right after.
 */
public interface InboundSink {

    /**
     * Takes one message.
     *
     * @throws InboundRejected when it could not be processed; its raw payload is then quarantined
     */
    Receipt receive(InboundMessage message);

    /**
     * Whether a message with this external id was already taken on the channel, so an adapter can
     * skip fetching a redelivered message's media; {@link #receive} stays the judge of duplicates.
     */
    default boolean received(io.temas.shared.ChannelType channel, String externalId) {
        return false;
    }

    /** Quarantines input that never became a message (it could not even be parsed). */
    InboundRejected reject(String channel, String entryPoint, String externalId, String reason, String contentType, byte[] raw);

    /**
     * Quarantines the first bytes of input refused before its sender was authenticated (a bad webhook
     * signature), for a limited time only; answers the quarantine id.
     *
     * @param truncated {@code head} is shorter than what was sent
     */
    java.util.UUID rejectUnauthenticated(String channel, String reason, String contentType, byte[] head, boolean truncated);

    /**
     * Records that mail to {@code address} cannot be delivered (a delivery status notification),
     * instead of opening a conversation; answers true the first time this bounce is seen.
     */
    boolean bounced(InboundBounce bounce);
}
