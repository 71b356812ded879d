package io.temas.customers;

import io.temas.shared.NotFound;

/** No merge has the given id. */
public class MergeNotFound extends NotFound {

    public MergeNotFound(Object id) {
        super("No merge with id " + id);
    }
}
