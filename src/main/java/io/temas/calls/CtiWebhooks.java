package io.temas.calls;

import io.temas.channels.InboundSink;
import io.temas.channels.RefusedWebhooks;
import io.temas.channels.WebhookRejected;
import io.temas.channels.WebhookSignatures;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic CTI webhook, for any PBX that can post JSON:
 * {@code {"callId","event":"ringing|answered|ended","from","to","extension","at","duration","recordingUrl","cause"}},
 * signed with {@code X-Temas-Signature: sha256=<hex HMAC-SHA256 of the body>} under
 * {@code temas.cti.webhook-secret}. A forged or unsigned request is refused (401) and counted; a
 * signed one that cannot be read is quarantined whole (400).
 *
 * <p>The phone menu books callbacks through the same hook: {@code {"event":"callback","from","to","slot","callId"}}
 * (no slot: the next one offered) answers the callback ({@link #take}).
 */
@Service
public class CtiWebhooks {

    /** The media type raw CTI events are stored under, marking them as a provider's. */
    public static final String CONTENT_TYPE = "application/vnd.temas.cti-webhook+json";

    private final CtiSettings settings;
    private final CallCentre centre;
    private final InboundSink sink;
    private final RefusedWebhooks refused;
    private final JsonMapper json;
    private final Clock clock;
    private final IvrCallbacks ivr;

    /** A callback the phone menu booked, and whether an earlier delivery of the same request had booked it. */
    public record Booked(Callback callback, boolean duplicate) {
    }

    /** What a post became: a call event taken, or a callback booked; the other is null. */
    public record Taken(CallCentre.Result call, Booked callback) {
    }

    CtiWebhooks(CtiSettings settings, CallCentre centre, InboundSink sink, RefusedWebhooks refused, JsonMapper json, Clock clock,
                IvrCallbacks ivr) {
        this.ivr = ivr;
        this.settings = settings;
        this.centre = centre;
        this.sink = sink;
        this.refused = refused;
        this.json = json;
        this.clock = clock;
    }

    /** Checks, reads and takes one call event or phone-menu callback request; {@code client} is the caller's address. */
    public Taken take(byte[] body, String signature, String client) {
        String secret = settings.webhookSecret();
        if (secret == null || secret.isBlank() || !WebhookSignatures.verifySha256(secret, body, signature)) {
            String reason = secret == null || secret.isBlank() ? "temas.cti.webhook-secret is not set, so no CTI event can be trusted"
                    : "bad or missing X-Temas-Signature";
            throw WebhookRejected.signature(reason, refused.refuse(ChannelType.VOICE.code(), client, reason, CONTENT_TYPE, body).orElse(null));
        }
        JsonNode node = read(body);
        String callId = field(node, "callId");
        String event = field(node, "event");
        String to = field(node, "to");
        if ("callback".equalsIgnoreCase(event)) {
            return new Taken(null, callback(node, callId, to, body));
        }
        if (callId == null || event == null) {
            throw malformed("callId and event are required", to, callId, body);
        }
        CallEvent.Kind kind = switch (event.toLowerCase(Locale.ROOT)) {
            case "ringing" -> CallEvent.Kind.RINGING;
            case "answered" -> CallEvent.Kind.ANSWERED;
            case "ended" -> CallEvent.Kind.ENDED;
            default -> throw malformed("event is ringing, answered or ended, not '" + event + "'", to, callId, body);
        };
        Instant at;
        try {
            at = field(node, "at") == null ? clock.instant() : Instant.parse(field(node, "at"));
        } catch (DateTimeParseException e) {
            throw malformed("at is not an ISO-8601 instant", to, callId, body);
        }
        Integer duration = null;
        JsonNode d = node.get("duration");
        if (d != null && !d.isNull()) {
            if (!d.isIntegralNumber() || !d.canConvertToInt()) {
                throw malformed("duration is a whole number of seconds", to, callId, body);
            }
            duration = d.intValue();
        }
        try {
            return new Taken(centre.receive(new CallEvent("cti", callId, kind, field(node, "from"), to, field(node, "extension"), at, duration,
                    field(node, "cause"), field(node, "recordingUrl"), CONTENT_TYPE, body)), null);
        } catch (InvalidInput e) {
            throw malformed(e.getMessage(), null, null, body);
        }
    }

    private Booked callback(JsonNode node, String callId, String to, byte[] body) {
        String from = field(node, "from");
        if (from == null) {
            throw malformed("a callback needs the caller's number in from", to, callId, body);
        }
        Instant slot;
        try {
            slot = field(node, "slot") == null ? null : java.time.OffsetDateTime.parse(field(node, "slot")).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("slot is not an ISO-8601 date-time", to, callId, body);
        }
        try {
            return ivr.book(new IvrCallbacks.Request(from, to, slot, callId, CONTENT_TYPE, body));
        } catch (InvalidInput e) {
            throw malformed(e.getMessage(), to, callId, body);
        }
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw malformed("the body is not a JSON object", null, null, body);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw malformed("malformed JSON: " + e.getOriginalMessage(), null, null, body);
        }
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank() ? null : value.asString();
    }

    private WebhookRejected malformed(String reason, String entryPoint, String externalId, byte[] raw) {
        var rejected = sink.reject(ChannelType.VOICE.code(), entryPoint, externalId, reason, CONTENT_TYPE, raw);
        return WebhookRejected.malformed(reason, rejected.quarantineId());
    }
}
