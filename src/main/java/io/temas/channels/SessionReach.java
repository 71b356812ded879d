package io.temas.channels;

import io.temas.shared.ChannelType;
import java.util.UUID;

/**
 * For a channel whose customer is reached through a live session (a chat): whether a conversation's
 * session is still open to be written to. Such a channel sends for real, yet not on a conversation
 * whose visitor has left, and agents are told before they write, not after.
 */
public interface SessionReach {

    ChannelType channel();

    /** Whether a message on this channel can reach the conversation's customer now. */
    boolean open(UUID conversationId);
}
