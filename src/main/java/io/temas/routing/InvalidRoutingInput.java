package io.temas.routing;

import io.temas.shared.InvalidInput;

/**
 * Routing configuration as written that cannot be taken, naming the field: {@code name},
 * {@code address}, {@code queue}, {@code channel}, {@code language}, {@code priority},
 * {@code presence}, {@code capacity}, {@code email} or {@code calendar}.
 */
public class InvalidRoutingInput extends InvalidInput {

    public InvalidRoutingInput(String field, String message) {
        super(field, message);
    }
}
