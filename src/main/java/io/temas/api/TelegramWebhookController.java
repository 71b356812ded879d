package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.channels.telegram.TelegramUpdates;
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

/**
 * The Telegram Bot API webhook. Telegram sends no API token; the secret token given to
 * {@code setWebhook} comes back in {@code X-Telegram-Bot-Api-Secret-Token} and is the
 * authentication. Any 2xx tells Telegram the update is taken; anything else makes it retry.
 */
@RestController
class TelegramWebhookController {

    private final TelegramUpdates updates;

    TelegramWebhookController(TelegramUpdates updates) {
        this.updates = updates;
    }

    @Operation(summary = "Telegram update", description = "An Update object of the Bot API, with X-Telegram-Bot-Api-Secret-Token.")
    @PostMapping(path = "/api/v1/webhooks/telegram", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> update(@RequestBody byte[] body, HttpServletRequest request,
                               @RequestHeader(value = "X-Telegram-Bot-Api-Secret-Token", required = false) String secret) {
        TelegramUpdates.Outcome outcome = updates.receive(body, secret, request.getRemoteAddr());
        Map<String, Object> answer = new LinkedHashMap<>();
        if (outcome.receipt() == null) {
            answer.put("ignored", outcome.ignored());
            return answer;
        }
        answer.put("messageId", outcome.receipt().messageId());
        answer.put("conversationId", outcome.receipt().conversationId());
        answer.put("duplicate", outcome.receipt().duplicate());
        return answer;
    }
}
