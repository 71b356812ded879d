package io.temas.chat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The chats held open on this node, as {@code temas.live.connections} gauges: {@code stream} =
 * {@code chat_events} (widgets on the event stream) and {@code chat_websockets}. Counted from the
 * streams in memory when scraped; each node reports its own, so they add up across nodes.
 */
@Component
class ChatMeters {

    ChatMeters(ChatStreams streams, MeterRegistry meters) {
        Gauge.builder("temas.live.connections", streams, s -> s.open(false))
                .description("Live connections held open on this node").tag("stream", "chat_events").register(meters);
        Gauge.builder("temas.live.connections", streams, s -> s.open(true))
                .description("Live connections held open on this node").tag("stream", "chat_websockets").register(meters);
    }
}
