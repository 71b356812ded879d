package io.temas.console;

import io.temas.campaigns.CallListEntryRemoved;
import io.temas.campaigns.CallLists;
import io.temas.campaigns.RemovalReasons;
import io.temas.platform.AfterCommit;
import io.temas.platform.NodeSignals;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a removed contact off the dialer screen that previews it: when a customer leaves a call
 * list (answered the campaign elsewhere, opted out, may not be called) while an agent has them on
 * screen, that agent's console streams get a {@code dialer-removed} event at once, right after
 * the removal commits, with the entry, the customer and why ({@link #kind}). The page drops the
 * contact, says why and loads the next one ({@code assets/dialer.js}).
 *
 * <p>The removal travels as a node signal, so it reaches the agent's pages on whichever node her
 * browser is connected to. Should a signal be missed (the listening connection was being
 * reconnected), the screen still learns of the removal when the agent acts: calling or recording
 * an outcome answers that the contact is gone, with the same notice.
 */
@Component
class DialerRemovals {

    static final String EVENT = "dialer-removed";
    static final String TOPIC = "dialer_removals";
    private static final Logger log = LoggerFactory.getLogger(DialerRemovals.class);

    private final CallLists callLists;
    private final LiveUpdates live;
    private final JsonMapper json;
    private final NodeSignals signals;

    DialerRemovals(CallLists callLists, LiveUpdates live, JsonMapper json, NodeSignals signals) {
        this.callLists = callLists;
        this.live = live;
        this.json = json;
        this.signals = signals;
        signals.subscribe(TOPIC, this::received);
    }

    private void received(String payload) {
        if (payload == null || !live.anyStreams()) {
            return;
        }
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode) json.readTree(payload);
        String username = node.path("username").asString();
        node.remove("username");
        live.push(username, EVENT, json.writeValueAsString(node));
    }

    @EventListener
    void on(CallListEntryRemoved removed) {
        AfterCommit.run(() -> tell(removed));
    }

    private void tell(CallListEntryRemoved removed) {
        try {
            callLists.holdOf(removed.callListId(), removed.customerId()).filter(h -> h.heldBy() != null).ifPresent(hold -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("username", hold.heldBy());
                data.put("callListId", removed.callListId().toString());
                data.put("entryId", hold.entryId().toString());
                data.put("customerId", removed.customerId().toString());
                data.put("reason", kind("removed", removed.reason()));
                signals.publish(TOPIC, json.writeValueAsString(data));
            });
        } catch (RuntimeException e) {
            // The removal is committed; the screen still learns of it when the agent acts.
            log.warn("Could not tell the dialer screen of a removal from {}: {}", removed.callListId(), e.toString());
        }
    }

    /**
     * Why an entry is no longer on the agent's screen, as the suffix of a message key
     * ({@code dialer.removed.<kind>}): the customer answered the campaign, withdrew consent, is
     * not to be contacted, went back to the list, or left it for another reason.
     */
    static String kind(String status, String reason) {
        if ("pending".equals(status) || "previewing".equals(status) || "handed-out".equals(status)) {
            return "returned";
        }
        return switch (RemovalReasons.code(reason)) {
            case "opted-out" -> "optedOut";
            case "campaign-answered" -> "responded";
            case "consent", "consent-missing" -> "consent";
            case "do-not-contact" -> "doNotContact";
            default -> "done".equals(status) ? "done" : "other";
        };
    }
}
