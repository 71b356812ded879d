package io.temas.inbound;

import io.temas.channels.Channels;
import io.temas.channels.InboundMessage;
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
 */
@Component
class Threader {

    /** The conversation found, and how. */
    record Match(Conversation conversation, String how) {
    }

    private final Conversations conversations;
    private final InboundSettings settings;
    private final Channels channels;

    Threader(Conversations conversations, InboundSettings settings, Channels channels) {
        settings.check(channels);
        this.conversations = conversations;
        this.settings = settings;
        this.channels = channels;
    }

    Optional<Match> find(InboundMessage message, UUID customerId) {
        Optional<Match> byReference = References.in(message.subject())
                .flatMap(conversations::findByReference)
                .map(c -> new Match(c, "subject carries " + c.reference()));
        if (byReference.isPresent()) {
            return byReference;
        }
        List<String> headerIds = new ArrayList<>(message.threading().references());
        if (!headerIds.isEmpty()) {
            Optional<Match> byHeaders = conversations.findByHeaderIds(headerIds).map(c -> new Match(c, "reply headers"));
            if (byHeaders.isPresent()) {
                return byHeaders;
            }
        }
        if (message.threading().chatSession() != null) {
            Optional<Match> bySession = conversations.findByChatSession(message.threading().chatSession())
                    .map(c -> new Match(c, "chat session " + message.threading().chatSession()));
            if (bySession.isPresent()) {
                return bySession;
            }
        }
        Duration window = settings.window(channels.of(message.channel()));
        if (!window.isZero()) {
            return conversations.findRecentActive(customerId, message.channel(), message.receivedAt().minus(window))
                    .map(c -> new Match(c, "customer's open " + message.channel().code() + " conversation within " + window));
        }
        return Optional.empty();
    }
}
