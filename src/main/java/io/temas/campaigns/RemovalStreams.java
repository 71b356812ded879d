package io.temas.campaigns;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temas.platform.AfterCommit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Live removals from call lists, for dialers that preload numbers. A removal reaches subscribers
 * right after the transaction that made it commits, never before (a rolled-back removal never
 * happened). Removals are not persisted for subscribers: a dialer that reconnects re-reads the
 * list.
 */
@Service
public class RemovalStreams {

    private static final Logger log = LoggerFactory.getLogger(RemovalStreams.class);

    private final Map<UUID, List<Consumer<CallListEntryRemoved>>> subscribers = new ConcurrentHashMap<>();

    /** Registers {@code temas.live.connections} with {@code stream} = {@code call_list_removals}: subscribers on this node. */
    RemovalStreams(MeterRegistry meters) {
        Gauge.builder("temas.live.connections", subscribers, s -> s.values().stream().mapToInt(List::size).sum())
                .description("Live connections held open on this node").tag("stream", "call_list_removals").register(meters);
    }

    /** Subscribes to one call list's removals; close the answer to stop. */
    public AutoCloseable subscribe(UUID callListId, Consumer<CallListEntryRemoved> subscriber) {
        subscribers.computeIfAbsent(callListId, k -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> subscribers.getOrDefault(callListId, List.of()).remove(subscriber);
    }

    @EventListener
    void on(CallListEntryRemoved removed) {
        if (subscribers.containsKey(removed.callListId())) {
            AfterCommit.run(() -> deliver(removed));
        }
    }

    private void deliver(CallListEntryRemoved removed) {
        for (Consumer<CallListEntryRemoved> subscriber : subscribers.getOrDefault(removed.callListId(), List.of())) {
            try {
                subscriber.accept(removed);
            } catch (RuntimeException e) {
                log.debug("Removal subscriber of {} failed: {}", removed.callListId(), e.getMessage());
            }
        }
    }
}
