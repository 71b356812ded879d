package io.temas.console;

import io.temas.calls.CallbackChanged;
import io.temas.platform.AfterCommit;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells an agent's open console pages at once that a callback was offered to her or taken from
 * her: a "callback" event with the callback's id and state, sent when the change commits. The page
 * then loads (or drops) the callback's card.
 */
@Component
class CallbackCards {

    private final LiveUpdates live;
    private final JsonMapper json;

    CallbackCards(LiveUpdates live, JsonMapper json) {
        this.live = live;
        this.json = json;
    }

    @EventListener
    void on(CallbackChanged event) {
        String data = json.writeValueAsString(Map.of("callbackId", event.callbackId().toString(), "state", event.state()));
        AfterCommit.run(() -> live.push(event.username(), "callback", data));
    }
}
