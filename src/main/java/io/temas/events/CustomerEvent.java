package io.temas.events;

import io.temas.customers.CustomerId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event from another system, as stored: {@code attributes} holds strings, numbers and booleans only. */
public record CustomerEvent(UUID id, CustomerId customerId, String type, Instant occurredAt, String sourceId,
                            Map<String, Object> attributes, Instant receivedAt) {

    /** Where it happened (a branch, an ATM, a store), when the sending system said so. */
    public String place() {
        return EventTypes.place(attributes);
    }

    /** The amount with its currency, when the sending system gave one. */
    public String amount() {
        return EventTypes.amount(attributes);
    }

    /** What came of it (refused, declined), when the sending system said so. */
    public String outcome() {
        return EventTypes.outcome(attributes);
    }
}
