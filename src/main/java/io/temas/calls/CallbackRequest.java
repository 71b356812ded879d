package io.temas.calls;

import io.temas.shared.Language;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's wish to be called back.
 *
 * @param phone          the number to call; it is the customer's (the customer is found or created from it)
 * @param slot           the start of one of the offered slots
 * @param entryPoint     the number the callback is for (its queue, business hours and capacity); null: the default one
 * @param note           what the customer wants to talk about, or null
 * @param language       the language to confirm in, or null for the customer's own (else Turkish)
 * @param source         where it was booked
 * @param customerId     the customer when already known (a chat, an agent), or null
 * @param conversationId the conversation it continues, or null
 * @param email          an address to confirm to when no SMS can be sent, or null
 */
public record CallbackRequest(String phone, Instant slot, String entryPoint, String note, Language language, CallbackSource source,
                              UUID customerId, UUID conversationId, String email) {

    public CallbackRequest(String phone, Instant slot, String entryPoint, String note, Language language, CallbackSource source,
                           UUID customerId, UUID conversationId) {
        this(phone, slot, entryPoint, note, language, source, customerId, conversationId, null);
    }
}
