package io.temas.chat;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The chat sessions: started by the widget, carried by the bot, handed to agents, ended. */
@Service
class ChatSessions implements ChatConsole {

    @Override
    public Optional<ChatSummary> summary(UUID conversationId) {
        return Optional.empty();
    }

    @Override
    public void agentTyping(UUID conversationId, String agentName) {
    }

    @Override
    public void end(UUID conversationId, String agentName) {
        throw new io.temas.shared.NotFound("no chat behind conversation " + conversationId);
    }
}
