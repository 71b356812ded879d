package io.temas.api;

import io.temas.channels.Channels;
import io.temas.channels.HtmlSanitiser;
import io.temas.channels.InboundMessage;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Reads the JSON of {@code POST /api/v1/inbound} into a message, for the endpoint and for retries from the quarantine. */
@Component
class InboundRequests {

    private final Clock clock;
    private final Channels channels;

    InboundRequests(Clock clock, Channels channels) {
        this.clock = clock;
        this.channels = channels;
    }

    InboundMessage toMessage(InboundRequest r, String contentType, byte[] body) {
        ChannelType channel = channels.type(required(r.channel(), "channel"));
        required(r.entryPoint(), "entryPoint");
        required(r.externalId(), "externalId");
        if (r.from() == null) {
            throw new InvalidInput("from", "from is required, with at least one identifier");
        }
        List<Identifier> identifiers = new ArrayList<>();
        add(identifiers, IdentifierType.EMAIL, r.from().email());
        add(identifiers, IdentifierType.PHONE, r.from().phone());
        add(identifiers, IdentifierType.ACCOUNT, r.from().accountNumber());
        add(identifiers, IdentifierType.LOYALTY, r.from().loyaltyNumber());
        add(identifiers, IdentifierType.COOKIE, r.from().cookie());
        String handle = null;
        if (r.from().handle() != null && !r.from().handle().isBlank()) {
            handle = r.from().handle().contains(":") ? r.from().handle()
                    : (r.from().network() == null ? channel.code() : r.from().network()) + ":" + r.from().handle();
            identifiers.add(new Identifier(IdentifierType.SOCIAL, handle));
        }
        if (identifiers.isEmpty()) {
            throw new InvalidInput("from", "from needs at least one of email, phone, handle, accountNumber, loyaltyNumber, cookie");
        }
        boolean hasText = r.text() != null && !r.text().isBlank();
        boolean hasHtml = r.html() != null && !r.html().isBlank();
        if (!hasText && !hasHtml) {
            throw new InvalidInput("text", "text or html is required");
        }
        Language language = null;
        if (r.language() != null && !r.language().isBlank()) {
            language = Language.parse(r.language())
                    .orElseThrow(() -> new InvalidInput("language", "language '" + r.language() + "' is not one of tr, az, en"));
        }
        String html = HtmlSanitiser.sanitise(r.html());
        String text = hasText ? r.text() : HtmlSanitiser.toText(html);
        List<String> references = new ArrayList<>(r.references() == null ? List.of() : r.references());
        if (r.inReplyTo() != null && !references.contains(r.inReplyTo())) {
            references.add(r.inReplyTo());
        }
        String replyAddress = replyAddress(channels.of(channel).replyAddress(), r, handle);
        return new InboundMessage(channel, r.entryPoint(), r.externalId(),
                new InboundMessage.Sender(r.from().name(), identifiers, replyAddress),
                r.subject(), text, html, language, r.receivedAt() != null ? r.receivedAt() : clock.instant(),
                new InboundMessage.Threading(headerId(channel, r.externalId()), references, r.chatSession()),
                new InboundMessage.Automation(Boolean.TRUE.equals(r.autoSubmitted()), Boolean.TRUE.equals(r.bulk()), null),
                List.of(), new InboundMessage.RawPayload(contentType == null ? MediaType.APPLICATION_JSON_VALUE : contentType, body));
    }

    /** The address the channel answers on, from what the sender gave. */
    private static String replyAddress(ReplyAddress kind, InboundRequest r, String handle) {
        return switch (kind) {
            case EMAIL -> r.from().email();
            case PHONE -> r.from().phone();
            case SOCIAL_HANDLE -> handle;
            case SESSION -> r.chatSession() != null ? r.chatSession() : r.from().cookie();
            case CONTACT -> r.from().email() != null ? r.from().email() : r.from().phone();
            case NONE -> null;
        };
    }

    /** For e-mail, an external id shaped like a Message-ID is one, so replies to our answers thread by headers. */
    private static String headerId(ChannelType channel, String externalId) {
        boolean looksLikeMessageId = externalId.startsWith("<") && externalId.endsWith(">") && externalId.contains("@");
        return ChannelType.EMAIL.equals(channel) && looksLikeMessageId ? externalId : null;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        return value;
    }

    private static void add(List<Identifier> into, IdentifierType type, String value) {
        if (value != null && !value.isBlank()) {
            into.add(new Identifier(type, value));
        }
    }
}
