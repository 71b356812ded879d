package io.temas.knowledge;

import io.temas.shared.Conflict;

/**
 * An author saved over a version of the article that is no longer the current one: somebody else
 * saved in between. Nothing is written; the author reloads, sees the other change and saves again.
 */
public class StaleArticle extends Conflict {

    private final int current;

    public StaleArticle(java.util.UUID id, int expected, int current) {
        super("article " + id + " is at version " + current + ", not " + expected + ": somebody saved it in between");
        this.current = current;
    }

    /** The version the article is at now. */
    public int current() {
        return current;
    }
}
