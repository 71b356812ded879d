package io.temas.api;

import io.temas.shared.InvalidInput;
import java.util.UUID;

/** A request body that could not be read at all; when inbound, its bytes are in the quarantine. */
class MalformedRequest extends InvalidInput {

    private final UUID quarantineId;

    MalformedRequest(String message, UUID quarantineId) {
        super(message);
        this.quarantineId = quarantineId;
    }

    UUID quarantineId() {
        return quarantineId;
    }
}
