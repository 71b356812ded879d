package io.temas.inbound;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channels;
import io.temas.channels.InboundMessage;
import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.conversations.NewMessage;
import io.temas.conversations.References;
import io.temas.routing.EntryPoints;
import io.temas.routing.ReplyOptions;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the automatic answers to an inbound message (the acknowledgement, the retirement notice)
 * share: where they go, from which address, in which shape, and how they are written to the
 * conversation and queued. They answer on the message's own channel from its entry point; a channel
 * answered on the address the customer left (a web form) is answered by e-mail to that address, or
 * by SMS to the number ({@link ReplyOptions#reachBack}), threaded so that the customer's answer
 * joins the conversation.
 */
@Component
class AutomaticReplies {

    /** Where an automatic answer goes: the channel that sends it, from and to, and the shape that channel takes. */
    record Route(ChannelType channel, String sender, String recipient, Acknowledgement shape) {
    }

    private final Channels channels;
    private final EntryPoints entryPoints;
    private final ReplyOptions replyOptions;
    private final Conversations conversations;
    private final Outbox outbox;

    AutomaticReplies(Channels channels, EntryPoints entryPoints, ReplyOptions replyOptions, Conversations conversations, Outbox outbox) {
        this.channels = channels;
        this.entryPoints = entryPoints;
        this.replyOptions = replyOptions;
        this.conversations = conversations;
        this.outbox = outbox;
    }

    /** The route of an automatic answer to {@code message}; without a way back from a form, the stand-in shows it not sent. */
    Route route(InboundMessage message, Conversation conversation) {
        ChannelType channel = message.channel();
        String entryPoint = message.entryPoint() != null ? message.entryPoint() : conversation.entryPoint();
        String sender = entryPoints.find(entryPoint, message.channel()).map(e -> e.address()).orElse(entryPoint);
        String recipient = message.sender().replyAddress();
        if (channels.answersOnContact(channel)) {
            // Nothing goes back through a form: by e-mail (or SMS) to the address it left.
            var way = replyOptions.reachBack(conversation, recipient);
            if (way.isPresent()) {
                channel = way.get().channel();
                sender = way.get().sender();
            }
        }
        return new Route(channel, sender, recipient, channels.of(channel).acknowledgement());
    }

    /** A text longer than the channel carries (a long name, an admin's long text) is cut, marked by an ellipsis. */
    static String cut(String text, Acknowledgement shape) {
        return text.length() <= shape.maxLength() ? text : text.substring(0, shape.maxLength() - 1).stripTrailing() + "…";
    }

    /**
     * Writes the answer to the conversation as a message of {@code kind} and queues it; answers the message id. Both rows
     * are held for the caller's transaction and written with its other automatic replies ({@link #flushInto}, or before it
     * commits).
     */
    UUID send(InboundMessage message, Conversation conversation, Route route, String kind, String subject, String body,
              Language language, Instant now) {
        String headerId = ChannelType.EMAIL.equals(route.channel()) ? References.newHeaderId(route.sender()) : null;
        UUID messageId = conversations.addLater(new NewMessage(conversation.id(), Message.Direction.OUTBOUND, kind, route.channel(),
                null, headerId, route.sender(), route.recipient(), subject, body, null, language.code(), null, now));
        outbox.enqueueLater(new OutboundMessage(route.channel(), route.sender(), route.recipient(), subject, body,
                headers(message, headerId, kind, conversation.reference()), conversation.id(), messageId));
        return messageId;
    }

    /** Hands over the statements that write the messages and sends {@link #send} holds, for the caller to run now in its transaction. */
    void flushInto(java.util.function.BiConsumer<String, Object[]> statements) {
        conversations.flushInto(statements);
        outbox.flushInto(statements);
    }

    private static Map<String, String> headers(InboundMessage message, String headerId, String kind, String reference) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Temas-Reference", reference);
        headers.put("X-Temas-Kind", kind);
        if (headerId == null) {
            return headers;
        }
        headers.put("Message-ID", headerId);
        headers.put("Auto-Submitted", "auto-replied");
        headers.put("X-Auto-Response-Suppress", "All");
        List<String> references = new ArrayList<>(message.threading().references());
        if (message.threading().headerId() != null) {
            headers.put("In-Reply-To", message.threading().headerId());
            references.add(message.threading().headerId());
        }
        if (!references.isEmpty()) {
            headers.put("References", String.join(" ", references));
        }
        return headers;
    }
}
