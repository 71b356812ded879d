package io.temas.channels.email;

import io.temas.shared.NotFound;

/** No mailbox has the given id. */
public class MailboxNotFound extends NotFound {

    public MailboxNotFound(String message) {
        super(message);
    }
}
