package io.temas.conversations;

import java.util.UUID;

/**
 * Something an agent sees changed in a conversation: a message or note was added, the status,
 * priority, tags or queue changed, or another conversation was merged into it. Screens refresh on it.
 * A conversation's opening is told by its own events ({@link ConversationOpened}, {@link ConversationRouted},
 * {@link ConversationAssigned}), which screens refresh on too; no change notice repeats them.
 */
public record ConversationChanged(UUID conversationId, String what) {
}
