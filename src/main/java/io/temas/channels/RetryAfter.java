package io.temas.channels;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A provider's {@code Retry-After} (RFC 9110): a number of seconds, or the HTTP date from which to try again. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the header asks for, or null when there is none, it is malformed, or its time has passed. */
    public static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More than a year of seconds is no answer a provider means; the dispatcher caps what it waits anyway.
            return value.length() > 8 ? null : positive(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            return positive(Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration positive(Duration wait) {
        return wait.isNegative() || wait.isZero() ? null : wait;
    }
}
