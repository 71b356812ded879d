package io.temas.console;

import io.temas.calls.CallPopped;
import io.temas.platform.NodeSignals;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pops a ringing call on the console of the agent whose extension rings, on whichever node her
 * browser is connected to: the pop is sent as a node signal in the call's transaction (so it leaves
 * the moment the call's row commits), and every node pushes a "call" event to that agent's open
 * pages at once, with the call, the caller and, when known, the customer and the conversation.
 */
@Component
class CallPops {

    static final String TOPIC = "call_pops";

    private final LiveUpdates live;
    private final NodeSignals signals;
    private final JsonMapper json;

    CallPops(LiveUpdates live, NodeSignals signals, JsonMapper json) {
        this.live = live;
        this.signals = signals;
        this.json = json;
        signals.subscribe(TOPIC, this::received);
    }

    @EventListener
    void on(CallPopped event) {
        signals.publish(TOPIC, json.writeValueAsString(view(event)));
    }

    private void received(String payload) {
        if (payload == null) {
            // Reconnected: a pop missed meanwhile is not replayed; the call shows on her pages when they refresh.
            return;
        }
        JsonNode node = json.readTree(payload);
        String username = node.path("username").asString();
        if (!username.isEmpty()) {
            ((tools.jackson.databind.node.ObjectNode) node).remove("username");
            live.push(username, "call", json.writeValueAsString(node));
        }
    }

    private static Map<String, Object> view(CallPopped event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", event.username());
        view.put("callId", event.callId().toString());
        view.put("from", event.caller());
        view.put("to", event.entryPoint());
        view.put("customerId", event.customerId() == null ? null : event.customerId().toString());
        // A name can be as long as a customer record allows; a pop is a node signal, which carries a few kilobytes at most.
        String name = event.customerName();
        view.put("customerName", name == null || name.length() <= 200 ? name : name.substring(0, 199) + "…");
        view.put("conversationId", event.conversationId() == null ? null : event.conversationId().toString());
        view.put("direction", event.direction());
        return view;
    }
}
