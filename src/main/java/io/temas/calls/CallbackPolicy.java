package io.temas.calls;

import io.temas.shared.InvalidInput;
import java.time.Duration;

/**
 * How callbacks are booked and worked, as an administrator set it: slot length, lead time and
 * booking horizon, the capacity forecast's assumptions, how long an offer waits for an agent, and
 * the retry policy for customers who do not answer.
 *
 * @param averageMinutes       average length of a callback, in minutes (capacity forecast)
 * @param sharePercent         the share of agents' time in a slot given to callbacks (capacity forecast)
 * @param offerTimeoutSeconds  how long an offered callback waits for its agent before the next one is asked
 * @param attempts             calls made before an unanswered callback fails (at least 1)
 * @param retryIntervalMinutes time between an unanswered attempt and the next
 */
public record CallbackPolicy(int slotMinutes, int leadMinutes, int daysAhead, int averageMinutes, int sharePercent,
                             int offerTimeoutSeconds, int attempts, int retryIntervalMinutes) {

    public CallbackPolicy {
        range("slotMinutes", slotMinutes, 5, 240);
        range("leadMinutes", leadMinutes, 0, 7 * 24 * 60);
        range("daysAhead", daysAhead, 0, 90);
        range("averageMinutes", averageMinutes, 1, 240);
        range("sharePercent", sharePercent, 0, 100);
        range("offerTimeoutSeconds", offerTimeoutSeconds, 10, 3600);
        range("attempts", attempts, 1, 10);
        range("retryIntervalMinutes", retryIntervalMinutes, 1, 7 * 24 * 60);
    }

    static CallbackPolicy of(CallbackSettings s) {
        return new CallbackPolicy((int) s.slotLength().toMinutes(), (int) s.leadTime().toMinutes(), s.daysAhead(),
                (int) Math.max(1, s.averageCallback().toMinutes()), s.callbackShare(), (int) s.offerTimeout().toSeconds(), s.attempts(),
                (int) s.retryInterval().toMinutes());
    }

    public Duration slotLength() {
        return Duration.ofMinutes(slotMinutes);
    }

    public Duration leadTime() {
        return Duration.ofMinutes(leadMinutes);
    }

    public Duration offerTimeout() {
        return Duration.ofSeconds(offerTimeoutSeconds);
    }

    public Duration retryInterval() {
        return Duration.ofMinutes(retryIntervalMinutes);
    }

    /** The forecast default: agents × slot minutes ÷ average callback minutes × share, rounded down. */
    public int forecastCapacity(int agents) {
        return (int) Math.floor(agents * (double) slotMinutes / averageMinutes * sharePercent / 100.0);
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInput(field, field + " is " + min + " to " + max);
        }
    }
}
