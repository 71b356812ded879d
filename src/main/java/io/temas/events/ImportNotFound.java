package io.temas.events;

import io.temas.shared.NotFound;
import java.util.UUID;

/** No import has this id. */
public class ImportNotFound extends NotFound {

    public ImportNotFound(UUID id) {
        super("No import " + id);
    }
}
