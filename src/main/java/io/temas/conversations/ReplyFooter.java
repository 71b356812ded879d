package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/**
 * Text a module adds under an agent's reply as it is sent (a "was this helpful?" link), never
 * under the reply as stored and shown to agents. Asked in the reply's transaction, once the
 * message has its id.
 */
public interface ReplyFooter {

    /** The text to add under the reply sent on {@code channel}; empty for none. */
    String footer(Conversation conversation, ChannelType channel, UUID messageId);
}
