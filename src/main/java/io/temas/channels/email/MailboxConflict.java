package io.temas.channels.email;

/** A mailbox for that address exists already. */
public class MailboxConflict extends RuntimeException {

    public MailboxConflict(String message) {
        super(message);
    }
}
