package io.temas.shared;

/** The request clashes with the current state: a name already taken, a change someone else made first. */
public non-sealed class Conflict extends Refusal {

    public Conflict(String message) {
        super(message);
    }
}
