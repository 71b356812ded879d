package io.temas.channels;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Times that providers write into their payloads (epoch seconds or milliseconds). They are the
 * sender's word only: a time in the future is taken as now (a customer's clock, or a forged
 * payload, must not keep a messaging window open for good), and a value no calendar holds is bad
 * input for that event rather than an error of ours.
 */
public final class PayloadTimes {

    /** The last second the database and the screens can show (the end of year 9999). */
    static final long LATEST_SECOND = 253_402_300_799L;

    /** A time in a payload that is not one. */
    public static final class Unreadable extends Exception {

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private PayloadTimes() {
    }

    /** Epoch seconds, as a number or a string of digits; empty when absent. */
    public static Optional<Instant> seconds(JsonNode node, String field, Clock clock) throws Unreadable {
        return read(node, field, clock, 1);
    }

    /** Epoch milliseconds, as a number or a string of digits; empty when absent. */
    public static Optional<Instant> millis(JsonNode node, String field, Clock clock) throws Unreadable {
        return read(node, field, clock, 1000);
    }

    /** The earlier of {@code at} and now. */
    public static Instant notAfterNow(Instant at, Clock clock) {
        Instant now = clock.instant();
        return at.isAfter(now) ? now : at;
    }

    private static Optional<Instant> read(JsonNode node, String field, Clock clock, long perSecond) throws Unreadable {
        if (node == null || node.isMissingNode() || node.isNull() || node.isString() && node.asString("").isBlank()) {
            return Optional.empty();
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isString() && node.asString("").strip().matches("\\d{1,18}")) {
            value = Long.parseLong(node.asString("").strip());
        } else {
            throw new Unreadable(field + " is not a time (epoch " + (perSecond == 1 ? "seconds" : "milliseconds") + ")");
        }
        if (value < 0 || value / perSecond > LATEST_SECOND) {
            throw new Unreadable(field + " is out of range: " + value);
        }
        Instant at = perSecond == 1 ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        return Optional.of(notAfterNow(at, clock));
    }
}
