package io.temas.chat;

import io.temas.channels.SessionReach;
import io.temas.shared.ChannelType;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** A chat conversation can be written to while its chat session is open; after the visitor leaves, the console offers other ways. */
@Component
class ChatReach implements SessionReach {

    private final ObjectProvider<ChatSessions> sessions;

    ChatReach(ObjectProvider<ChatSessions> sessions) {
        this.sessions = sessions;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.CHAT;
    }

    @Override
    public boolean open(UUID conversationId) {
        return !sessions.getObject().closedFor(conversationId);
    }
}
