package io.temas.chat;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.shared.ReasonCode;
import io.temas.channels.SendResult;
import io.temas.conversations.Conversations;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Agents' replies on a chat: written to the chat's log as messages from the agent, which every
 * node's streams carry to the visitor. A chat that has ended takes nothing: the reply is shown
 * not sent, with the reason, and the console offers the customer's other addresses.
 */
@Component
class ChatTransport implements OutboundTransport {

    private final org.springframework.beans.factory.ObjectProvider<ChatSessions> sessions;
    private final Conversations conversations;
    private final Agents agents;

    ChatTransport(org.springframework.beans.factory.ObjectProvider<ChatSessions> sessions, Conversations conversations, Agents agents) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.agents = agents;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.CHAT;
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (message.conversationId() == null) {
            return new SendResult.PermanentFailure("a chat message needs its conversation");
        }
        Optional<ChatEvent> stored = sessions.getObject().agentMessage(message.conversationId(), message.messageId(), message.body(),
                author(message));
        return stored.<SendResult>map(e -> new SendResult.Sent("chat:" + message.conversationId() + ":" + e.id()))
                .orElseGet(() -> new SendResult.NotSent("no way to reach the customer on chat: the chat has ended or was never open",
                        ReasonCode.of("delivery.unreachable", ReasonCode.key("channel.chat"))));
    }

    /**
     * Who the visitor sees writing: an agent's reply (by the console or the API) is from the agent,
     * with the agent's display name when a console user wrote it; an automatic message (the
     * acknowledgement) is from the system.
     */
    private ChatSessions.Author author(OutboundMessage message) {
        // What Temas writes by itself (an acknowledgement, a notice) names its kind; only a reply has an author to look up.
        String kind = message.headers().get("X-Temas-Kind");
        if (message.messageId() == null || kind != null && !"reply".equals(kind)) {
            return ChatSessions.Author.SYSTEM;
        }
        return conversations.message(message.messageId()).filter(m -> "message".equals(m.kind()))
                .map(m -> new ChatSessions.Author("agent", m.author() == null ? null
                        : agents.findByUsername(m.author()).map(a -> a.displayName()).orElse(null)))
                .orElse(ChatSessions.Author.SYSTEM);
    }
}
