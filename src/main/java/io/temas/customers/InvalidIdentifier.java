package io.temas.customers;

import io.temas.shared.InvalidInput;

/** An identifier that cannot be normalised (a phone number that is no phone number, say). */
public class InvalidIdentifier extends InvalidInput {

    public InvalidIdentifier(String message) {
        super(message);
    }
}
