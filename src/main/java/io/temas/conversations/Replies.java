package io.temas.conversations;

import io.temas.shared.ReasonCode;
import io.temas.channels.ChannelReach;
import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.channels.ReplyGate;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.RefusedByRule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agents' replies and internal notes. A reply leaves on the conversation's channel from the
 * entry point the customer wrote to, to the address the customer wrote from; e-mail replies
 * carry the threading headers and the reference in the subject, so mail clients thread them
 * (also on a conversation that did not start by e-mail, such as a web form: the customer's answer
 * to it comes back into the same conversation). A reply on a channel that cannot send is refused,
 * never recorded as if it left; {@code routing.ReplyOptions} offers the ways that can. An agent who
 * replies to a conversation nobody has takes it ({@link Takeover}). What a {@link ReplyFooter} adds goes under the
 * reply as sent, not as stored.
 */
@Service
public class Replies {

    private final Conversations conversations;
    private final Outbox outbox;
    private final CustomerTimeline timeline;
    private final Clock clock;
    private final ChannelReach reach;
    private final List<ReplyGate> gates;
    private final Takeover takeover;
    private final ObjectProvider<AgentDirectory> agents;
    private final ObjectProvider<ReplyFooter> footers;

    Replies(Conversations conversations, Outbox outbox, CustomerTimeline timeline, Clock clock, ChannelReach reach,
            List<ReplyGate> gates, Takeover takeover, ObjectProvider<AgentDirectory> agents, ObjectProvider<ReplyFooter> footers) {
        this.footers = footers;
        this.takeover = takeover;
        this.agents = agents;
        this.reach = reach;
        this.conversations = conversations;
        this.outbox = outbox;
        this.timeline = timeline;
        this.clock = clock;
        this.gates = List.copyOf(gates);
    }

    /**
     * Sends a reply on the conversation's own channel to where the customer last wrote from; answers
     * the new message's id. Refused when that channel cannot send (a web form, a chat): the reply
     * options ({@code routing.ReplyOptions#choose}) say which way reaches the customer.
     */
    @Transactional
    public UUID reply(UUID conversationId, String text, String author) {
        Conversation conversation = conversations.get(conversationId);
        Message lastInbound = lastInbound(conversations.messages(conversationId), conversation.channel())
                .orElseThrow(() -> new RefusedByRule("the conversation has no customer message to answer"));
        return reply(conversationId, conversation.channel(), conversation.entryPoint(), lastInbound.sender(), text, author);
    }

    /**
     * Sends a reply on a channel the agent picked, from one of our addresses or numbers to one of
     * the customer's; e-mail replies thread with the e-mails of the conversation.
     */
    @Transactional
    public UUID reply(UUID conversationId, ChannelType channel, String sender, String recipient, String text, String author) {
        return reply(conversationId, channel, sender, recipient, text, author, Map.of());
    }

    /**
     * A reply with extras for the channel's transport (a WhatsApp template); each {@link ReplyGate} may refuse it first.
     * {@code author} is the user who wrote it; when that is an agent, a conversation nobody has becomes theirs.
     */
    @Transactional
    public UUID reply(UUID conversationId, ChannelType channel, String sender, String recipient, String text, String author,
                      Map<String, String> extras) {
        AgentDirectory directory = agents.getIfAvailable();
        Actor by = (directory == null ? java.util.Optional.<Actor>empty() : directory.agent(author))
                .orElseGet(() -> new Actor(author, author, null));
        return reply(conversationId, channel, sender, recipient, text, by, extras);
    }

    /**
     * A reply written by {@code by} (recorded under their user name); an agent takes the conversation if nobody has it,
     * anyone else leaves it as it is.
     */
    @Transactional
    public UUID reply(UUID conversationId, ChannelType channel, String sender, String recipient, String text, Actor by,
                      Map<String, String> extras) {
        String author = by.username();
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "a reply needs text");
        }
        if (recipient == null || recipient.isBlank()) {
            throw new RefusedByRule("the customer has no address on " + channel.code());
        }
        if (!reach.canSend(channel)) {
            throw new Conflict("no way to reach this customer on " + channel.code() + ": nothing sends on this channel yet");
        }
        Conversation conversation = conversations.get(conversationId);
        List<Message> thread = conversations.messages(conversationId);
        Instant now = clock.instant();
        String subject = null;
        String headerId = null;
        Map<String, String> headers = new LinkedHashMap<>(extras);
        headers.put("X-Temas-Reference", conversation.reference());
        headers.put("X-Temas-Kind", "reply");
        if (ChannelType.EMAIL.equals(channel)) {
            String base = conversation.subject() == null || conversation.subject().isBlank() ? "" : conversation.subject().strip();
            base = References.strip(base);
            subject = (base.regionMatches(true, 0, "Re:", 0, 3) ? base : "Re: " + base).strip() + " [#" + conversation.reference() + "]";
            headerId = References.newHeaderId(sender);
            headers.put("Message-ID", headerId);
            List<String> references = new ArrayList<>();
            thread.stream().filter(m -> ChannelType.EMAIL.equals(m.channel())).map(Message::headerId)
                    .filter(h -> h != null && !h.isBlank()).forEach(references::add);
            // The customer's last mail; on a conversation begun elsewhere (a web form), our last mail to them.
            lastInbound(thread, ChannelType.EMAIL).map(Message::headerId)
                    .or(() -> thread.stream().filter(m -> ChannelType.EMAIL.equals(m.channel()) && m.headerId() != null
                            && !"note".equals(m.kind())).map(Message::headerId).reduce((a, b) -> b))
                    .ifPresent(h -> headers.put("In-Reply-To", h));
            if (!references.isEmpty()) {
                headers.put("References", String.join(" ", references));
            }
        }
        OutboundMessage draft = new OutboundMessage(channel, sender, recipient, subject, text, headers, conversationId, null);
        gates.forEach(gate -> gate.check(draft));
        UUID messageId = conversations.add(new NewMessage(conversationId, Message.Direction.OUTBOUND, "message", channel,
                null, headerId, sender, recipient, subject, text, null, null, author, now));
        StringBuilder sent = new StringBuilder(text);
        footers.orderedStream().map(f -> f.footer(conversation, channel, messageId))
                .filter(f -> f != null && !f.isBlank()).forEach(f -> sent.append("\n\n").append(f));
        outbox.enqueue(new OutboundMessage(channel, sender, recipient, subject, sent.toString(), headers, conversationId, messageId));
        timeline.record(new CustomerId(conversation.customerId()), List.of(new CustomerTimeline.Entry(now, "reply.sent", channel.code(),
                "Reply by " + author + " to " + recipient, conversationId, messageId,
                ReasonCode.of("timeline.reply.sent.detail", author, recipient))));
        takeover.take(conversation, by, true);
        if (conversation.status() == ConversationStatus.OPEN) {
            conversations.changeStatus(conversationId, ConversationStatus.PENDING);
        }
        return messageId;
    }

    private static java.util.Optional<Message> lastInbound(List<Message> thread, ChannelType channel) {
        return thread.stream().filter(m -> m.direction() == Message.Direction.INBOUND && m.channel().equals(channel)).reduce((a, b) -> b);
    }

    /** Adds an internal note only agents see. */
    @Transactional
    public UUID note(UUID conversationId, String text, String author) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "a note needs text");
        }
        Conversation conversation = conversations.get(conversationId);
        return conversations.add(new NewMessage(conversationId, Message.Direction.OUTBOUND, "note", conversation.channel(), null, null,
                author, null, null, text, null, null, author, clock.instant()));
    }
}
