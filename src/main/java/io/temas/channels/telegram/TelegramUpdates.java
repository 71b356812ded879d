package io.temas.channels.telegram;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.temas.channels.InboundAttachment;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.PayloadTimes;
import io.temas.channels.Receipt;
import io.temas.channels.RefusedWebhooks;
import io.temas.channels.WebhookRejected;
import io.temas.channels.WebhookSignatures;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.shared.RefusedByRule;
import io.temas.shared.TextInput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Telegram updates into inbound messages. Every update must carry the webhook's secret
 * token ({@code X-Telegram-Bot-Api-Secret-Token}, compared in constant time); others are refused
 * and counted by {@link RefusedWebhooks}.
 *
 * <p>A message becomes the text (or caption) from the identity {@code telegram:<user id>}, answered
 * at {@code telegram:<chat id>}, with the external id {@code <chat id>:<message id>} so a
 * redelivered update is a retry; the user's {@code language_code} is the message's language when
 * it is Turkish, Azerbaijani or English. Photos (the largest size), documents, voice, audio and
 * video are fetched through {@code getFile} and stored as attachments; a fetch that fails is left
 * out (the update, with the file id, stays in the raw payload) and the message still arrives. A
 * contact the user shared of themselves adds the phone number to the message's identifiers, which
 * links it to the customer in the identity graph; anybody else's contact is just text. Updates
 * without a message (edits, channel posts, button presses) and messages in anything but a private
 * chat (a group would see every acknowledgement and reply) are acknowledged, counted and ignored. A
 * message whose fields do not have the Bot API's types, or whose date is no time, is quarantined
 * and refused (400).
 */
@Service
public class TelegramUpdates {

    /** Content type raw updates are stored under, marked as a provider's so nobody replays them as trusted input. */
    public static final String CONTENT_TYPE = "application/vnd.temas.telegram-webhook+json";

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);
    private static final String CHANNEL = TelegramChannel.TELEGRAM.code();
    private static final List<String> FILES = List.of("document", "voice", "audio", "video", "video_note", "animation");

    /** What the webhook made of an update: the pipeline's receipt, or why there was nothing to take. */
    public record Outcome(Receipt receipt, String ignored) {
    }

    /** The channel's state for the settings screen. */
    public record Status(boolean configured, String missing, String botUsername, String entryPoint, boolean tokenSet,
                         boolean secretSet, String baseUrl, double refused, Instant lastReceived) {
    }

    private final TelegramSettings settings;
    private final InboundSink sink;
    private final RefusedWebhooks refused;
    private final TelegramBotApi api;
    private final TelegramChats chats;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    TelegramUpdates(TelegramSettings settings, InboundSink sink, RefusedWebhooks refused, TelegramBotApi api, TelegramChats chats,
                    JsonMapper json, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.sink = sink;
        this.refused = refused;
        this.api = api;
        this.chats = chats;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Takes one update as Telegram posted it.
     *
     * @param secret the {@code X-Telegram-Bot-Api-Secret-Token} header
     * @param client the caller's address (after forwarded-header handling)
     * @throws WebhookRejected for a wrong secret (401) or a body that is no update (400)
     */
    public Outcome receive(byte[] body, String secret, String client) {
        if (!settings.configured()) {
            throw refuseUnsigned("Telegram is not configured (" + settings.missing() + "): update refused", client, body);
        }
        if (!WebhookSignatures.same(settings.secretToken(), secret)) {
            throw refuseUnsigned("bad or missing X-Telegram-Bot-Api-Secret-Token", client, body);
        }
        JsonNode update = read(body);
        JsonNode message = update.get("message");
        if (message == null || message.isNull()) {
            return new Outcome(null, "no message in the update (" + kind(update) + ")");
        }
        String chatId = id(message.path("chat").path("id"));
        String userId = id(message.path("from").path("id"));
        String messageId = id(message.path("message_id"));
        if (!message.isObject() || chatId == null || userId == null || messageId == null) {
            throw refuse("message.message_id, message.chat.id and message.from.id are required", null, body);
        }
        String chatType = message.path("chat").path("type").asString("");
        if (!"private".equals(chatType)) {
            // Acknowledgements and replies go to the chat: a group would hear them all, so only one-to-one chats are taken.
            meters.counter("temas.webhooks.ignored", "channel", CHANNEL, "reason", "not-private").increment();
            // Telegram's types are single words (group, supergroup, channel); anything else is logged as unknown, never verbatim.
            log.info("Telegram update from a {} chat ignored: only private chats are taken",
                    chatType.matches("[a-z_]{1,20}") ? chatType : "unknown");
            return new Outcome(null, "not a private chat (" + (chatType.isBlank() ? "no chat.type" : chatType) + ")");
        }
        JsonNode from = message.path("from");
        Language language = Language.parse(from.path("language_code").asString(null)).orElse(null);
        Instant sentAt;
        String text;
        try {
            sentAt = PayloadTimes.seconds(message.path("date"), "message.date", clock).orElseGet(clock::instant);
            text = text(message);
        } catch (PayloadTimes.Unreadable e) {
            throw refuse(e.getMessage(), chatId + ":" + messageId, body);
        } catch (BadField e) {
            throw refuse(e.getMessage(), chatId + ":" + messageId, body);
        }

        List<Identifier> identifiers = new ArrayList<>();
        identifiers.add(Identifier.social(CHANNEL, userId));
        boolean sharedOwnPhone = false;
        JsonNode contact = message.get("contact");
        if (contact != null && contact.isObject() && contact.hasNonNull("phone_number")) {
            if (!contact.get("phone_number").isString()) {
                throw refuse("contact.phone_number is not text", chatId + ":" + messageId, body);
            }
            String phone = phone(contact.get("phone_number").asString());
            // A number that cannot be an identifier is not linked: the message must still arrive.
            sharedOwnPhone = userId.equals(id(contact.path("user_id"))) && phone.matches("\\+\\d{6,15}");
            if (sharedOwnPhone) {
                identifiers.add(Identifier.phone(phone));
                text = phone;
            } else {
                text = join(name(contact), phone);
            }
        }
        String externalId = chatId + ":" + messageId;
        // A redelivered update keeps what it had: its files are not fetched again.
        List<InboundAttachment> attachments = sink.received(TelegramChannel.TELEGRAM, externalId) ? List.of() : attachments(message);
        InboundMessage inbound = new InboundMessage(TelegramChannel.TELEGRAM, settings.entryPoint(), externalId,
                new InboundMessage.Sender(name(from), identifiers, CHANNEL + ":" + chatId), null, text, null, language, sentAt,
                null, null, attachments, new InboundMessage.RawPayload(CONTENT_TYPE, body));
        // Remembered first, so the acknowledgement the dispatcher may send right after the commit finds the chat.
        chats.heard(chatId, userId, language, sharedOwnPhone, sentAt);
        Receipt receipt = sink.receive(inbound);
        return new Outcome(receipt, null);
    }

    /**
     * Registers {@code url} as the bot's webhook with the secret token ({@code setWebhook}, message
     * updates only), so an admin need not call the Bot API by hand.
     *
     * @throws RefusedByRule when the bot is not configured, Telegram refuses or cannot be reached, with the reason
     */
    public void registerWebhook(String url) {
        if (!settings.configured()) {
            throw new RefusedByRule("Telegram is not configured: set " + settings.missing());
        }
        TelegramBotApi.Answer answer;
        try {
            answer = api.call("setWebhook", java.util.Map.of("url", url, "secret_token", settings.secretToken(),
                    "allowed_updates", List.of("message")));
        } catch (IOException e) {
            throw new RefusedByRule("Telegram unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedByRule("interrupted");
        }
        if (!answer.ok()) {
            throw new RefusedByRule("Telegram refused the webhook: " + answer.description());
        }
    }

    /** The channel's state as the settings screen shows it (secrets only as set or not). */
    public Status status() {
        double refusals = Search.in(meters).name("temas.webhooks.refused").tag("channel", CHANNEL).counters().stream()
                .mapToDouble(c -> c.count()).sum();
        return new Status(settings.configured(), settings.missing(), settings.botUsername(), settings.entryPoint(),
                settings.botToken() != null && !settings.botToken().isBlank(),
                settings.secretToken() != null && !settings.secretToken().isBlank(), settings.baseUrl(), refusals,
                chats.lastReceived().orElse(null));
    }

    private List<InboundAttachment> attachments(JsonNode message) {
        List<InboundAttachment> found = new ArrayList<>();
        List<JsonNode> files = new ArrayList<>();
        JsonNode photo = message.get("photo");
        if (photo != null && photo.isArray() && !photo.isEmpty()) {
            files.add(photo.get(photo.size() - 1)); // sizes come smallest first
        }
        FILES.stream().map(message::get).filter(f -> f != null && f.isObject()).forEach(files::add);
        for (JsonNode file : files) {
            String fileId = file.path("file_id").asString("");
            if (fileId.isBlank()) {
                continue;
            }
            try {
                TelegramBotApi.Fetched fetched = api.fetch(fileId);
                String name = file.path("file_name").asString(fetched.name());
                String type = file.path("mime_type").asString(fetched.contentType());
                found.add(new InboundAttachment(name, type, fetched.content(), null));
            } catch (IOException e) {
                log.warn("Telegram file {} of message {} not fetched (kept in the raw update): {}", TextInput.forLog(fileId), id(message.path("message_id")),
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found;
    }

    private static String text(JsonNode message) {
        String text = message.path("text").asString(null);
        if (text == null) {
            text = message.path("caption").asString(null);
        }
        JsonNode location = message.get("location");
        if (location != null && location.has("latitude") && location.has("longitude")) {
            if (!location.get("latitude").isNumber() || !location.get("longitude").isNumber()) {
                throw new BadField("location.latitude and location.longitude must be numbers");
            }
            text = join(text, "geo:" + location.get("latitude").asDouble() + "," + location.get("longitude").asDouble());
        }
        return text;
    }

    /** A field of the message that does not have the type the Bot API gives it. */
    private static final class BadField extends RuntimeException {

        BadField(String message) {
            super(message, null, false, false);
        }
    }

    private static String name(JsonNode person) {
        String name = join(person.path("first_name").asString(null), person.path("last_name").asString(null));
        if (name == null && person.path("username").isString()) {
            name = "@" + person.path("username").asString();
        }
        return name;
    }

    /** Telegram writes a contact's number in international form, usually without the plus. */
    private static String phone(String raw) {
        String value = raw.replaceAll("[\\s().\\-]", "");
        return value.startsWith("+") ? value : "+" + value;
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null || b.isBlank() ? null : b;
        }
        return b == null || b.isBlank() ? a : a + " " + b;
    }

    private static String id(JsonNode node) {
        return node != null && node.canConvertToLong() ? Long.toString(node.asLong()) : null;
    }

    private static String kind(JsonNode update) {
        List<String> names = new ArrayList<>();
        update.propertyNames().forEach(names::add);
        return names.stream().filter(n -> !"update_id".equals(n)).findFirst().orElse("empty");
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw refuse("the body is not a JSON object", null, body);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw refuse("malformed JSON: " + e.getOriginalMessage(), null, body);
        }
    }

    /** Nothing of an unauthenticated request is trusted, not even the chat or id it names. */
    private WebhookRejected refuseUnsigned(String reason, String client, byte[] body) {
        return WebhookRejected.signature(reason, refused.refuse(CHANNEL, client, reason, CONTENT_TYPE, body).orElse(null));
    }

    private WebhookRejected refuse(String reason, String externalId, byte[] body) {
        var rejected = sink.reject(CHANNEL, settings.entryPoint(), externalId, reason, CONTENT_TYPE, body);
        return WebhookRejected.malformed(reason, rejected.quarantineId());
    }
}
