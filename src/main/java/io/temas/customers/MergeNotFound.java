package io.temas.customers;

/** No merge has the given id. */
public class MergeNotFound extends RuntimeException {

    public MergeNotFound(Object id) {
        super("No merge with id " + id);
    }
}
