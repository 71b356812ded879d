package io.temas.knowledge;

import io.temas.shared.Conflict;

/** A slug is taken, or a translation group already has an article in that language. */
public class KnowledgeConflict extends Conflict {

    public KnowledgeConflict(String message) {
        super(message);
    }
}
