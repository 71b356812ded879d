package io.temas.channels;

import java.util.UUID;

/** A message the pipeline could not take; its raw payload is in the quarantine under {@code quarantineId}. */
public class InboundRejected extends RuntimeException {

    private final UUID quarantineId;
    private final boolean badInput;

    public InboundRejected(String reason, UUID quarantineId, boolean badInput, Throwable cause) {
        super(reason, cause);
        this.quarantineId = quarantineId;
        this.badInput = badInput;
    }

    public UUID quarantineId() {
        return quarantineId;
    }

    /** True when the input broke a rule (the sender can fix it); false for a fault of ours. */
    public boolean badInput() {
        return badInput;
    }
}
