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

    /** An open alert with its rule's severity, name and message in each language ({@code tr}, {@code az}, {@code en}). */
    public record Alert(UUID id, UUID ruleId, String severity, Map<String, String> name, Map<String, String> message, Instant raisedAt) {

        /** The message in {@code language}, else in Turkish. */
        public String message(String language) {
            return message.getOrDefault(language, message.get("tr"));
        }
    }

    public record Event(String type, Instant occurredAt, String sourceId, Map<String, Object> attributes) {
    }

    public boolean redirected() {
        return !profile.id().value().equals(requestedId);
    }
}
