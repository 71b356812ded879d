package io.temas.conversations;

import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agents' replies and internal notes. A reply leaves on the conversation's channel from the
 * entry point the customer wrote to, to the address the customer wrote from; e-mail replies
 * carry the threading headers and the reference in the subject, so mail clients thread them.
 */
@Service
public class Replies {

    private final Conversations conversations;
    private final Outbox outbox;
    private final Clock clock;

    Replies(Conversations conversations, Outbox outbox, Clock clock) {
        this.conversations = conversations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sends a reply; answers the new message's id. */
    @Transactional
    public UUID reply(UUID conversationId, String text, String author) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a reply needs text");
        }
        Conversation conversation = conversations.get(conversationId);
        List<Message> thread = conversations.messages(conversationId);
        Message lastInbound = thread.stream().filter(m -> m.direction() == Message.Direction.INBOUND).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("the conversation has no customer message to answer"));
        Instant now = clock.instant();
        String sender = conversation.entryPoint();
        String subject = null;
        String headerId = null;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Temas-Reference", conversation.reference());
        headers.put("X-Temas-Kind", "reply");
        if (conversation.channel() == ChannelType.EMAIL) {
            String base = conversation.subject() == null || conversation.subject().isBlank() ? "" : conversation.subject().strip();
            base = References.strip(base);
            subject = (base.regionMatches(true, 0, "Re:", 0, 3) ? base : "Re: " + base).strip() + " [#" + conversation.reference() + "]";
            headerId = References.newHeaderId(sender);
            headers.put("Message-ID", headerId);
            List<String> references = new ArrayList<>();
            thread.stream().map(Message::headerId).filter(h -> h != null && !h.isBlank()).forEach(references::add);
            if (lastInbound.headerId() != null) {
                headers.put("In-Reply-To", lastInbound.headerId());
            }
            if (!references.isEmpty()) {
                headers.put("References", String.join(" ", references));
            }
        }
        UUID messageId = conversations.add(new NewMessage(conversationId, Message.Direction.OUTBOUND, "message", conversation.channel(),
                null, headerId, sender, lastInbound.sender(), subject, text, null, null, author, now));
        outbox.enqueue(new OutboundMessage(conversation.channel(), sender, lastInbound.sender(), subject, text, headers,
                conversationId, messageId));
        if (conversation.status() == ConversationStatus.OPEN) {
            conversations.changeStatus(conversationId, ConversationStatus.PENDING);
        }
        return messageId;
    }

    /** Adds an internal note only agents see. */
    @Transactional
    public UUID note(UUID conversationId, String text, String author) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a note needs text");
        }
        Conversation conversation = conversations.get(conversationId);
        return conversations.add(new NewMessage(conversationId, Message.Direction.OUTBOUND, "note", conversation.channel(), null, null,
                author, null, null, text, null, null, author, clock.instant()));
    }
}
