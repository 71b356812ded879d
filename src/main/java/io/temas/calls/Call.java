package io.temas.calls;

import java.time.Instant;
import java.util.UUID;

/**
 * A call as Temas keeps it: who called which number, the customer and the voice conversation it
 * belongs to, which agent took it, how it ended, and the agent's wrap-up.
 *
 * @param direction     {@code inbound} or {@code outbound} (click-to-call, callbacks, the dialer)
 * @param caller        the customer's number
 * @param entryPoint    the number dialled (inbound) or shown as caller id (outbound)
 * @param state         {@code dialing}, {@code ringing}, {@code answered}, {@code ended} or {@code failed}
 * @param outcome       the agent's wrap-up outcome, once wrapped up
 */
public record Call(UUID id, String provider, String externalId, String direction, String caller, String entryPoint,
                   UUID customerId, UUID conversationId, String extension, UUID agentId, String state, Instant startedAt,
                   Instant answeredAt, Instant endedAt, Integer durationSeconds, String cause, String recordingUrl,
                   String outcome, String notes, Instant wrappedAt, UUID callbackId, UUID callListEntryId) {

    /** Whether the agent still owes a wrap-up: the call was answered and is not yet wrapped up. */
    public boolean awaitingWrapUp() {
        return answeredAt != null && wrappedAt == null && !"failed".equals(state);
    }

    public boolean ended() {
        return "ended".equals(state) || "failed".equals(state);
    }
}
