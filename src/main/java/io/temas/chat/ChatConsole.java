package io.temas.chat;

import java.util.Optional;
import java.util.UUID;

/** What the console does with the chat behind a conversation. */
public interface ChatConsole {

    /** The chat behind a conversation, empty when the conversation did not come from a chat. */
    Optional<ChatSummary> summary(UUID conversationId);

    /**
     * The chat as it stood when it was handed to a person, for the message that carries it (external id
     * {@code chat:<session>:handoff}); empty for any other message. The message itself keeps the transcript as
     * written in the visitor's language; the console says these lines in the agent's.
     */
    java.util.List<ChatLine> handOffLog(String externalId);

    /** Tells the customer an agent is typing (not stored; dropped when the chat is over). */
    void agentTyping(UUID conversationId, String agentName);

    /**
     * Ends the chat: the customer is told, offered the rating and the transcript.
     *
     * @throws io.temas.shared.NotFound when the conversation has no chat
     */
    void end(UUID conversationId, String agentName);

    /** Offers the customer of this live chat a callback at a time they choose; nothing when the chat is over. */
    void offerCallback(UUID conversationId, String agentName);
}
