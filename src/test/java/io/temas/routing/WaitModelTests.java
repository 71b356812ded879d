package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitModelTests {

    @ParameterizedTest
    @CsvSource({"4, 0.8", "1, 0.5", "12, 0.95", "0.5, 0.1"})
    void oneResponseAheadIsTheExponentialQuantile(double rate, double p) {
        assertThat(WaitModel.quantileHours(1, rate, p)).isCloseTo(-Math.log(1 - p) / rate, offset(1e-9));
    }

    @Test
    void waitGrowsWithEachResponseAhead() {
        double previous = 0;
        for (int k = 1; k <= 250; k++) {
            double wait = WaitModel.quantileHours(k, 6, 0.8);
            assertThat(wait).as("k=%d", k).isGreaterThan(previous);
            previous = wait;
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
    @CsvSource({"200, 0.8", "200, 0.5", "200, 0.95", "250, 0.8"})
    void normalApproximationForManyAheadIsCloseToTheExactQuantile(int k, double p) {
        assertThat(WaitModel.quantileHours(k, 10, p)).isCloseTo(exactQuantile(k, 10, p), withinPercentage(0.5));
    }

    @Test
    void exactAndApproximateBranchesJoinWithoutAJump() {
        double below = WaitModel.quantileHours(199, 10, 0.8);
        double above = WaitModel.quantileHours(200, 10, 0.8);

        assertThat(above - below).isBetween(0.05, 0.15); // about one response, 1/10 h
    }

    @Test
    void refusesMeaninglessArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(0, 1, 0.8));
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(1, 0, 0.8));
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(1, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> WaitModel.quantileHours(1, 1, 1));
    }

    /** The Erlang quantile by bisection on the exact distribution function. */
    private static double exactQuantile(int k, double rate, double p) {
        double low = 0;
        double high = 2.0 * k / rate;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (WaitModel.cdf(k, rate * mid) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }
}
