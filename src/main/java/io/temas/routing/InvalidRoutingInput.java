package io.temas.routing;

/**
 * Routing configuration as written that cannot be taken, naming the field: {@code name},
 * {@code address}, {@code queue}, {@code channel}, {@code language}, {@code priority},
 * {@code presence}, {@code capacity}, {@code email} or {@code calendar}.
 */
public class InvalidRoutingInput extends IllegalArgumentException {

    private final String field;

    public InvalidRoutingInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
