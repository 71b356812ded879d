package io.temas.chat;

import java.util.UUID;

/**
 * Something happened in a chat that has a conversation, published on every node (whichever node
 * the customer is connected to), so open console pages can show it.
 *
 * @param from {@code customer}, {@code agent}, {@code bot} or {@code system}
 */
public record ChatActivity(UUID conversationId, UUID sessionId, Kind kind, String from) {

    /** What happened. */
    public enum Kind {
        MESSAGE, TYPING, ENDED
    }
}
