package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the promised response time over a seeded range of inputs (the same cases on every
 * run): whatever the calendar, the rate, the promised share and the moment, more work ahead never
 * promises an earlier time, and no promise falls before the team next works.
 */
class EtaPromiseTests {

    private static final long SEED = 20_260_422L;
    private static final int SCENARIOS = 60;
    private static final int MOST_AHEAD = 240;
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long YEAR_SECONDS = 366L * 24 * 3600;

    /** Weekdays 09:00–18:00, Saturdays 10:00–14:00, with a one-day and a four-day holiday. */
    private static final BusinessHours OFFICE = new BusinessHours(null, "office", ZoneId.of("Europe/Istanbul"), Map.of(
            DayOfWeek.MONDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.TUESDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.WEDNESDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.THURSDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.FRIDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.SATURDAY, List.of(interval("10:00", "14:00"))),
            Set.of(LocalDate.of(2026, 4, 23), LocalDate.of(2026, 5, 27), LocalDate.of(2026, 5, 28), LocalDate.of(2026, 5, 29),
                    LocalDate.of(2026, 5, 30)));

    /** Two short shifts a day, the second running to midnight, in a zone half an hour off the hour. */
    private static final BusinessHours SHIFTS = new BusinessHours(null, "shifts", ZoneId.of("Asia/Kolkata"), Map.of(
            DayOfWeek.MONDAY, List.of(interval("08:30", "11:45"), interval("19:00", "00:00")),
            DayOfWeek.WEDNESDAY, List.of(interval("08:30", "11:45"), interval("19:00", "00:00")),
            DayOfWeek.FRIDAY, List.of(interval("13:15", "14:00"))), Set.of());

    private static final BusinessHours ALWAYS = BusinessHours.alwaysOpen(ZoneId.of("Europe/Istanbul"));

    private static final List<BusinessHours> CALENDARS = List.of(OFFICE, SHIFTS, ALWAYS);

    /** Everything but the work ahead. */
    private record Scenario(BusinessHours hours, Instant now, double rate, double percentile, boolean staffed) {

        Instant promise(int k) {
            return EtaEstimator.promise(k, rate, percentile, staffed, hours, now);
        }
    }

    private static Scenario random(Random random) {
        return new Scenario(CALENDARS.get(random.nextInt(CALENDARS.size())),
                YEAR_START.plusSeconds((long) (random.nextDouble() * YEAR_SECONDS)),
                0.5 * Math.pow(80, random.nextDouble()),
                0.5 + random.nextDouble() * 0.499,
                random.nextInt(4) != 0);
    }

    @Test
    void moreWorkAheadNeverPromisesAnEarlierTime() {
        Random random = new Random(SEED);
        for (int i = 0; i < SCENARIOS; i++) {
            Scenario scenario = random(random);
            Instant previous = scenario.promise(1);
            for (int k = 2; k <= MOST_AHEAD; k++) {
                Instant promise = scenario.promise(k);
                assertThat(promise).as("%s, k=%d", scenario, k).isAfterOrEqualTo(previous);
                previous = promise;
            }
        }
    }

    @Test
    void noPromiseFallsBeforeTheTeamNextWorks() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < SCENARIOS * 10; i++) {
            Scenario scenario = random(random);
            int k = 1 + random.nextInt(MOST_AHEAD);
            assertThat(scenario.promise(k)).as("%s, k=%d", scenario, k).isAfter(scenario.hours().nextOpening(scenario.now()));
        }
    }

    private static BusinessHours.Interval interval(String start, String end) {
        return new BusinessHours.Interval(LocalTime.parse(start), LocalTime.parse(end));
    }
}
