package io.temas.conversations;

import io.temas.shared.NotFound;

/** No conversation has the given id. */
public class ConversationNotFound extends NotFound {

    public ConversationNotFound(Object id) {
        super("No conversation with id " + id);
    }
}
