package io.temas.knowledge;

/** A slug is taken, or a translation group already has an article in that language. */
public class KnowledgeConflict extends RuntimeException {

    public KnowledgeConflict(String message) {
        super(message);
    }
}
