package io.temas.channels.whatsapp;

import io.temas.channels.InboundAttachment;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Outbox;
import io.temas.channels.PayloadTimes;
import io.temas.channels.Receipt;
import io.temas.channels.RefusedWebhooks;
import io.temas.channels.WebhookRejected;
import io.temas.channels.WebhookSignatures;
import io.temas.shared.Identifier;
import io.temas.shared.TextInput;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's WhatsApp webhook: the subscription check, and signed notifications of customers' messages
 * and of our messages' fate. Each message becomes an inbound message (the wamid is its external id,
 * so a repeated delivery is recognised) from the customer's number {@code +<wa_id>}, with the
 * {@code whatsapp:<wa_id>} handle beside it, to our number that received it; media are fetched from
 * the Graph API and kept as attachments, and a message whose media cannot be fetched is kept with a
 * note. Statuses become delivery receipts in the outbox. A request with a bad signature goes to
 * {@link RefusedWebhooks}; a signed payload that cannot be read is quarantined whole and refused
 * (400: Meta sends it again, and the quarantine keeps identical bytes once, so its retries do not
 * pile up); a readable one whose single message or status cannot be taken is quarantined for that
 * one and answered 200, so the rest of it is not lost.
 */
@Service
public class WhatsAppWebhooks {

    /** What WhatsApp input is stored under (raw and in the quarantine): a provider's payload, not trusted API input. */
    public static final String CONTENT_TYPE = "application/vnd.temas.whatsapp-webhook+json";

    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhooks.class);

    /** What one notification held: messages taken (new and repeated), statuses matched to our messages, messages and statuses quarantined. */
    public record Outcome(List<Receipt> receipts, int statuses, int statusesMatched, int rejected) {
    }

    private final WhatsAppSettings settings;
    private final InboundSink sink;
    private final Outbox outbox;
    private final RefusedWebhooks refused;
    private final CustomerServiceWindows windows;
    private final GraphApi graph;
    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final Clock clock;

    WhatsAppWebhooks(WhatsAppSettings settings, InboundSink sink, Outbox outbox, RefusedWebhooks refused, CustomerServiceWindows windows,
                     GraphApi graph, JsonMapper json, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.outbox = outbox;
        this.refused = refused;
        this.windows = windows;
        this.graph = graph;
        this.json = json;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The subscription check: the challenge to echo when the mode is {@code subscribe} and the token is ours, else empty. */
    public Optional<String> verify(String mode, String token, String challenge) {
        boolean ok = "subscribe".equals(mode) && settings.verifyTokenSet() && WebhookSignatures.same(settings.verifyToken(), token)
                && challenge != null;
        return ok ? Optional.of(challenge) : Optional.empty();
    }

    /**
     * One signed notification. Each message and status is taken on its own: one that cannot be
     * taken (no id or one that cannot be stored, an unreadable time, text the pipeline refuses) is quarantined with the
     * notification's bytes and counted as rejected, and the others are still taken, so Meta hears
     * 200 and does not send the whole notification again for days.
     *
     * @param client the caller's address, after forwarded-header handling
     * @throws WebhookRejected for a bad signature or a payload that is not a notification at all
     */
    public Outcome receive(byte[] body, String signature, String client) {
        if (!WebhookSignatures.verifySha256(settings.appSecret(), body, signature)) {
            String reason = settings.webhookReady() ? "bad or missing X-Hub-Signature-256"
                    : "bad or missing X-Hub-Signature-256 (temas.whatsapp.app-secret is not set)";
            throw WebhookRejected.signature(reason,
                    refused.refuse(WhatsAppChannel.WHATSAPP.code(), client, reason, CONTENT_TYPE, body).orElse(null));
        }
        JsonNode root = read(body);
        List<Change> changes = changes(root, body);
        jdbc.sql("""
                        insert into whatsapp_webhook_state (id, last_received_at) values (1, ?)
                        on conflict (id) do update set last_received_at = excluded.last_received_at""")
                .param(Timestamp.from(clock.instant())).update();
        List<Receipt> receipts = new ArrayList<>();
        int statuses = 0;
        int matched = 0;
        int rejected = 0;
        for (Change change : changes) {
            for (JsonNode message : change.value().path("messages")) {
                try {
                    receipts.add(message(change, message, body));
                } catch (InboundRejected e) {
                    if (!e.badInput()) {
                        throw e;
                    }
                    log.warn("WhatsApp message {} quarantined ({}): {}", TextInput.forLog(message.path("id").asString("?")), e.quarantineId(),
                            TextInput.forLog(e.getMessage()));
                    rejected++;
                }
            }
            for (JsonNode status : change.value().path("statuses")) {
                statuses++;
                if (!status.isObject() || !WhatsAppPayload.id(status.path("id")) || !status.path("status").isString()) {
                    reject("a status needs an id and a status", change.entryPoint(), status.path("id").asString(null), body);
                    rejected++;
                } else if (status(status)) {
                    matched++;
                }
            }
        }
        return new Outcome(receipts, statuses, matched, rejected);
    }

    /** One {@code entry[].changes[].value} with the number it came to. */
    private record Change(JsonNode value, String entryPoint, Map<String, String> names) {
    }

    private List<Change> changes(JsonNode root, byte[] body) {
        if (!root.path("entry").isArray()) {
            throw refuse("the notification has no entry array", null, null, body);
        }
        List<Change> changes = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!value.isObject() || !(value.has("messages") || value.has("statuses"))) {
                    continue;
                }
                String display = value.path("metadata").path("display_phone_number").asString("").replaceAll("\\D", "");
                String entryPoint = display.isEmpty() ? value.path("metadata").path("phone_number_id").asString("") : "+" + display;
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    names.put(contact.path("wa_id").asString(""), contact.path("profile").path("name").asString(null));
                }
                changes.add(new Change(value, entryPoint, names));
            }
        }
        return changes;
    }

    private Receipt message(Change change, JsonNode message, byte[] body) {
        if (!message.isObject() || !WhatsAppPayload.id(message.path("id")) || !message.path("from").asString("").matches("\\d{5,20}")) {
            throw reject("a message needs an id and the sender's number (from)", change.entryPoint(), message.path("id").asString(null), body);
        }
        String wamid = message.path("id").asString();
        String waId = message.path("from").asString();
        String customer = "+" + waId;
        Instant sentAt;
        try {
            sentAt = PayloadTimes.seconds(message.path("timestamp"), "timestamp", clock).orElseGet(clock::instant);
        } catch (PayloadTimes.Unreadable e) {
            throw reject("message " + wamid + ": " + e.getMessage(), change.entryPoint(), wamid, body);
        }
        String type = message.path("type").asString("");
        String text = WhatsAppPayload.text(message);
        List<InboundAttachment> attachments = new ArrayList<>();
        // A redelivered message keeps what it had: its media are not fetched again.
        if (WhatsAppPayload.MEDIA.contains(type) && !sink.received(WhatsAppChannel.WHATSAPP, wamid)) {
            JsonNode media = message.path(type);
            try {
                attachments.add(download(type, media));
            } catch (IOException e) {
                log.warn("WhatsApp media of {} could not be fetched: {}", TextInput.forLog(wamid), TextInput.forLog(e.getMessage()));
                text = text + "\n[" + type + " not fetched from WhatsApp: " + e.getMessage() + "]";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                text = text + "\n[" + type + " not fetched from WhatsApp: interrupted]";
            }
        }
        InboundMessage inbound = new InboundMessage(WhatsAppChannel.WHATSAPP, change.entryPoint(), wamid,
                new InboundMessage.Sender(change.names().get(waId), List.of(Identifier.phone(customer), Identifier.social("whatsapp", waId)),
                        customer),
                null, text, null, null, sentAt, null, null, attachments, new InboundMessage.RawPayload(CONTENT_TYPE, body));
        Receipt receipt = sink.receive(inbound);
        windows.opened(change.entryPoint(), customer, sentAt);
        return receipt;
    }

    private InboundAttachment download(String type, JsonNode media) throws IOException, InterruptedException {
        if (!settings.configured()) {
            throw new IOException("WhatsApp is not configured");
        }
        String id = media.path("id").asString("");
        if (id.isBlank()) {
            throw new IOException("the message names no media id");
        }
        GraphApi.Media file = graph.media(id, settings.maxMediaBytes().toBytes());
        String contentType = media.path("mime_type").asString(file.contentType());
        return new InboundAttachment(WhatsAppPayload.filename(type, media, contentType), contentType, file.bytes(), null);
    }

    private boolean status(JsonNode status) {
        String delivery = switch (status.path("status").asString()) {
            case "delivered" -> "delivered";
            case "read" -> "read";
            case "failed" -> "failed";
            default -> null;
        };
        if (delivery == null) {
            return false;
        }
        String detail = null;
        JsonNode error = status.path("errors").path(0);
        if (error.isObject()) {
            detail = "WhatsApp error" + WhatsAppErrors.describe(json.createObjectNode().set("error", error));
        }
        return outbox.delivered("whatsapp", status.path("id").asString(), delivery, detail);
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw refuse("the body is not a JSON object", null, null, body);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw refuse("malformed JSON: " + e.getOriginalMessage(), null, null, body);
        }
    }

    private WebhookRejected refuse(String reason, String entryPoint, String externalId, byte[] body) {
        return WebhookRejected.malformed(reason, reject(reason, entryPoint, externalId, body).quarantineId());
    }

    /** Quarantines the notification for one message or status that cannot be taken (the same bytes are kept once). */
    private InboundRejected reject(String reason, String entryPoint, String externalId, byte[] body) {
        return sink.reject(WhatsAppChannel.WHATSAPP.code(), entryPoint, externalId, reason, CONTENT_TYPE, body);
    }
}
