package io.temas.channels.email;

/** No mailbox has the given id. */
public class MailboxNotFound extends RuntimeException {

    public MailboxNotFound(String message) {
        super(message);
    }
}
