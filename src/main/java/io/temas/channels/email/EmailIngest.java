package io.temas.channels.email;

import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.platform.FileStore;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Turns one raw RFC 822 message into the media-independent message and hands it to the pipeline;
 * delivery status notifications become bounces instead of conversations; unreadable mail goes to
 * the quarantine with its bytes. Used by the IMAP fetchers, the HTTP endpoint and the mailgate.
 */
@Service
public class EmailIngest {

    /** What became of a message. */
    public sealed interface Outcome {

        /** It went through the pipeline (or was a retry of one that did). */
        record Delivered(Receipt receipt) implements Outcome {
        }

        /** It was a delivery status notification about our mail. */
        record Bounced(List<String> recipients, boolean permanent, boolean firstTime) implements Outcome {
        }
    }

    public static final String CONTENT_TYPE = "message/rfc822";

    private final InboundSink sink;
    private final MimeParser parser;
    private final Clock clock;

    EmailIngest(InboundSink sink, EmailSettings settings, Clock clock) {
        this.sink = sink;
        this.parser = new MimeParser(settings.limits());
        this.clock = clock;
    }

    /**
     * Whether the message with this {@code Message-ID} header was already taken, so a fetcher
     * need not read it again; {@link #ingest} stays the judge of duplicates.
     */
    boolean taken(String messageIdHeader) {
        String id = MimeParser.messageId(messageIdHeader);
        return id != null && sink.received(ChannelType.EMAIL, id);
    }

    /**
     * Takes one message that arrived for {@code entryPoint} (null: the first recipient).
     *
     * @throws InboundRejected when it could not be taken; it is then in the quarantine
     */
    public Outcome ingest(byte[] raw, String entryPoint) {
        ParsedEmail email;
        try {
            email = parser.parse(raw);
        } catch (MalformedEmail e) {
            throw sink.reject(ChannelType.EMAIL.code(), entryPoint, null, "unreadable e-mail: " + e.getMessage(), CONTENT_TYPE, raw);
        }
        String externalId = email.messageId() != null ? email.messageId() : "sha256:" + FileStore.sha256(raw);
        Instant receivedAt = clock.instant();
        InboundMessage.RawPayload payload = new InboundMessage.RawPayload(CONTENT_TYPE, raw);
        if (email.isBounce()) {
            ParsedEmail.DeliveryReport report = email.bounce();
            boolean first = sink.bounced(new InboundBounce(ChannelType.EMAIL, externalId, report.recipients(), report.permanent(),
                    report.reason(), receivedAt, payload));
            return new Outcome.Bounced(report.recipients(), report.permanent(), first);
        }
        if (email.fromAddress() == null) {
            throw sink.reject(ChannelType.EMAIL.code(), entryPoint, externalId, "the message has no sender address", CONTENT_TYPE, raw);
        }
        String to = entryPoint != null && !entryPoint.isBlank() ? entryPoint
                : email.recipients().isEmpty() ? null : email.recipients().getFirst();
        InboundMessage message = new InboundMessage(
                ChannelType.EMAIL,
                to,
                externalId,
                new InboundMessage.Sender(email.fromName(), List.of(Identifier.email(email.fromAddress())),
                        email.replyTo() != null ? email.replyTo() : email.fromAddress()),
                email.subject(),
                email.displayText(),
                email.html(),
                Language.parse(email.language()).orElse(null),
                receivedAt,
                new InboundMessage.Threading(email.messageId(), email.references(), null),
                email.automation(),
                email.attachments(),
                payload);
        return new Outcome.Delivered(sink.receive(message));
    }
}
