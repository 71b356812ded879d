package io.temas.chat;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The console's door to the chats behind its conversations. */
@Service
class ChatAgentSide implements ChatConsole {

    private final ChatSessions sessions;

    ChatAgentSide(ChatSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<ChatSummary> summary(UUID conversationId) {
        return sessions.summary(conversationId);
    }

    @Override
    public void agentTyping(UUID conversationId, String agentName) {
        sessions.agentTyping(conversationId, agentName);
    }

    @Override
    public void end(UUID conversationId, String agentName) {
        sessions.end(conversationId, agentName);
    }

    @Override
    public void offerCallback(UUID conversationId, String agentName) {
        sessions.offerCallback(conversationId, agentName);
    }
}
