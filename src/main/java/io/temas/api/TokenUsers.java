package io.temas.api;

import io.temas.conversations.QueueAccess;
import java.util.Optional;

/**
 * The console users an API token may act for. The console owns them and provides this; a token
 * bound to a user sees only the conversations that user may see.
 */
public interface TokenUsers {

    /** What the user may see now; empty when there is no such user or they are disabled (their tokens then stop working). */
    Optional<QueueAccess> access(String username);
}
