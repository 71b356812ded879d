package io.temas.api;

import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.calls.CtiWebhooks;
import io.temas.calls.twilio.TwilioVoiceWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Call events from telephone systems. Open paths: every request is checked by its signature. */
@RestController
class CallWebhookController {

    private final CtiWebhooks cti;
    private final TwilioVoiceWebhooks twilio;

    CallWebhookController(CtiWebhooks cti, TwilioVoiceWebhooks twilio) {
        this.cti = cti;
        this.twilio = twilio;
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

    @Operation(summary = "Incoming call, Twilio Voice", description = "Twilio's voice webhook (form fields CallSid, From, To, CallStatus, "
            + "Direction), signed with X-Twilio-Signature. Answers TwiML that rings the free agents' phones (Client, SIP or number), "
            + "or turns the call away as busy when nobody is free.")
    @PostMapping(path = TwilioVoiceWebhooks.PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> twilioIncoming(@RequestBody byte[] body, HttpServletRequest request,
                                          @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
        String twiml = twilio.incoming(twilioUrl(request), form(body), body, signature, request.getRemoteAddr());
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml);
    }

    @Operation(summary = "Call status, Twilio Voice", description = "Twilio's status callbacks of a call and of the legs it dialled "
            + "(CallSid, ParentCallSid, CallStatus, CallDuration, RecordingUrl, To), signed with X-Twilio-Signature.")
    @PostMapping(path = TwilioVoiceWebhooks.STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> twilioStatus(@RequestBody byte[] body, HttpServletRequest request,
                                      @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
        twilio.status(twilioUrl(request), form(body), body, signature, request.getRemoteAddr(), null);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Call status, Twilio Voice, of a call Temas placed", description = "As the status callback, at the address "
            + "Temas gave Twilio when it placed the call: the last segment is Temas's call id.")
    @PostMapping(path = TwilioVoiceWebhooks.STATUS_PATH + "/{callId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> twilioPlacedStatus(@PathVariable String callId, @RequestBody byte[] body, HttpServletRequest request,
                                            @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
        twilio.status(twilioUrl(request), form(body), body, signature, request.getRemoteAddr(), callId);
        return ResponseEntity.noContent().build();
    }

    private String twilioUrl(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return twilio.signedUrl(request.getRequestURL() + query, request.getRequestURI() + query);
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            } catch (IllegalArgumentException badEscape) {
                // Not form encoding as Twilio writes it: kept undecoded, so the signature check fails rather than the request.
                params.put(pair, "");
            }
        }
        return params;
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
