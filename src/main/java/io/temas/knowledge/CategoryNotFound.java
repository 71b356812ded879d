package io.temas.knowledge;

/** No category has the given id or slug. */
public class CategoryNotFound extends RuntimeException {

    public CategoryNotFound(String what) {
        super("no category " + what);
    }
}
