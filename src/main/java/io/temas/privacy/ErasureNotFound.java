package io.temas.privacy;

import io.temas.shared.NotFound;

/** No erasure has the given id. */
public class ErasureNotFound extends NotFound {

    public ErasureNotFound(Object id) {
        super("No erasure with id " + id);
    }
}
