package io.temas.api;

import java.time.Instant;
import java.util.List;

/**
 * The JSON a channel adapter or integration posts to {@code /api/v1/inbound}. Required: channel,
 * entryPoint, externalId, one identifier in {@code from}, and text or html.
 */
record InboundRequest(
        String channel,
        String entryPoint,
        String externalId,
        From from,
        String subject,
        String text,
        String html,
        String language,
        Instant receivedAt,
        String inReplyTo,
        List<String> references,
        String chatSession,
        Boolean autoSubmitted,
        Boolean bulk) {

    /** The sender. A social handle reads {@code network:handle}, or takes {@code network}. */
    record From(String email, String phone, String name, String handle, String network, String accountNumber, String loyaltyNumber,
                String cookie) {
    }
}
