package io.temas.calls;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A booked callback and where it stands.
 *
 * @param state    {@code booked} (waiting for its slot), {@code offered} (to {@code agentId}), {@code calling},
 *                 {@code retry} (an attempt went unanswered; due again at {@code dueAt}), {@code done},
 *                 {@code failed} or {@code cancelled}
 * @param attempts calls made so far
 * @param dueAt    when it is next offered to an agent
 * @param outcome  the last attempt's outcome: {@code reached}, {@code no-answer}, {@code busy}, {@code wrong-number}
 */
public record Callback(UUID id, UUID queueId, String entryPoint, CallbackSlot slot, String phone, String email, UUID customerId,
                       UUID conversationId, String note, String language, CallbackSource source, String state, int attempts,
                       Instant dueAt, UUID agentId, Instant offeredAt, String outcome, Instant createdAt, Instant updatedAt) {

    /** The states of a callback. */
    public static final List<String> STATES = List.of("booked", "offered", "calling", "done", "retry", "failed", "cancelled");

    /** Whether it is over: done, failed or cancelled. */
    public boolean closed() {
        return "done".equals(state) || "failed".equals(state) || "cancelled".equals(state);
    }
}
