package io.temas.shared;

/**
 * A request Temas turns down because of what was asked, not because of a fault of its own. Each
 * adapter answers the four kinds once (the API as 404, 409, 422 and 400 problem details, the
 * console and the portal as a page in the user's language); any other exception that reaches an
 * adapter is a bug and is answered as one. Module exceptions extend the kind they are.
 */
public abstract sealed class Refusal extends RuntimeException permits NotFound, Conflict, RefusedByRule, InvalidInput {

    protected Refusal(String message) {
        super(message);
    }

    protected Refusal(String message, Throwable cause) {
        super(message, cause);
    }
}
