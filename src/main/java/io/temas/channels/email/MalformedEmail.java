package io.temas.channels.email;

/** Bytes that cannot be read as an e-mail; the message says what is wrong. */
public class MalformedEmail extends RuntimeException {

    public MalformedEmail(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEmail(String message) {
        super(message);
    }
}
