package io.temas.platform;

import java.util.function.Consumer;

/**
 * Small signals to every node of a cluster, this one included: a chat message stored, a call
 * ringing on an agent's phone. Implemented on PostgreSQL's LISTEN/NOTIFY ({@link PostgresNodeSignals}),
 * so a signal sent inside a transaction leaves exactly when it commits and not at all when it
 * rolls back; a broker can take its place behind this interface.
 */
public interface NodeSignals {

    /** The largest payload a signal carries, in UTF-8 bytes (NOTIFY's limit, less room). */
    int MAX_PAYLOAD = 7_900;

    /**
     * Sends a signal on a topic (lower-case letters, digits and underscores). Inside a transaction it
     * leaves when that commits; outside one at once.
     *
     * @throws IllegalArgumentException for a payload over {@link #MAX_PAYLOAD} bytes
     */
    void publish(String topic, String payload);

    /**
     * Receives every signal of a topic from every node, on the signals' own thread; also told (with
     * null) after a reconnect, when signals may have been missed. Subscribe before the application starts.
     */
    void subscribe(String topic, Consumer<String> listener);
}
