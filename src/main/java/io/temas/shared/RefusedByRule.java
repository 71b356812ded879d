package io.temas.shared;

/** The request is well-formed but a business rule forbids it (merging a customer into itself, say). */
public non-sealed class RefusedByRule extends Refusal {

    public RefusedByRule(String message) {
        super(message);
    }
}
