package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitModelTests {

    @Test
    void aQuantileAskedAgainIsTheOneWorkedOutForItsOwnKAndShare() {
        // k and other share a slot of the quantiles kept; 0.8 and 0.9 are asked for one k in turn.
        int k = 100;
        int other = IntStream.range(k + 1, 1_000_000).filter(n -> WaitModel.RECENT.slot(n) == WaitModel.RECENT.slot(k)).findFirst()
                .orElseThrow();
        int[] ks = {k, other, k, k, other, other, k, 5_000, 5_064, 5_000};
        double[] ps = {0.8, 0.8, 0.9, 0.8, 0.9, 0.9, 0.9, 0.95, 0.95, 0.8};
        for (int i = 0; i < ks.length; i++) {
            assertThat(WaitModel.quantile(ks[i], ps[i])).as("k=%d, p=%s", ks[i], ps[i]).isEqualTo(WaitModel.solve(ks[i], ps[i]));
        }
    }

    @ParameterizedTest
    @CsvSource({"4, 0.8", "1, 0.5", "12, 0.95", "0.5, 0.1"})
    void oneResponseAheadIsTheExponentialQuantile(double rate, double p) {
        assertThat(WaitModel.quantileHours(1, rate, p)).isCloseTo(-Math.log(1 - p) / rate, offset(1e-9));
    }

    /** Near an empty queue, and in a full one. */
    @ParameterizedTest
    @CsvSource({"1, 250, 6", "19900, 20100, 40"})
    void waitGrowsWithEachResponseAhead(int from, int to, double rate) {
        double previous = 0;
        for (int k = from; k <= to; k++) {
            double wait = WaitModel.quantileHours(k, rate, 0.8);
            assertThat(wait).as("k=%d", k).isGreaterThan(previous);
            previous = wait;
        }
    }

    @Test
    void waitGrowsWithEachResponseAheadForEveryPromisedShare() {
        for (double p : new double[] {0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999}) {
            double previous = 0;
            for (int k = 1; k <= 1_000; k++) {
                double wait = WaitModel.quantileHours(k, 1, p);
                assertThat(wait).as("k=%d, p=%s", k, p).isGreaterThan(previous);
                previous = wait;
            }
        }
    }

    @Test
    void waitGrowsWithThePromisedShareAndShrinksWithTheRate() {
        assertThat(WaitModel.quantileHours(5, 6, 0.9)).isGreaterThan(WaitModel.quantileHours(5, 6, 0.8));
        assertThat(WaitModel.quantileHours(5, 12, 0.8)).isCloseTo(WaitModel.quantileHours(5, 6, 0.8) / 2, offset(1e-9));
    }

    @Test
    void quantileHoldsTheRequestedProbability() {
        double hours = WaitModel.quantileHours(7, 3, 0.8);

        assertThat(WaitModel.cdf(7, 3 * hours)).isCloseTo(0.8, offset(1e-9));
    }

    @Test
    void erlangCdfOfOneIsTheExponentialCdf() {
        assertThat(WaitModel.cdf(1, 2)).isCloseTo(1 - Math.exp(-2), offset(1e-12));
        assertThat(WaitModel.cdf(3, 0)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"200, 0.5, 0", "200, 0.8, 0.8416212335729143", "1000, 0.95, 1.6448536269514722", "10000, 0.8, 0.8416212335729143",
            "10000, 0.99, 2.3263478740408408"})
    void farAheadTheQuantileMeetsTheWilsonHilfertyApproximation(int k, double p, double z) {
        double wilsonHilferty = k * Math.pow(1 - 1.0 / (9 * k) + z / (3 * Math.sqrt(k)), 3) / 10;

        assertThat(WaitModel.quantileHours(k, 10, p)).isCloseTo(wilsonHilferty, withinPercentage(0.05));
    }

    @Test
    void oneMoreAheadAddsAboutOneResponseEvenFarAhead() {
        for (int k : new int[] {199, 999, 9_999}) {
            assertThat(WaitModel.quantileHours(k + 1, 10, 0.8) - WaitModel.quantileHours(k, 10, 0.8)).as("k=%d", k)
                    .isBetween(0.09, 0.11); // 1/10 h
        }
    }

    @Test
    void agreesWithBisectionToElevenDigitsAndNeverPromisesLessThanTheShare() {
        for (double p : new double[] {0.01, 0.5, 0.8, 0.95, 0.999}) {
            for (int k : new int[] {1, 2, 3, 7, 19, 20, 21, 200, 1_000, 5_000, 20_000, 100_000}) {
                double quantile = WaitModel.quantile(k, p);
                assertThat(quantile).as("k=%d, p=%s", k, p).isCloseTo(bisected(k, p), withinPercentage(1e-9));
                assertThat(WaitModel.cdf(k, quantile)).as("k=%d, p=%s", k, p).isGreaterThanOrEqualTo(p);
            }
        }
    }

    /** The quantile by bisection over the cdf down to adjacent doubles: slow, and plainly right. */
    private static double bisected(int k, double p) {
        double low = 0;
        double high = k + 10 * Math.sqrt(k) + 10;
        while (true) {
            double mid = (low + high) / 2;
            if (mid == low || mid == high) {
                return high;
            }
            if (WaitModel.cdf(k, mid) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
    }

    @Test
    void refusesMeaninglessArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(0, 1, 0.8));
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(1, 0, 0.8));
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(1, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(1, 1, 1));
    }
}
