package io.temas.chat;

import java.util.UUID;

/**
 * What the chat bus carries between nodes: a chat's event was stored (its number, and the event
 * itself when it is small enough to travel), someone is typing, or the chat ended.
 *
 * @param event the stored event, or null when only its number travels (readers then load it)
 */
record ChatSignal(UUID sessionId, UUID conversationId, Kind kind, long seq, String from, String agent, ChatEvent event) {

    /** What happened. */
    enum Kind {
        STORED, TYPING
    }

    static ChatSignal stored(UUID sessionId, UUID conversationId, ChatEvent event) {
        return new ChatSignal(sessionId, conversationId, Kind.STORED, event.id(), event.from(), event.agent(), event);
    }

    static ChatSignal typing(UUID sessionId, UUID conversationId, String from, String agent) {
        return new ChatSignal(sessionId, conversationId, Kind.TYPING, 0, from, agent, null);
    }
}
