package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtaEstimatorTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @ParameterizedTest(name = "{0} waiting: counted again after {1} s")
    @CsvSource({"0, 1", "999, 1", "1000, 2", "2500, 3", "9000, 10", "10000, 10", "2147483647, 10"})
    void aLongerLineIsCountedLessOften(int waiting, long seconds) {
        assertThat(EtaEstimator.waitingTtl(waiting)).hasSeconds(seconds);
    }

    @ParameterizedTest(name = "{1} rounds up to {2}")
    @CsvSource({
            // up to ten minutes: to the next whole minute
            "2026-04-20T14:00, 2026-04-20T14:07:30, 2026-04-20T14:08",
            "2026-04-20T14:00, 2026-04-20T14:07,    2026-04-20T14:07",
            "2026-04-20T14:00, 2026-04-20T14:10,    2026-04-20T14:10",
            // up to two hours: to the next quarter hour
            "2026-04-20T14:00, 2026-04-20T14:10:01, 2026-04-20T14:15",
            "2026-04-20T14:00, 2026-04-20T14:45,    2026-04-20T14:45",
            "2026-04-20T14:00, 2026-04-20T14:45:30, 2026-04-20T15:00",
            "2026-04-20T14:00, 2026-04-20T14:50,    2026-04-20T15:00",
            "2026-04-20T14:00, 2026-04-20T16:00,    2026-04-20T16:00",
            // longer: to the next whole hour
            "2026-04-20T14:00, 2026-04-20T16:00:01, 2026-04-20T17:00",
            "2026-04-20T14:00, 2026-04-21T09:00,    2026-04-21T09:00",
            "2026-04-20T14:00, 2026-04-21T09:01,    2026-04-21T10:00",
            "2026-04-20T23:00, 2026-04-21T23:30,    2026-04-22T00:00"})
    void roundsUpToATimePeopleSay(String now, String raw, String expected) {
        assertThat(EtaEstimator.roundUp(at(now, ISTANBUL), at(raw, ISTANBUL), ISTANBUL)).isEqualTo(at(expected, ISTANBUL));
    }

    @ParameterizedTest(name = "{1} rounds up to {2} in Kolkata")
    @CsvSource({
            "2026-04-20T14:00, 2026-04-20T14:50,    2026-04-20T15:00",
            "2026-04-20T14:00, 2026-04-20T18:20,    2026-04-20T19:00"})
    void roundsOnTheLocalClockOfZonesWithHalfHourOffsets(String now, String raw, String expected) {
        assertThat(EtaEstimator.roundUp(at(now, KOLKATA), at(raw, KOLKATA), KOLKATA)).isEqualTo(at(expected, KOLKATA));
    }

    @Test
    void theBasisWritesRatesAndQuantilesAsTheFormatterWould() {
        SplittableRandom random = new SplittableRandom(7);
        double[] edges = {0, 0.05, 0.125, 0.95, 0.995, 2.675, 8, 12.25, 99.95, 1e7, 123456.789, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY};
        for (double value : edges) {
            assertThat(EtaEstimator.fixed(value, 1)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
            assertThat(EtaEstimator.fixed(value, 2)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
        }
        for (int i = 0; i < 100_000; i++) {
            double value = i % 2 == 0 ? random.nextDouble(0, 200) : Math.round(random.nextDouble(0, 2000)) / 1000.0;
            assertThat(EtaEstimator.fixed(value, 1)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
            assertThat(EtaEstimator.fixed(value, 2)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
        }
    }
}
