package io.temas.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One try at a delivery, for the delivery log.
 *
 * @param httpStatus     the receiver's status, null when no answer came
 * @param errorCode      why it failed ({@code http}, {@code timeout}, {@code connection}, {@code refused-address},
 *                       {@code io}), null when it succeeded
 * @param error          the failure in English as the HTTP client said it, null when it succeeded
 * @param deliveryStatus where the delivery stands now: {@code pending}, {@code delivered} or {@code failed}
 */
public record DeliveryAttempt(UUID deliveryId, String eventType, int attempt, Instant at, Integer httpStatus, int latencyMs,
                              String errorCode, String error, String deliveryStatus) {

    public boolean succeeded() {
        return errorCode == null;
    }
}
