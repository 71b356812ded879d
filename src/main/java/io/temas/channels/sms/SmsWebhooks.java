package io.temas.channels.sms;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundSink;
import io.temas.channels.Outbox;
import io.temas.channels.Receipt;
import io.temas.channels.RefusedWebhooks;
import io.temas.channels.WebhookRejected;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns provider webhooks into inbound messages and delivery receipts, after checking their
 * signature. Anything refused is quarantined with its raw bytes.
 *
 * <p>Generic format, inbound: {@code {"id","from","to","text","receivedAt"?}}; receipts:
 * {@code {"id","status":"delivered|failed|sent|queued","error"?}}; both signed with
 * {@code X-Temas-Signature}. Twilio: the form fields {@code MessageSid, From, To, Body} inbound and
 * {@code MessageSid, MessageStatus, ErrorCode} for status callbacks, signed with
 * {@code X-Twilio-Signature}. A request with a bad signature goes to {@link RefusedWebhooks} (kept in
 * part, for a while, a few per client); {@code client} is the caller's address.
 */
@Service
public class SmsWebhooks {

    /**
     * Content types webhook input is stored under (raw and in the quarantine): it is marked as a
     * provider's, so nobody replays an unsigned body as if it were trusted input.
     */
    public static final String CONTENT_TYPE_PREFIX = "application/vnd.temas.sms-webhook";
    private static final String JSON = CONTENT_TYPE_PREFIX + "+json";
    private static final String FORM = CONTENT_TYPE_PREFIX + "+x-www-form-urlencoded";

    private final SmsSettings settings;
    private final InboundSink sink;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final RefusedWebhooks refused;

    SmsWebhooks(SmsSettings settings, InboundSink sink, Outbox outbox, JsonMapper json, Clock clock, RefusedWebhooks refused) {
        this.settings = settings;
        this.sink = sink;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.refused = refused;
    }

    /** An inbound SMS in the generic JSON format. */
    public Receipt genericInbound(byte[] body, String signature, String client) {
        if (!SmsSignatures.verifyGeneric(settings.webhookSecret(), body, signature)) {
            throw refuseUnsigned("bad or missing X-Temas-Signature", client, JSON, body);
        }
        JsonNode node = read(body);
        String id = field(node, "id");
        String from = field(node, "from");
        String to = field(node, "to");
        String text = field(node, "text");
        if (id == null || from == null || to == null || text == null) {
            throw refuse("id, from, to and text are required", false, to, id, JSON, body);
        }
        Instant receivedAt;
        try {
            receivedAt = node.hasNonNull("receivedAt") ? Instant.parse(node.get("receivedAt").asString()) : clock.instant();
        } catch (java.time.format.DateTimeParseException e) {
            throw refuse("receivedAt is not an ISO-8601 instant", false, to, id, JSON, body);
        }
        return sink.receive(message(to, id, from, text, receivedAt, JSON, body));
    }

    /** A delivery receipt in the generic JSON format; answers false when no sent message has that id. */
    public boolean genericStatus(byte[] body, String signature, String client) {
        if (!SmsSignatures.verifyGeneric(settings.webhookSecret(), body, signature)) {
            throw refuseUnsigned("bad or missing X-Temas-Signature on a delivery receipt", client, JSON, body);
        }
        JsonNode node = read(body);
        String id = field(node, "id");
        String status = field(node, "status");
        if (id == null || status == null) {
            throw refuse("id and status are required", false, null, id, JSON, body);
        }
        return outbox.delivered("generic", id, delivery(status), field(node, "error"));
    }

    /**
     * An inbound SMS from Twilio.
     *
     * @param url the URL Twilio called, as it signed it
     */
    public Receipt twilioInbound(String url, Map<String, String> params, byte[] raw, String signature, String client) {
        verifyTwilio(url, params, raw, signature, client);
        String sid = params.get("MessageSid");
        if (sid == null || params.get("From") == null || params.get("To") == null) {
            throw refuse("MessageSid, From and To are required", false, params.get("To"), sid, FORM, raw);
        }
        return sink.receive(message(params.get("To"), sid, params.get("From"), params.getOrDefault("Body", ""), clock.instant(), FORM, raw));
    }

    /** A Twilio status callback; answers false when no sent message has that SID. */
    public boolean twilioStatus(String url, Map<String, String> params, byte[] raw, String signature, String client) {
        verifyTwilio(url, params, raw, signature, client);
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        if (sid == null || status == null) {
            throw refuse("MessageSid and MessageStatus are required", false, null, sid, FORM, raw);
        }
        String error = params.get("ErrorCode") == null ? null : "Twilio error " + params.get("ErrorCode");
        return outbox.delivered("twilio", sid, delivery(status), error);
    }

    /** The URL a provider signs: the public URL when one is configured, else the one the request came to. */
    public String signedUrl(String requestUrl, String pathAndQuery) {
        return settings.publicUrl() == null || settings.publicUrl().isBlank() ? requestUrl
                : settings.publicUrl().replaceAll("/+$", "") + pathAndQuery;
    }

    private void verifyTwilio(String url, Map<String, String> params, byte[] raw, String signature, String client) {
        if (!SmsSignatures.verifyTwilio(settings.authToken(), url, params, signature)) {
            throw refuseUnsigned("bad or missing X-Twilio-Signature", client, FORM, raw);
        }
    }

    private InboundMessage message(String to, String id, String from, String text, Instant receivedAt, String contentType, byte[] raw) {
        return new InboundMessage(ChannelType.SMS, to, id, new InboundMessage.Sender(null, List.of(Identifier.phone(from)), from),
                null, text, null, null, receivedAt, null, null, List.of(), new InboundMessage.RawPayload(contentType, raw));
    }

    /** Provider words for a message's fate, in the outbox's terms. */
    static String delivery(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "delivered", "read" -> "delivered";
            case "undelivered", "failed", "rejected", "expired" -> "failed";
            default -> status.toLowerCase(Locale.ROOT);
        };
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw refuse("the body is not a JSON object", false, null, null, JSON, body);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw refuse("malformed JSON: " + e.getOriginalMessage(), false, null, null, JSON, body);
        }
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    /** Nothing of an unsigned request is trusted, not even the entry point or id it names. */
    private WebhookRejected refuseUnsigned(String reason, String client, String contentType, byte[] raw) {
        return WebhookRejected.signature(reason, refused.refuse(ChannelType.SMS.code(), client, reason, contentType, raw).orElse(null));
    }

    private WebhookRejected refuse(String reason, boolean signature, String entryPoint, String externalId, String contentType, byte[] raw) {
        var rejected = sink.reject(ChannelType.SMS.code(), entryPoint, externalId, reason, contentType, raw);
        return signature ? WebhookRejected.signature(reason, rejected.quarantineId())
                : WebhookRejected.malformed(reason, rejected.quarantineId());
    }
}
