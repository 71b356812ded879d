package io.temas.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Business time added the plain way, day by day and interval by interval, as
 * {@link BusinessHours#plusBusinessTime} did before it took whole weeks at once: the answer the
 * tests hold it to, and the cost the benchmarks compare it with.
 */
final class BusinessTimeWalk {

    private BusinessTimeWalk() {
    }

    /** The instant {@code work} of business time after {@code start}, or null when 800 days do not hold it. */
    static Instant walked(BusinessHours hours, Instant start, Duration work) {
        Duration left = work;
        ZonedDateTime cursor = start.atZone(hours.zone());
        LocalDate day = cursor.toLocalDate();
        for (int i = 0; i < 800; i++, day = day.plusDays(1)) {
            if (hours.holidays().contains(day)) {
                continue;
            }
            for (BusinessHours.Interval interval : hours.schedule().getOrDefault(day.getDayOfWeek(), List.of())) {
                ZonedDateTime open = day.atTime(interval.start()).atZone(hours.zone());
                ZonedDateTime close = interval.end().equals(LocalTime.MIDNIGHT)
                        ? day.plusDays(1).atStartOfDay(hours.zone()) : day.atTime(interval.end()).atZone(hours.zone());
                ZonedDateTime from = cursor.isAfter(open) ? cursor : open;
                if (!from.isBefore(close)) {
                    continue;
                }
                Duration available = Duration.between(from, close);
                if (available.compareTo(left) >= 0) {
                    return from.plus(left).toInstant();
                }
                left = left.minus(available);
            }
        }
        return null;
    }
}
