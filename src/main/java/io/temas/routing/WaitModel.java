package io.temas.routing;

/**
 * The wait until the k-th of a queue's next first responses, when responses come as a Poisson
 * stream of rate λ: an Erlang(k, λ) distribution. Its quantile is the promise a team keeps for
 * that share of customers.
 */
final class WaitModel {

    private static final double NORMAL_FROM = 200;

    private WaitModel() {
    }

    /** Hours until the {@code k}-th response is done with probability {@code p}, at {@code ratePerHour}. */
    static double quantileHours(int k, double ratePerHour, double p) {
        if (k < 1 || ratePerHour <= 0 || p <= 0 || p >= 1) {
            throw new IllegalArgumentException("need k >= 1, a positive rate and 0 < p < 1");
        }
        if (k >= NORMAL_FROM) {
            return (k + z(p) * Math.sqrt(k)) / ratePerHour;
        }
        double low = 0;
        double high = (k + 10 * Math.sqrt(k) + 10) / ratePerHour;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (cdf(k, ratePerHour * mid) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** P(Erlang(k, 1) ≤ x) = 1 − e^{−x} Σ_{i<k} x^i / i!. */
    static double cdf(int k, double x) {
        double term = Math.exp(-x);
        double sum = term;
        for (int i = 1; i < k; i++) {
            term *= x / i;
            sum += term;
        }
        return 1 - sum;
    }

    /** Standard normal quantile (Acklam's rational approximation is overkill here; Tukey's lambda suffices). */
    private static double z(double p) {
        return 4.91 * (Math.pow(p, 0.14) - Math.pow(1 - p, 0.14));
    }
}
