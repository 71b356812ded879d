package io.temas.customers;

import io.temas.shared.NotFound;

/** No merge candidate has the given id. */
public class MergeCandidateNotFound extends NotFound {

    public MergeCandidateNotFound(Object id) {
        super("No merge candidate with id " + id);
    }
}
