package io.temas.chat;

import java.util.function.Consumer;

/**
 * Carries chat signals to every node, this one included, so a customer connected to one node and
 * an agent on another hear each other. Implemented on PostgreSQL's LISTEN/NOTIFY
 * ({@link PostgresChatBus}); a broker (Kafka) can take its place behind this interface.
 */
interface ChatBus {

    /**
     * Sends a signal. Called inside a transaction it leaves when that transaction commits, and not
     * at all when it rolls back; outside one it leaves at once.
     */
    void publish(ChatSignal signal);

    /** Receives every signal from every node, on the bus's own thread; also told (with null) after a reconnect, when signals may have been missed. */
    void subscribe(Consumer<ChatSignal> listener);
}
