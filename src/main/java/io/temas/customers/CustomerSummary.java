package io.temas.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a touchpoint (an IVR, an ATM, a branch screen, the sales team's printout) needs about a customer in one read: the
 * profile, the conversations still open, the last contact, the scores, the alerts not cleared and the latest events
 * from other systems. {@code requestedId} is the id asked for; {@code profile} the live customer it leads to (another
 * one when the asked-for customer was merged).
 */
public record CustomerSummary(
        UUID requestedId,
        CustomerProfile profile,
        String detectedLanguage,
        int openConversations,
        LastContact lastContact,
        List<Score> scores,
        List<Alert> alerts,
        List<Event> recentEvents) {

    /** The latest conversation activity: when, on which channel, in which conversation. */
    public record LastContact(Instant at, String channel, UUID conversationId) {
    }

    public record Score(String score, BigDecimal value, Instant computedAt) {
    }

    public record Alert(UUID id, UUID ruleId, Instant raisedAt) {
    }

    public record Event(String type, Instant occurredAt, String sourceId, Map<String, Object> attributes) {
    }

    public boolean redirected() {
        return !profile.id().value().equals(requestedId);
    }
}
