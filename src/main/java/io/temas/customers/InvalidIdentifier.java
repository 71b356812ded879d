package io.temas.customers;

/** An identifier that cannot be normalised (a phone number that is no phone number, say). */
public class InvalidIdentifier extends RuntimeException {

    public InvalidIdentifier(String message) {
        super(message);
    }
}
