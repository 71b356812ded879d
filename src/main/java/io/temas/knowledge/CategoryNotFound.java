package io.temas.knowledge;

import io.temas.shared.NotFound;

/** No category has the given id or slug. */
public class CategoryNotFound extends NotFound {

    public CategoryNotFound(String what) {
        super("no category " + what);
    }
}
