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

    /**
     * The chat lines of a hand-off message, for the thread to label and date in the agent's language; empty for
     * any other message (and when the chat cannot be read: the message's own text is shown then).
     */
    public java.util.List<io.temas.chat.ChatLine> handOff(io.temas.conversations.Message m) {
        if (m == null || !"chat".equals(m.channel().code())) {
            return java.util.List.of();
        }
        try {
            return chats.handOffLog(m.externalId());
        } catch (RuntimeException e) {
            log.warn("Could not read the chat behind message {}: {}", m.id(), e.toString());
            return java.util.List.of();
        }
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
