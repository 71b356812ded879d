package io.temas.calls;

import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Refusal;
import io.temas.shared.TextInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Callbacks the phone menu books for a caller: the request is stored raw first, then booked for the
 * slot asked for or the next one offered, and the request remembers what became of it. A request
 * repeated with the same {@code callId} answers the callback booked the first time.
 */
@Component
class IvrCallbacks {

    /** What the phone menu asked for: the caller, the number called, the slot (null: the next offered) and its own id. */
    record Request(String from, String to, Instant slot, String callId, String contentType, byte[] raw) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final Callbacks callbacks;

    IvrCallbacks(JdbcClient jdbc, Ids ids, Clock clock, Callbacks callbacks) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.callbacks = callbacks;
    }

    /**
     * Books the callback.
     *
     * @return the callback, and whether it had been booked by an earlier delivery of the same request
     * @throws SlotNotOffered when the slot is not offered or none is left
     * @throws InvalidInput   when the caller's number or the entry point is unusable
     */
    CtiWebhooks.Booked book(Request request) {
        String callId = TextInput.check("callId", request.callId(), false);
        if (callId != null) {
            Optional<UUID> earlier = jdbc.sql("select callback_id from callback_requests where external_id = ? and callback_id is not null")
                    .param(callId).query(UUID.class).optional();
            if (earlier.isPresent()) {
                return new CtiWebhooks.Booked(callbacks.get(earlier.get()), true);
            }
        }
        UUID id = ids.next();
        jdbc.sql("""
                        insert into callback_requests (id, external_id, received_at, content_type, raw) values (?, ?, ?, ?, ?)
                        on conflict (external_id) do update set received_at = excluded.received_at, raw = excluded.raw""")
                .params(id, callId, Timestamp.from(clock.instant()), request.contentType(), request.raw()).update();
        UUID stored = callId == null ? id : jdbc.sql("select id from callback_requests where external_id = ?").param(callId)
                .query(UUID.class).single();
        try {
            Instant slot = request.slot() != null ? request.slot()
                    : callbacks.nextSlot(request.to()).map(CallbackSlot::start)
                            .orElseThrow(() -> new SlotNotOffered("no callback slot is free within the booking horizon"));
            Callback callback = callbacks.book(new CallbackRequest(request.from(), slot, request.to(), null, null, CallbackSource.IVR,
                    null, null));
            jdbc.sql("update callback_requests set callback_id = ?, refusal = null where id = ?").params(callback.id(), stored).update();
            return new CtiWebhooks.Booked(callback, false);
        } catch (Refusal e) {
            jdbc.sql("update callback_requests set refusal = ? where id = ?").params(TextInput.forLog(e.getMessage()), stored).update();
            throw e;
        }
    }
}
