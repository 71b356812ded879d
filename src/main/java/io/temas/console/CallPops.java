package io.temas.console;

import io.temas.calls.CallPopped;
import io.temas.platform.AfterCommit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pops a ringing call on the console of the agent whose extension rings: a "call" event with the
 * call, the caller and, when known, the customer and the conversation, sent the moment the call's
 * row commits. The page shows the caller's 360 from it.
 */
@Component
class CallPops {

    private final LiveUpdates live;
    private final JsonMapper json;

    CallPops(LiveUpdates live, JsonMapper json) {
        this.live = live;
        this.json = json;
    }

    @EventListener
    void on(CallPopped event) {
        AfterCommit.run(() -> live.push(event.username(), "call", json.writeValueAsString(view(event))));
    }

    private static Map<String, Object> view(CallPopped event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("callId", event.callId().toString());
        view.put("from", event.caller());
        view.put("to", event.entryPoint());
        view.put("customerId", event.customerId() == null ? null : event.customerId().toString());
        view.put("customerName", event.customerName());
        view.put("conversationId", event.conversationId() == null ? null : event.conversationId().toString());
        view.put("direction", event.direction());
        return view;
    }
}
