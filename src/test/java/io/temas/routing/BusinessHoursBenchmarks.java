package io.temas.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Business time added to a moment, as the SLA due times (hours of work) and the promise of a long
 * queue (hundreds of hours of work) ask it: an office week in Istanbul (weekdays 09:00–18:00 with a
 * lunch hour, Saturdays 10:00–14:00) with ten of Türkiye's public holidays of 2026 and 2027.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BusinessHoursBenchmarks {

    /** Hours of business time added. */
    @Param({"8", "400", "2000"})
    public int hours;

    private BusinessHours office;
    private Instant start;
    private Duration work;

    @Setup
    public void setUp() {
        List<BusinessHours.Interval> weekday = List.of(interval("09:00", "12:30"), interval("13:30", "18:00"));
        office = new BusinessHours(null, "office", ZoneId.of("Europe/Istanbul"), Map.of(
                DayOfWeek.MONDAY, weekday, DayOfWeek.TUESDAY, weekday, DayOfWeek.WEDNESDAY, weekday, DayOfWeek.THURSDAY, weekday,
                DayOfWeek.FRIDAY, weekday, DayOfWeek.SATURDAY, List.of(interval("10:00", "14:00"))),
                Set.of(LocalDate.of(2026, 4, 23), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 19), LocalDate.of(2026, 7, 15),
                        LocalDate.of(2026, 8, 30), LocalDate.of(2026, 10, 29), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 23),
                        LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 19)));
        start = Instant.parse("2026-03-02T07:15:00Z");
        work = Duration.ofHours(hours);
    }

    private static BusinessHours.Interval interval(String start, String end) {
        return new BusinessHours.Interval(LocalTime.parse(start), LocalTime.parse(end));
    }

    @Benchmark
    public Instant plusBusinessTime() {
        return office.plusBusinessTime(start, work);
    }

    /** The same answer walked day by day, as before whole weeks were taken at once. */
    @Benchmark
    public Instant walkedDayByDay() {
        return BusinessTimeWalk.walked(office, start, work);
    }
}
