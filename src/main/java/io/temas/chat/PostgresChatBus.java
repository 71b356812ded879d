package io.temas.chat;

import io.temas.platform.NodeSignals;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat bus on the node signals (PostgreSQL's {@code pg_notify} on {@code temas_chat}), so a
 * signal sent in a transaction leaves exactly when that transaction commits. A signal larger than
 * a signal's payload travels without its event, and readers load the event by its number. After the
 * listening connection was lost, listeners are told (with null) to reload what they may have missed.
 */
@Component
class PostgresChatBus implements ChatBus {

    static final String TOPIC = "chat";
    private static final Logger log = LoggerFactory.getLogger(PostgresChatBus.class);

    private final NodeSignals signals;
    private final JsonMapper json;
    private final List<Consumer<ChatSignal>> listeners = new CopyOnWriteArrayList<>();

    PostgresChatBus(NodeSignals signals, JsonMapper json) {
        this.signals = signals;
        this.json = json;
        signals.subscribe(TOPIC, this::received);
    }

    @Override
    public void publish(ChatSignal signal) {
        String payload = json.writeValueAsString(signal);
        if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NodeSignals.MAX_PAYLOAD) {
            payload = json.writeValueAsString(new ChatSignal(signal.sessionId(), signal.conversationId(), signal.kind(), signal.seq(),
                    signal.from(), signal.agent(), null));
        }
        signals.publish(TOPIC, payload);
    }

    @Override
    public void subscribe(Consumer<ChatSignal> listener) {
        listeners.add(listener);
    }

    private void received(String payload) {
        ChatSignal signal;
        try {
            signal = payload == null ? null : json.readValue(payload, ChatSignal.class);
        } catch (RuntimeException e) {
            log.warn("Chat bus: unreadable signal dropped: {}", e.toString());
            return;
        }
        for (Consumer<ChatSignal> listener : listeners) {
            try {
                listener.accept(signal);
            } catch (RuntimeException e) {
                log.warn("Chat bus listener failed: {}", e.toString());
            }
        }
    }
}
