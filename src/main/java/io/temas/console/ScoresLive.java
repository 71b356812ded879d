package io.temas.console;

import io.temas.platform.NodeSignals;
import io.temas.scoring.CustomerScoresChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells every node that customers' scores or alerts changed, as a node signal sent when the
 * recomputation commits; each node's {@link LiveUpdates} then sends "customer" events, and an open
 * 360 of one of those customers refetches its alert and score blocks. A batch that changed many
 * customers (a rule was edited) is one "every customer" signal rather than thousands.
 */
@Component
class ScoresLive {

    static final String TOPIC = "customer_scores";
    static final String EVERYONE = "*";
    static final int MAX_NAMED = 100;

    private final LiveUpdates live;
    private final NodeSignals signals;

    ScoresLive(LiveUpdates live, NodeSignals signals) {
        this.live = live;
        this.signals = signals;
        signals.subscribe(TOPIC, this::received);
    }

    @EventListener
    void on(CustomerScoresChanged event) {
        List<UUID> ids = event.customerIds();
        signals.publish(TOPIC, ids.size() > MAX_NAMED ? EVERYONE : ids.stream().map(UUID::toString).collect(Collectors.joining(",")));
    }

    private void received(String payload) {
        if (payload == null || payload.equals(EVERYONE)) {
            // After a reconnect a change may have been missed: every open 360 refreshes its blocks.
            live.customersChanged(null);
            return;
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : payload.split(",")) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException ignored) {
                // Only this node's own code sends on the topic; a malformed id is skipped.
            }
        }
        live.customersChanged(ids);
    }
}
