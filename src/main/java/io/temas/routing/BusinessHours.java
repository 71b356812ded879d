package io.temas.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * When a team works: opening intervals per weekday in a time zone, minus holidays. A calendar
 * with no intervals at all is open around the clock.
 */
public record BusinessHours(UUID id, String name, ZoneId zone, Map<DayOfWeek, List<Interval>> schedule, Set<LocalDate> holidays) {

    private static final int HORIZON_DAYS = 800;
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);

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
        // Kept in order: adding business time asks for the first holiday on or after a day (plainWeek).
        holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(holidays));
    }

    public static BusinessHours alwaysOpen(ZoneId zone) {
        return new BusinessHours(null, "24/7", zone, Map.of(), Set.of());
    }

    public boolean isAlwaysOpen() {
        for (List<Interval> intervals : schedule.values()) {
            if (!intervals.isEmpty()) {
                return false;
            }
        }
        return true;
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
        Duration week = null;
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            // Past the first day the walk stands at a day's start: a whole week that ends before the work does is
            // taken at once (a long queue's estimate reaches months ahead), unless a holiday or a change of the zone's
            // offset makes that week differ from the schedule's. Less than a day of work left is walked.
            if (i > 0 && left.compareTo(DAY) > 0) {
                if (week == null) {
                    week = weekLength();
                }
                while (left.compareTo(week) > 0 && i + 7 < HORIZON_DAYS && plainWeek(day)) {
                    left = left.minus(week);
                    day = day.plusDays(7);
                    i += 7;
                }
            }
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

    /** The business time of a week as the schedule gives it: no holiday, no change of the zone's offset. */
    private Duration weekLength() {
        long nanos = 0;
        for (List<Interval> intervals : schedule.values()) {
            for (Interval interval : intervals) {
                long end = interval.end().equals(LocalTime.MIDNIGHT) ? LocalTime.MAX.toNanoOfDay() + 1 : interval.end().toNanoOfDay();
                // An interval that ends before it starts opens nothing, in the walk as here.
                nanos += Math.max(0, end - interval.start().toNanoOfDay());
            }
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * Whether the seven days from {@code day} hold no holiday and the zone keeps one offset through them; without a
     * change of offset the week is exactly seven times 24 hours long.
     */
    private boolean plainWeek(LocalDate day) {
        LocalDate holiday = ((NavigableSet<LocalDate>) holidays).ceiling(day);
        if (holiday != null && holiday.toEpochDay() < day.toEpochDay() + 7) {
            return false;
        }
        Instant weekStart = day.atStartOfDay(zone).toInstant();
        ZoneOffsetTransition change = zone.getRules().nextTransition(weekStart);
        return change == null || !change.getInstant().isBefore(weekStart.plus(WEEK));
    }

    /** The next instant at or after {@code at} when the team is working. */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        return plusBusinessTime(at, Duration.ofNanos(1)).minusNanos(1);
    }
}
