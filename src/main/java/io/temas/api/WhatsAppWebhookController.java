package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.channels.Receipt;
import io.temas.channels.whatsapp.WhatsAppWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's WhatsApp webhook. Meta sends no API token, so the path is open: the subscription check
 * is answered only for our verify token, and every notification is checked by its
 * {@code X-Hub-Signature-256} instead; refused input is quarantined (an unsigned request only in
 * part and a few per client).
 */
@RestController
class WhatsAppWebhookController {

    private static final String PATH = "/api/v1/webhooks/whatsapp";

    private final WhatsAppWebhooks webhooks;

    WhatsAppWebhookController(WhatsAppWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "WhatsApp subscription check", description = "Answers hub.challenge as text when hub.mode is subscribe "
            + "and hub.verify_token is the configured verify token; 403 otherwise.")
    @GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                  @RequestParam(name = "hub.verify_token", required = false) String token,
                                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return webhooks.verify(mode, token, challenge)
                .map(c -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(c))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("verify token refused"));
    }

    @Operation(summary = "WhatsApp notifications", description = "Meta's webhook payload (entry[].changes[].value with messages[] "
            + "and statuses[]), signed with X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body keyed with the app secret>.")
    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> receive(@RequestBody byte[] body, HttpServletRequest request,
                                @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature) {
        WhatsAppWebhooks.Outcome outcome = webhooks.receive(body, signature, request.getRemoteAddr());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", outcome.receipts().stream().filter(r -> !r.duplicate()).count());
        answer.put("duplicates", outcome.receipts().stream().filter(Receipt::duplicate).count());
        answer.put("statuses", outcome.statuses());
        answer.put("statusesMatched", outcome.statusesMatched());
        answer.put("rejected", outcome.rejected());
        return answer;
    }
}
