package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    /** 23 April 2026, a Thursday, is a public holiday in Türkiye. */
    private static final LocalDate HOLIDAY = LocalDate.of(2026, 4, 23);

    /** Weekdays 09:00–18:00, Saturdays 10:00–14:00, Sundays closed. */
    private final BusinessHours office = hours(Map.of(
            DayOfWeek.MONDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.TUESDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.WEDNESDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.THURSDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.FRIDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.SATURDAY, List.of(interval("10:00", "14:00"))), Set.of(HOLIDAY));

    private static BusinessHours hours(Map<DayOfWeek, List<BusinessHours.Interval>> schedule, Set<LocalDate> holidays) {
        return new BusinessHours(null, "test", ISTANBUL, schedule, holidays);
    }

    private static BusinessHours.Interval interval(String start, String end) {
        return new BusinessHours.Interval(LocalTime.parse(start), LocalTime.parse(end));
    }

    /** A local time in Istanbul, e.g. {@code 2026-04-20T09:00} (a Monday). */
    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ISTANBUL).toInstant();
    }

    @Test
    void isOpenWithinAWeekdayIntervalIncludingItsStartButNotItsEnd() {
        assertThat(office.isOpen(at("2026-04-20T08:59:59"))).isFalse();
        assertThat(office.isOpen(at("2026-04-20T09:00"))).isTrue();
        assertThat(office.isOpen(at("2026-04-20T17:59:59"))).isTrue();
        assertThat(office.isOpen(at("2026-04-20T18:00"))).isFalse();
    }

    @Test
    void readsTheIntervalsInTheCalendarsTimeZone() {
        assertThat(office.isOpen(Instant.parse("2026-04-20T06:30:00Z"))).isTrue(); // 09:30 in Istanbul
        assertThat(office.isOpen(Instant.parse("2026-04-20T15:30:00Z"))).isFalse(); // 18:30 in Istanbul
    }

    @Test
    void followsEachWeekdaysOwnIntervals() {
        assertThat(office.isOpen(at("2026-04-25T09:30"))).isFalse(); // Saturday
        assertThat(office.isOpen(at("2026-04-25T13:00"))).isTrue();
        assertThat(office.isOpen(at("2026-04-26T12:00"))).isFalse(); // Sunday
    }

    @Test
    void isClosedOnHolidays() {
        assertThat(office.isOpen(at("2026-04-23T12:00"))).isFalse();
        assertThat(office.isOpen(at("2026-04-24T12:00"))).isTrue();
    }

    @Test
    void treatsAnIntervalEndingAtMidnightAsOpenUntilTheDaysEnd() {
        BusinessHours evenings = hours(Map.of(DayOfWeek.MONDAY, List.of(interval("20:00", "00:00"))), Set.of());

        assertThat(evenings.isOpen(at("2026-04-20T23:59:59"))).isTrue();
        assertThat(evenings.isOpen(at("2026-04-21T00:00"))).isFalse();
        assertThat(evenings.plusBusinessTime(at("2026-04-20T23:00"), Duration.ofHours(2))).isEqualTo(at("2026-04-27T21:00"));
    }

    @Test
    void addsBusinessTimeWithinTheSameInterval() {
        assertThat(office.plusBusinessTime(at("2026-04-20T10:00"), Duration.ofMinutes(90))).isEqualTo(at("2026-04-20T11:30"));
    }

    @Test
    void carriesBusinessTimeOverTheEveningIntoTheNextMorning() {
        assertThat(office.plusBusinessTime(at("2026-04-20T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-04-21T10:00"));
    }

    @Test
    void startsCountingAtOpeningWhenStartedBeforeIt() {
        assertThat(office.plusBusinessTime(at("2026-04-20T07:00"), Duration.ofMinutes(30))).isEqualTo(at("2026-04-20T09:30"));
        assertThat(office.plusBusinessTime(at("2026-04-20T22:00"), Duration.ofMinutes(30))).isEqualTo(at("2026-04-21T09:30"));
    }

    @Test
    void skipsHolidaysWhenAddingBusinessTime() {
        assertThat(office.plusBusinessTime(at("2026-04-22T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-04-24T10:00"));
    }

    @Test
    void carriesBusinessTimeOverTheWeekend() {
        // Friday 17:00: one hour on Friday, four on Saturday, none on Sunday, one on Monday
        assertThat(office.plusBusinessTime(at("2026-04-24T17:00"), Duration.ofHours(6))).isEqualTo(at("2026-04-27T10:00"));
    }

    @Test
    void addsSeveralDaysOfBusinessTime() {
        assertThat(office.plusBusinessTime(at("2026-04-20T09:00"), Duration.ofHours(20))).isEqualTo(at("2026-04-22T11:00"));
    }

    @Test
    void skipsTheBreakBetweenTwoIntervalsOfADay() {
        BusinessHours withLunch = hours(Map.of(DayOfWeek.MONDAY, List.of(interval("09:00", "12:00"), interval("13:00", "18:00"))),
                Set.of());

        assertThat(withLunch.isOpen(at("2026-04-20T12:30"))).isFalse();
        assertThat(withLunch.plusBusinessTime(at("2026-04-20T11:30"), Duration.ofHours(1))).isEqualTo(at("2026-04-20T13:30"));
    }

    @Test
    void addsNothingForZeroOrNegativeWork() {
        Instant sunday = at("2026-04-26T12:00");

        assertThat(office.plusBusinessTime(sunday, Duration.ZERO)).isEqualTo(sunday);
        assertThat(office.plusBusinessTime(sunday, Duration.ofHours(-1))).isEqualTo(sunday);
    }

    @Test
    void alwaysOpenIsOpenAroundTheClockAndAddsWallClockTime() {
        BusinessHours always = BusinessHours.alwaysOpen(ISTANBUL);
        Instant sundayNight = at("2026-04-26T03:00");

        assertThat(always.isAlwaysOpen()).isTrue();
        assertThat(always.isOpen(sundayNight)).isTrue();
        assertThat(always.plusBusinessTime(sundayNight, Duration.ofHours(30))).isEqualTo(sundayNight.plus(Duration.ofHours(30)));
        assertThat(always.nextOpening(sundayNight)).isEqualTo(sundayNight);
    }

    @Test
    void aCalendarWithOnlyEmptyDaysIsAlwaysOpen() {
        BusinessHours empty = hours(new EnumMap<>(Map.of(DayOfWeek.MONDAY, List.of())), Set.of());

        assertThat(empty.isAlwaysOpen()).isTrue();
        assertThat(office.isAlwaysOpen()).isFalse();
    }

    @Test
    void nextOpeningIsNowWhenOpen() {
        assertThat(office.nextOpening(at("2026-04-20T10:15"))).isEqualTo(at("2026-04-20T10:15"));
    }

    @Test
    void nextOpeningIsTheNextIntervalStartWhenClosed() {
        assertThat(office.nextOpening(at("2026-04-20T18:00"))).isEqualTo(at("2026-04-21T09:00"));
        assertThat(office.nextOpening(at("2026-04-25T16:00"))).isEqualTo(at("2026-04-27T09:00")); // Saturday afternoon
        assertThat(office.nextOpening(at("2026-04-22T20:00"))).isEqualTo(at("2026-04-24T09:00")); // over the holiday
    }

    @Test
    void endsAtTheLastCloseWhenTheWorkIsExactlyAWeek() {
        // Sunday noon, closed; from Monday the 49 hours of an office week end at Saturday's close, not at the next opening.
        assertThat(office.plusBusinessTime(at("2026-04-26T12:00"), Duration.ofHours(49))).isEqualTo(at("2026-05-02T14:00"));
        assertThat(office.plusBusinessTime(at("2026-04-26T12:00"), Duration.ofHours(98))).isEqualTo(at("2026-05-09T14:00"));
    }

    @Test
    void takesWholeWeeksAtOnceWithTheDayByDayWalksAnswer() {
        // Zones with and without summer time (one moving by half an hour), holidays, intervals to midnight, lunch breaks,
        // an interval that ends before it starts, and work from a minute to a year and a half of office hours.
        List<ZoneId> zones = List.of(ISTANBUL, ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
                ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Baku"), ZoneId.of("UTC"));
        Random random = new Random(7);
        int compared = 0;
        int beyond = 0;
        for (int n = 0; n < 3_000; n++) {
            Map<DayOfWeek, List<BusinessHours.Interval>> schedule = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                List<BusinessHours.Interval> intervals = new ArrayList<>();
                int kind = random.nextInt(6);
                if (kind == 1 || kind == 2) {
                    intervals.add(interval(random.nextInt(4) + 6, random.nextInt(6) + 12));
                } else if (kind == 3) {
                    intervals.add(interval(random.nextInt(3) + 8, 12));
                    intervals.add(interval(13, random.nextInt(6) + 15));
                } else if (kind == 4) {
                    intervals.add(new BusinessHours.Interval(LocalTime.of(random.nextInt(20) + 2, 30), LocalTime.MIDNIGHT));
                } else if (kind == 5 && random.nextInt(10) == 0) {
                    intervals.add(interval(18, 9));
                }
                schedule.put(day, intervals);
            }
            LocalDate first = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(700));
            Set<LocalDate> holidays = new HashSet<>();
            for (int h = random.nextInt(12); h > 0; h--) {
                holidays.add(first.plusDays(random.nextInt(600)));
            }
            BusinessHours hours = new BusinessHours(null, "random", zones.get(random.nextInt(zones.size())), schedule, holidays);
            if (hours.isAlwaysOpen() || schedule.values().stream().flatMap(List::stream).noneMatch(i -> i.length().isPositive())) {
                continue;
            }
            Instant start = first.atStartOfDay(hours.zone()).toInstant().plusSeconds(random.nextInt(86_400 * 3));
            Duration work = Duration.ofSeconds(1 + (long) Math.pow(10, random.nextDouble() * 7.3));

            Instant walked = BusinessTimeWalk.walked(hours, start, work);
            if (walked == null) {
                // Work beyond the horizon of 800 days is refused either way.
                assertThatThrownBy(() -> hours.plusBusinessTime(start, work)).isInstanceOf(IllegalStateException.class);
                beyond++;
            } else {
                assertThat(hours.plusBusinessTime(start, work)).as("%s from %s plus %s", hours, start, work).isEqualTo(walked);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2_000);
        assertThat(beyond).isPositive();
    }

    private static BusinessHours.Interval interval(int startHour, int endHour) {
        return new BusinessHours.Interval(LocalTime.of(startHour, 0), LocalTime.of(endHour, 0));
    }
}
