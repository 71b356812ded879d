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
    public java.util.List<ChatLine> handOffLog(String externalId) {
        if (externalId == null || !externalId.startsWith("chat:") || !externalId.endsWith(":handoff")) {
            return java.util.List.of();
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(externalId.substring("chat:".length(), externalId.length() - ":handoff".length()));
        } catch (IllegalArgumentException notASession) {
            return java.util.List.of();
        }
        return sessions.beforeHandOff(sessionId).stream()
                .filter(e -> e.text() != null || !e.articles().isEmpty())
                .map(e -> new ChatLine(e.from(), "agent".equals(e.from()) ? e.agent() : null, e.at(), e.text(),
                        e.articles().stream().map(ChatEvent.ArticleLink::title).toList()))
                .toList();
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
