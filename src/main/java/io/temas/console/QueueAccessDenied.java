package io.temas.console;

import java.util.UUID;

/** The signed-in user may not see conversations of this one's queue. */
class QueueAccessDenied extends RuntimeException {

    QueueAccessDenied(UUID conversationId) {
        super("not permitted to see conversation " + conversationId);
    }
}
