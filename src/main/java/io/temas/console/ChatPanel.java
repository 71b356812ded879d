package io.temas.console;

import io.temas.chat.ChatConsole;
import io.temas.chat.ChatSummary;
import io.temas.conversations.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the conversation screen shows of the live chat behind a conversation, read by its fragment
 * ({@code @chatPanel.of(c)}): null when the conversation did not come from a chat, so the panel is
 * left out. A chat that cannot be read costs the panel, not the page.
 */
@Component("chatPanel")
class ChatPanel {

    private static final Logger log = LoggerFactory.getLogger(ChatPanel.class);

    private final ChatConsole chats;

    ChatPanel(ChatConsole chats) {
        this.chats = chats;
    }

    public ChatSummary of(Conversation c) {
        try {
            return chats.summary(c.id()).orElse(null);
        } catch (RuntimeException e) {
            log.warn("Could not read the chat behind conversation {}: {}", c.id(), e.toString());
            return null;
        }
    }
}
