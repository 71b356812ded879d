package io.temas.shared;

/** The request names something that does not exist (or no longer does). */
public non-sealed class NotFound extends Refusal {

    public NotFound(String message) {
        super(message);
    }
}
