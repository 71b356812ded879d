package io.temas.channels.whatsapp;

import io.temas.shared.ReasonCode;
import io.temas.channels.SendResult;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a Graph API error means for a send. Throttling (HTTP 429, error codes 4, 80007, 130429,
 * 131048 spam rate limit, 131056 pair rate limit) and server trouble (5xx) pass and are retried;
 * everything else is the message's own fault or a setting's and is not: an undeliverable number
 * (131026), a reply outside the 24-hour window (131047), an unsupported type (131051), an invalid
 * parameter (100), a template problem (132xxx), a refused token (401, 403). The common cases carry
 * a {@link ReasonCode} so the console says them in the agent's language.
 */
final class WhatsAppErrors {

    private static final Set<Integer> TEMPORARY = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056);

    private static final Map<Integer, String> REASONS = Map.of(
            131026, "the number cannot receive this message (not on WhatsApp, or an old app)",
            131047, "more than 24 hours since the customer last wrote: only a template may be sent",
            131051, "WhatsApp does not support this message type",
            100, "the Graph API refused a parameter",
            130429, "WhatsApp's rate limit was reached",
            131048, "WhatsApp's spam rate limit was reached",
            131056, "too many messages to this number in a short time",
            80007, "the WhatsApp Business Account's rate limit was reached",
            4, "the app's call limit was reached");

    /** The codes whose reason the console says in the agent's language (whatsapp.reason.* in the connector's bundle). */
    private static final Map<Integer, String> CODES = Map.of(
            131026, "whatsapp.reason.undeliverable",
            131047, "whatsapp.reason.window",
            130429, "whatsapp.reason.throttled",
            131048, "whatsapp.reason.throttled",
            131056, "whatsapp.reason.throttled",
            80007, "whatsapp.reason.throttled",
            4, "whatsapp.reason.throttled");

    private WhatsAppErrors() {
    }

    /** A failed answer as a send result: its status, the error code and Meta's message. */
    static SendResult classify(int status, JsonNode body) {
        int code = body == null ? -1 : body.path("error").path("code").asInt(-1);
        String detail = "WhatsApp answered " + status + describe(body);
        ReasonCode reason = CODES.containsKey(code) ? ReasonCode.of(CODES.get(code))
                : status == 429 ? ReasonCode.of("whatsapp.reason.throttled") : null;
        if (status == 401 || status == 403) {
            return new SendResult.PermanentFailure("the access token was refused; check temas.whatsapp.access-token (" + detail + ")",
                    ReasonCode.of("whatsapp.reason.tokenRefused"));
        }
        if (status == 429 || status >= 500 || TEMPORARY.contains(code)) {
            return new SendResult.TemporaryFailure(detail, reason);
        }
        if (code >= 132_000 && code < 133_000) {
            return new SendResult.PermanentFailure("the template was refused (" + detail + ")", ReasonCode.of("whatsapp.reason.template"));
        }
        return new SendResult.PermanentFailure(detail, reason);
    }

    /** {@code ": (#131026) reason — Meta's message"}, or an empty string when the body says nothing. */
    static String describe(JsonNode body) {
        if (body == null || !body.path("error").isObject()) {
            return "";
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(-1);
        String message = error.path("error_data").path("details").asString(error.path("message").asString(""));
        String reason = REASONS.get(code);
        return ": (#" + code + ") " + (reason == null ? message : reason + (message.isBlank() ? "" : " — " + message));
    }
}
