package io.temas.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A visitor rated a chat that a person answered (1–5, with an optional comment), published in the
 * transaction that stores the rating: the satisfaction survey of a chat is this inline rating.
 */
public record ChatRated(UUID conversationId, int score, String comment, Instant at) {
}
