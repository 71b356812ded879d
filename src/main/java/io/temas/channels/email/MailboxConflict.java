package io.temas.channels.email;

import io.temas.shared.Conflict;

/** A mailbox for that address exists already. */
public class MailboxConflict extends Conflict {

    public MailboxConflict(String message) {
        super(message);
    }
}
