package io.temas.conversations;

/** No conversation has the given id. */
public class ConversationNotFound extends RuntimeException {

    public ConversationNotFound(Object id) {
        super("No conversation with id " + id);
    }
}
