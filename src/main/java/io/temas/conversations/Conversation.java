package io.temas.conversations;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import io.temas.shared.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation with one customer, on the channel it started on. Why routing put it where it is
 * stands twice: {@code routingReason} in English (audit trail, API) and {@code routingWhy}, the
 * same as a code the console says in the reader's language (null for one routed before codes).
 */
public record Conversation(
        UUID id,
        String reference,
        UUID customerId,
        ChannelType channel,
        String entryPoint,
        String subject,
        ConversationStatus status,
        Priority priority,
        UUID queueId,
        List<String> requiredSkills,
        String routingRule,
        String routingReason,
        UUID assigneeId,
        String campaign,
        String medium,
        boolean customerWasNew,
        String chatSession,
        Language language,
        Instant firstResponseDue,
        Instant resolutionDue,
        Instant firstRespondedAt,
        Instant resolvedAt,
        boolean firstResponseBreached,
        boolean resolutionBreached,
        Instant lastAckAt,
        Instant createdAt,
        Instant lastMessageAt,
        ReasonCode routingWhy) {

    /** This conversation given to an agent (saves reading it back within the same transaction). */
    public Conversation assignedTo(UUID agent) {
        return new Conversation(id, reference, customerId, channel, entryPoint, subject, status, priority, queueId, requiredSkills,
                routingRule, routingReason, agent, campaign, medium, customerWasNew, chatSession, language, firstResponseDue, resolutionDue,
                firstRespondedAt, resolvedAt, firstResponseBreached, resolutionBreached, lastAckAt, createdAt, lastMessageAt, routingWhy);
    }

    public boolean isActive() {
        return status == ConversationStatus.OPEN || status == ConversationStatus.PENDING;
    }
}
