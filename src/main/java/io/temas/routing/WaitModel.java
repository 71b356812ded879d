package io.temas.routing;

/**
 * The wait until the k-th of a queue's next first responses, when responses come as a Poisson
 * stream of rate λ: an Erlang(k, λ) distribution. Its quantile is the promise a team keeps for
 * that share of customers.
 */
final class WaitModel {

    private WaitModel() {
    }

    /** Hours until the {@code k}-th response is done with probability {@code p}, at {@code ratePerHour}. */
    static double quantileHours(int k, double ratePerHour, double p) {
        if (k < 1 || ratePerHour <= 0 || p <= 0 || p >= 1) {
            throw new IllegalArgumentException("need k >= 1, a positive rate and 0 < p < 1");
        }
        // Exact for every k: an approximation taken over at some k (a normal one was, from 200) can
        // promise less for one more ahead, at high percentiles an earlier time for more work.
        double low = 0;
        double high = (k + 10 * Math.sqrt(k) + 10) / ratePerHour;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (mid == low || mid == high) {
                // No double lies between them any more: further halvings cannot move high (cdf(low) < p holds throughout).
                break;
            }
            if (cdf(k, ratePerHour * mid) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * P(Erlang(k, 1) ≤ x) = 1 − Σ_{i<k} e^{−x} x^i / i!. The Poisson terms are summed outwards from
     * the largest, taken in logarithms, so neither e^{−x} underflows nor x^i overflows with
     * thousands ahead; each side stops once its terms no longer count.
     */
    static double cdf(int k, double x) {
        if (x <= 0) {
            return 0;
        }
        int peak = (int) Math.min(k - 1, Math.floor(x));
        double total = 1;
        double term = 1;
        for (int i = peak; i > 0 && term >= total * 1e-17; i--) {
            term *= i / x;
            total += term;
        }
        term = 1;
        for (int i = peak + 1; i < k && term >= total * 1e-17; i++) {
            term *= x / i;
            total += term;
        }
        double below = Math.exp(-x + peak * Math.log(x) - logFactorial(peak) + Math.log(total));
        return Math.max(0, 1 - below);
    }

    /** ln n!, exactly for small n, by Stirling's series (error below 1e-12) from 20 on. */
    private static double logFactorial(int n) {
        if (n < 20) {
            double log = 0;
            for (int i = 2; i <= n; i++) {
                log += Math.log(i);
            }
            return log;
        }
        double m = n;
        return m * Math.log(m) - m + 0.5 * Math.log(2 * Math.PI * m) + 1 / (12 * m) - 1 / (360 * m * m * m)
                + 1 / (1260 * m * m * m * m * m);
    }
}
