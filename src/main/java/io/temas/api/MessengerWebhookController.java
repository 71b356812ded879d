package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.channels.messenger.MessengerWebhooks;
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
 * Meta's webhook for Messenger and Instagram messages: the subscription handshake (GET with
 * {@code hub.mode}, {@code hub.verify_token}, {@code hub.challenge}) and signed events (POST with
 * {@code X-Hub-Signature-256}). Meta sends no API token; the verify token and signature are the
 * authentication.
 */
@RestController
class MessengerWebhookController {

    private final MessengerWebhooks webhooks;

    MessengerWebhookController(MessengerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Messenger webhook subscription", description = "Echoes hub.challenge when hub.verify_token is the configured one.")
    @GetMapping(path = "/api/v1/webhooks/messenger")
    ResponseEntity<?> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                             @RequestParam(name = "hub.verify_token", required = false) String token,
                             @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return webhooks.verify(mode, token, challenge)
                .<ResponseEntity<?>>map(c -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(c))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ApiProblems.problem(HttpStatus.FORBIDDEN, "bad-verify-token",
                                "hub.mode must be subscribe and hub.verify_token the configured one")));
    }

    @Operation(summary = "Messenger and Instagram events", description = "Meta's webhook body (object page or instagram), signed with "
            + "X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body under the app secret>.")
    @PostMapping(path = "/api/v1/webhooks/messenger", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> events(@RequestBody byte[] body, HttpServletRequest request,
                               @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature) {
        MessengerWebhooks.Outcome outcome = webhooks.receive(body, signature, request.getRemoteAddr());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", outcome.received());
        answer.put("duplicates", outcome.duplicates());
        answer.put("receipts", outcome.receipts());
        answer.put("ignored", outcome.ignored());
        answer.put("rejected", outcome.rejected());
        return answer;
    }
}
