package io.temas.channels.messenger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.temas.channels.BoundedDownloads;
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
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.TextInput;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's webhook for Messenger ({@code "object":"page"}) and Instagram ({@code "object":"instagram"}).
 * The subscription is verified by the verify token; every POST must be signed with
 * {@code X-Hub-Signature-256}, the HMAC of the raw body under the app secret, or it is refused and
 * counted by {@link RefusedWebhooks}. A signed body that is not a webhook event is quarantined whole.
 *
 * <p>Each {@code entry[].messaging[]} event is one of: a message (from {@code messenger:<PSID>} or
 * {@code instagram:<IGSID>}, external id its {@code mid}, so redeliveries are retries; echoes of our
 * own sends are skipped; image, video, audio and file attachments are downloaded from their URL and
 * stored, and one that cannot be fetched is left out while the message still arrives), a delivery
 * receipt (its {@code mids}) or a read receipt (a {@code watermark}, which marks every message sent to
 * that person up to then as read, or Instagram's {@code mid}).
 */
@Service
public class MessengerWebhooks {

    /** Content type raw webhooks are stored under, marked as a provider's so nobody replays them as trusted input. */
    public static final String CONTENT_TYPE = "application/vnd.temas.messenger-webhook+json";

    private static final Logger log = LoggerFactory.getLogger(MessengerWebhooks.class);
    private static final String REFUSED_CHANNEL = MessengerChannels.MESSENGER.code();

    /** The most attachments of one message that are downloaded; more stay in the raw payload only. */
    static final int MAX_ATTACHMENTS = 10;

    /** What one webhook call carried: messages taken (new and repeated), receipts recorded, events skipped. */
    public record Outcome(int received, int duplicates, int receipts, int ignored, int rejected) {
    }

    /** One channel's state for the settings screen. */
    public record Status(String channel, boolean configured, String missing, String account, boolean appSecretSet,
                         boolean verifyTokenSet, boolean pageTokenSet, String apiVersion, double refused, Instant lastReceived) {
    }

    private final MessengerSettings settings;
    private final InboundSink sink;
    private final Outbox outbox;
    private final RefusedWebhooks refused;
    private final MessengerGraph graph;
    private final MessengerContacts contacts;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    MessengerWebhooks(MessengerSettings settings, InboundSink sink, Outbox outbox, RefusedWebhooks refused, MessengerGraph graph,
                      MessengerContacts contacts, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.sink = sink;
        this.outbox = outbox;
        this.refused = refused;
        this.graph = graph;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** The subscription handshake: the challenge to echo, or empty when the mode or token is wrong. */
    public Optional<String> verify(String mode, String token, String challenge) {
        return settings.configured() && "subscribe".equals(mode) && challenge != null && WebhookSignatures.same(settings.verifyToken(), token)
                ? Optional.of(challenge) : Optional.empty();
    }

    /**
     * Takes one signed webhook call.
     *
     * @throws WebhookRejected for a bad signature (401) or a body that is not a webhook event (400)
     */
    public Outcome receive(byte[] body, String signature, String client) {
        if (!settings.configured()) {
            throw refuseUnsigned("Messenger is not configured (" + settings.missing() + "): webhook refused", client, body);
        }
        if (!WebhookSignatures.verifySha256(settings.appSecret(), body, signature)) {
            throw refuseUnsigned("bad or missing X-Hub-Signature-256", client, body);
        }
        JsonNode root = read(body);
        ChannelType channel = switch (root.path("object").asString("")) {
            case "page" -> MessengerChannels.MESSENGER;
            case "instagram" -> MessengerChannels.INSTAGRAM;
            default -> throw refuse(null, "object must be page or instagram, not '" + root.path("object").asString("") + "'", null, body);
        };
        List<JsonNode> events = events(root, channel, body);
        int received = 0;
        int duplicates = 0;
        int receipts = 0;
        int ignored = 0;
        int rejected = 0;
        for (JsonNode event : events) {
            String problem = problem(event);
            if (problem != null) {
                InboundRejected kept = refuseEvent(channel, problem, event, body);
                log.warn("A {} event was quarantined ({}): {}", channel.code(), kept.quarantineId(), TextInput.forLog(problem));
                rejected++;
                continue;
            }
            String userId = event.path("sender").path("id").asString("");
            JsonNode message = event.get("message");
            if (message != null && message.isObject()) {
                if (message.path("is_echo").asBoolean(false)) {
                    ignored++;
                    continue;
                }
                try {
                    Receipt receipt = message(channel, event, message, body);
                    if (receipt.duplicate()) {
                        duplicates++;
                    } else {
                        received++;
                    }
                } catch (InboundRejected e) {
                    if (!e.badInput()) {
                        throw e;
                    }
                    rejected++;
                }
            } else if (event.has("delivery")) {
                for (JsonNode mid : event.path("delivery").path("mids")) {
                    if (mid.isString() && scalar(mid)) {
                        receipts += outbox.delivered("messenger", mid.asString(), "delivered", null) ? 1 : 0;
                    }
                }
            } else if (event.has("read")) {
                JsonNode read = event.path("read");
                if (read.path("mid").isString() && scalar(read.path("mid"))) {
                    receipts += outbox.delivered("messenger", read.path("mid").asString(), "read", null) ? 1 : 0;
                } else {
                    try {
                        Optional<Instant> watermark = PayloadTimes.millis(read.path("watermark"), "read.watermark", clock);
                        if (watermark.isPresent()) {
                            receipts += outbox.deliveredUpTo("messenger", channel.code() + ":" + userId, watermark.get(), "read");
                        }
                    } catch (PayloadTimes.Unreadable e) {
                        refuseEvent(channel, e.getMessage(), event, body);
                        rejected++;
                    }
                }
            } else {
                ignored++;
            }
        }
        return new Outcome(received, duplicates, receipts, ignored, rejected);
    }

    /** Both channels' state as the settings screen shows it (secrets only as set or not). */
    public List<Status> status() {
        double refusals = Search.in(meters).name("temas.webhooks.refused").tag("channel", REFUSED_CHANNEL).counters().stream()
                .mapToDouble(c -> c.count()).sum();
        return List.of(status(MessengerChannels.MESSENGER, settings.pageId(), refusals),
                status(MessengerChannels.INSTAGRAM, settings.instagramAccountId(), refusals));
    }

    private Status status(ChannelType channel, String account, double refusals) {
        return new Status(channel.code(), settings.configured(), settings.missing(), account, !MessengerSettings.blank(settings.appSecret()),
                !MessengerSettings.blank(settings.verifyToken()), !MessengerSettings.blank(settings.pageAccessToken()), settings.apiVersion(),
                refusals, contacts.lastReceived(channel).orElse(null));
    }

    private Receipt message(ChannelType channel, JsonNode event, JsonNode message, byte[] body) {
        String userId = event.path("sender").path("id").asString("");
        String accountId = event.path("recipient").path("id").asString("");
        String mid = message.path("mid").asString("");
        Instant at;
        try {
            at = PayloadTimes.millis(event.path("timestamp"), "timestamp", clock).orElseGet(clock::instant);
        } catch (PayloadTimes.Unreadable e) {
            throw refuseEvent(channel, "message " + mid + ": " + e.getMessage(), event, body);
        }
        String text = message.path("text").asString(null);
        // A redelivered message keeps what it had: its attachments are not downloaded again.
        List<InboundAttachment> attachments = sink.received(channel, mid) ? List.of() : attachments(message);
        InboundMessage inbound = new InboundMessage(channel, accountId, mid,
                new InboundMessage.Sender(null, List.of(Identifier.social(channel.code(), userId)), channel.code() + ":" + userId),
                null, text, null, null, at, null, null, attachments, new InboundMessage.RawPayload(CONTENT_TYPE, body));
        // Remembered first: the acknowledgement may leave right after the commit and checks the messaging window.
        contacts.heard(channel, userId, accountId, at);
        return sink.receive(inbound);
    }

    private List<InboundAttachment> attachments(JsonNode message) {
        List<InboundAttachment> found = new ArrayList<>();
        int n = 0;
        for (JsonNode attachment : message.path("attachments")) {
            n++;
            if (n > MAX_ATTACHMENTS) {
                log.warn("Message {} has more than {} attachments: the rest stay in the raw payload", TextInput.forLog(message.path("mid").asString("")),
                        MAX_ATTACHMENTS);
                break;
            }
            String type = attachment.path("type").asString("");
            String url = attachment.path("payload").path("url").asString("");
            if (url.isBlank() || !List.of("image", "video", "audio", "file").contains(type)) {
                continue;
            }
            try {
                BoundedDownloads.Fetched fetched = graph.download(url);
                found.add(new InboundAttachment(filename(url, type, n), fetched.contentType(), fetched.bytes(), null));
            } catch (IOException e) {
                log.warn("Attachment {} of {} not fetched (its URL stays in the raw payload): {}", n, TextInput.forLog(message.path("mid").asString("")),
                        TextInput.forLog(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found;
    }

    private static String filename(String url, String type, int n) {
        try {
            String path = URI.create(url).getPath();
            String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            if (!last.isBlank() && last.length() <= 200) {
                return last;
            }
        } catch (IllegalArgumentException ignored) {
            // an odd URL still makes an attachment
        }
        return type + "-" + n;
    }

    /** Every messaging event; a call without an entry array is refused whole. */
    private List<JsonNode> events(JsonNode root, ChannelType channel, byte[] body) {
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw refuse(channel, "entry must be an array", null, body);
        }
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode entry : entries) {
            for (JsonNode event : entry.path("messaging")) {
                events.add(event);
            }
        }
        return events;
    }

    /** Why one event cannot be taken, or null when it can. */
    private static String problem(JsonNode event) {
        if (!event.isObject() || !scalar(event.path("sender").path("id")) || !scalar(event.path("recipient").path("id"))) {
            return "every messaging event needs sender.id and recipient.id";
        }
        JsonNode message = event.get("message");
        if (message != null && message.isObject() && !(message.path("mid").isString() && scalar(message.path("mid")))) {
            return "a message needs its mid";
        }
        return null;
    }

    /**
     * Whether a node is an id Temas can look up and store: a number, or text without control
     * characters and no longer than {@link TextInput#SHORT} (a NUL cannot be stored and a longer
     * value does not fit an index, which would fail the whole call rather than its one event).
     */
    private static boolean scalar(JsonNode id) {
        String value = id.asString("");
        return (id.isString() || id.isIntegralNumber()) && !value.isBlank() && value.length() <= TextInput.SHORT
                && TextInput.strip(value, false).equals(value);
    }

    /** Quarantines the call for one event that cannot be taken (identical bytes are kept once). */
    private InboundRejected refuseEvent(ChannelType channel, String reason, JsonNode event, byte[] body) {
        String mid = event.path("message").path("mid").isString() ? event.path("message").path("mid").asString("") : null;
        JsonNode recipient = event.path("recipient").path("id");
        // The entry point a message would have had, so the call is kept once whichever of its events was refused.
        String accountId = scalar(recipient) ? recipient.asString("") : null;
        return sink.reject(channel.code(), accountId, mid, reason, CONTENT_TYPE, body);
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw refuse(null, "the body is not a JSON object", null, body);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw refuse(null, "malformed JSON: " + e.getOriginalMessage(), null, body);
        }
    }

    /** Nothing of an unauthenticated request is trusted, not even the object it claims. */
    private WebhookRejected refuseUnsigned(String reason, String client, byte[] body) {
        return WebhookRejected.signature(reason, refused.refuse(REFUSED_CHANNEL, client, reason, CONTENT_TYPE, body).orElse(null));
    }

    private WebhookRejected refuse(ChannelType channel, String reason, String externalId, byte[] body) {
        var rejected = sink.reject((channel == null ? MessengerChannels.MESSENGER : channel).code(), null, externalId, reason, CONTENT_TYPE, body);
        return WebhookRejected.malformed(reason, rejected.quarantineId());
    }
}
