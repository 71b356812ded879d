package io.temas.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat as the console shows it beside its conversation.
 *
 * @param state     {@code bot}, {@code waiting}, {@code agent} or {@code ended}
 * @param outcome   how it ended, null while open
 * @param rating    the customer's 1–5, null when not rated
 * @param connected whether the customer's widget is connected to some node now
 */
public record ChatSummary(UUID sessionId, String state, String outcome, Integer rating, String ratingComment,
                          boolean connected, Instant startedAt, Instant endedAt) {
}
