package io.temas.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * When a team works: opening intervals per weekday in a time zone, minus holidays. A calendar
 * with no intervals at all is open around the clock.
 */
public record BusinessHours(UUID id, String name, ZoneId zone, Map<DayOfWeek, List<Interval>> schedule, Set<LocalDate> holidays) {

    private static final int HORIZON_DAYS = 800;

    /** One opening interval within a day; {@code end} of 00:00 means midnight at the day's end. */
    public record Interval(LocalTime start, LocalTime end) {

        Duration length() {
            return end.equals(LocalTime.MIDNIGHT) ? Duration.between(start, LocalTime.MAX).plusNanos(1) : Duration.between(start, end);
        }
    }

    public BusinessHours {
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        schedule.forEach((day, intervals) -> copy.put(day, List.copyOf(intervals)));
        schedule = Map.copyOf(copy);
        holidays = Set.copyOf(holidays);
    }

    public static BusinessHours alwaysOpen(ZoneId zone) {
        return new BusinessHours(null, "24/7", zone, Map.of(), Set.of());
    }

    public boolean isAlwaysOpen() {
        return schedule.values().stream().allMatch(List::isEmpty);
    }

    public boolean isOpen(Instant at) {
        if (isAlwaysOpen()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (Interval interval : schedule.getOrDefault(local.getDayOfWeek(), List.of())) {
            boolean afterStart = !time.isBefore(interval.start());
            boolean beforeEnd = interval.end().equals(LocalTime.MIDNIGHT) || time.isBefore(interval.end());
            if (afterStart && beforeEnd) {
                return true;
            }
        }
        return false;
    }

    /** The instant when {@code work} of business time has passed after {@code start}. */
    public Instant plusBusinessTime(Instant start, Duration work) {
        if (isAlwaysOpen() || work.isZero() || work.isNegative()) {
            return start.plus(work.isNegative() ? Duration.ZERO : work);
        }
        Duration left = work;
        ZonedDateTime cursor = start.atZone(zone);
        LocalDate day = cursor.toLocalDate();
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (Interval interval : schedule.getOrDefault(day.getDayOfWeek(), List.of())) {
                ZonedDateTime open = day.atTime(interval.start()).atZone(zone);
                ZonedDateTime close = interval.end().equals(LocalTime.MIDNIGHT)
                        ? day.plusDays(1).atStartOfDay(zone) : day.atTime(interval.end()).atZone(zone);
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
        throw new IllegalStateException("business hours '" + name + "' have no opening in " + HORIZON_DAYS + " days");
    }

    /** The next instant at or after {@code at} when the team is working. */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        return plusBusinessTime(at, Duration.ofNanos(1)).minusNanos(1);
    }
}
