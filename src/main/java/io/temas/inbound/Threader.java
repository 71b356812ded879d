package io.temas.inbound;

import io.temas.channels.Channels;
import io.temas.channels.InboundMessage;
import io.temas.conversations.Citations;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.References;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Thread: finds the conversation a message belongs to, by the reference in its subject
 * ({@code [#T-1042]}), its reply headers, its chat session, or the customer's open conversation
 * on the channel within the threading window.
 * <p>
 * References are sequential and easy to guess, so one in a subject counts only when the sender is
 * the conversation's customer or already on it; otherwise only the reply headers (Message-IDs
 * are random, and a forwarded answer keeps them) may join it, and failing those the message
 * opens a conversation of its own that cites the one it named.
 */
@Component
class Threader {

    /** The conversation found, and how. */
    record Match(Conversation conversation, String how, io.temas.shared.ReasonCode why) {
    }

    /**
     * Where a message goes: into {@code match}, or, when that is empty, into a new conversation,
     * which cites {@code cited} when the subject named a conversation its sender is not on.
     */
    record Outcome(Optional<Match> match, Optional<Conversation> cited) {

        static Outcome of(Optional<Match> match) {
            return new Outcome(match, Optional.empty());
        }
    }

    private final Conversations conversations;
    private final Citations citations;
    private final InboundSettings settings;
    private final Channels channels;

    Threader(Conversations conversations, Citations citations, InboundSettings settings, Channels channels) {
        settings.check(channels);
        this.conversations = conversations;
        this.citations = citations;
        this.settings = settings;
        this.channels = channels;
    }

    /**
     * @param customerIsNew whether identity resolution created the customer for this message: a customer created a moment ago
     *                      has no conversation to join, so theirs is not looked for
     */
    Outcome find(InboundMessage message, UUID customerId, boolean customerIsNew) {
        Optional<Conversation> named = References.in(message.subject()).flatMap(conversations::findByReference);
        Optional<Conversation> cited = named.filter(c -> !mayJoin(c, message, customerId));
        if (named.isPresent() && cited.isEmpty()) {
            return Outcome.of(named.map(c -> new Match(c, "subject carries " + c.reference(), io.temas.shared.ReasonCode.of("thread.subject", c.reference()))));
        }
        List<String> headerIds = new ArrayList<>(message.threading().references());
        if (!headerIds.isEmpty()) {
            Optional<Match> byHeaders = conversations.findByHeaderIds(headerIds).map(c -> new Match(c, "reply headers", io.temas.shared.ReasonCode.of("thread.headers")));
            if (byHeaders.isPresent()) {
                return Outcome.of(byHeaders);
            }
        }
        if (cited.isPresent()) {
            return new Outcome(Optional.empty(), cited);
        }
        return Outcome.of(byContext(message, customerId, customerIsNew));
    }

    /** The conversation's own customer (as identity resolution found the sender) or someone already on it. */
    private boolean mayJoin(Conversation c, InboundMessage message, UUID customerId) {
        return c.customerId().equals(customerId) || citations.isParticipant(c.id(), message.sender().replyAddress());
    }

    private Optional<Match> byContext(InboundMessage message, UUID customerId, boolean customerIsNew) {
        if (message.threading().chatSession() != null) {
            Optional<Match> bySession = conversations.findByChatSession(message.threading().chatSession())
                    .map(c -> new Match(c, "chat session " + message.threading().chatSession(),
                            io.temas.shared.ReasonCode.of("thread.chatSession")));
            if (bySession.isPresent()) {
                return bySession;
            }
        }
        Duration window = settings.window(channels.of(message.channel()));
        if (!window.isZero() && !customerIsNew) {
            return conversations.findRecentActive(customerId, message.channel(), message.receivedAt().minus(window))
                    .map(c -> new Match(c, "customer's open " + message.channel().code() + " conversation within " + window,
                            io.temas.shared.ReasonCode.of("thread.recent", io.temas.shared.ReasonCode.key("channel." + message.channel().code()))));
        }
        return Optional.empty();
    }
}
