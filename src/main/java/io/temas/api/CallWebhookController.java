package io.temas.api;

import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.calls.CtiWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Call events from telephone systems. Open paths: every request is checked by its signature. */
@RestController
class CallWebhookController {

    private final CtiWebhooks cti;

    CallWebhookController(CtiWebhooks cti) {
        this.cti = cti;
    }

    @Operation(summary = "Call event, generic CTI JSON", description = "{\"callId\",\"event\":\"ringing|answered|ended\",\"from\",\"to\","
            + "\"extension\",\"at\",\"duration\",\"recordingUrl\",\"cause\"}, signed with X-Temas-Signature: sha256=<hex HMAC-SHA256 of "
            + "the body> under temas.cti.webhook-secret. Answers the call as Temas keeps it; a repeated event changes nothing (200). "
            + "The phone menu books a callback with {\"event\":\"callback\",\"from\",\"to\",\"slot\",\"callId\"} (no slot: the next "
            + "one offered): answers the callback with its id (201); a slot not offered is refused with 422.")
    @PostMapping(path = "/api/v1/webhooks/cti", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> cti(@RequestBody byte[] body, HttpServletRequest request,
                                            @RequestHeader(value = "X-Temas-Signature", required = false) String signature) {
        CtiWebhooks.Taken taken = cti.take(body, signature, request.getRemoteAddr());
        if (taken.callback() != null) {
            return ResponseEntity.status(taken.callback().duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(CallbacksController.view(taken.callback().callback()));
        }
        CallCentre.Result result = taken.call();
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(view(result.call()));
    }

    static Map<String, Object> view(Call call) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", call.id());
        view.put("callId", call.externalId());
        view.put("provider", call.provider());
        view.put("direction", call.direction());
        view.put("state", call.state());
        view.put("from", call.caller());
        view.put("to", call.entryPoint());
        view.put("extension", call.extension());
        view.put("agentId", call.agentId());
        view.put("customerId", call.customerId());
        view.put("conversationId", call.conversationId());
        view.put("startedAt", call.startedAt());
        view.put("answeredAt", call.answeredAt());
        view.put("endedAt", call.endedAt());
        view.put("duration", call.durationSeconds());
        view.put("cause", call.cause());
        view.put("recordingUrl", call.recordingUrl());
        view.put("outcome", call.outcome());
        view.put("wrappedAt", call.wrappedAt());
        return view;
    }
}
