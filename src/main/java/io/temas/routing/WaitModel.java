package io.temas.routing;

import io.temas.shared.LastAnswers;

/**
 * The wait until the k-th of a queue's next first responses, when responses come as a Poisson
 * stream of rate λ: an Erlang(k, λ) distribution. Its quantile is the promise a team keeps for
 * that share of customers.
 */
final class WaitModel {

    /** A quantile asked for. */
    private record Asked(int k, double p) {
    }

    /**
     * The last 64 quantiles, by k. Every message that opens a conversation asks for one, and the count of those waiting
     * ahead stands for a second or more (EtaEstimator), so many ask for the same k in a row; with thousands ahead each
     * answer sums thousands of terms several times.
     */
    static final LastAnswers<Asked, Double> RECENT = new LastAnswers<>(64);

    private WaitModel() {
    }

    /** Hours until the {@code k}-th response is done with probability {@code p}, at {@code ratePerHour}. */
    static double quantileHours(int k, double ratePerHour, double p) {
        if (k < 1 || ratePerHour <= 0 || p <= 0 || p >= 1) {
            throw new IllegalArgumentException("need k >= 1, a positive rate and 0 < p < 1");
        }
        // Erlang(k, λ) is Erlang(k, 1) scaled by 1/λ.
        return quantile(k, p) / ratePerHour;
    }

    /**
     * The smallest x found with P(Erlang(k, 1) ≤ x) ≥ p, within one part in 10¹³ or so: exact for
     * every k (an approximation taken over at some k, as a normal one was from 200, can promise
     * less for one more ahead, at high percentiles an earlier time for more work), found by
     * Newton's method from the mode and kept within a bracket that every evaluation narrows,
     * bisecting whenever a step would leave it. The cdf is S-shaped with its turn at the mode, so
     * the steps approach the answer from one side: a handful of evaluations where bisection took
     * fifty (each one summing thousands of terms with thousands ahead).
     */
    static double quantile(int k, double p) {
        Asked asked = new Asked(k, p);
        Double kept = RECENT.get(asked, k);
        if (kept != null) {
            return kept;
        }
        double x = solve(k, p);
        RECENT.put(asked, k, x);
        return x;
    }

    /** The quantile worked out, as {@link #quantile} describes, without looking among those kept. */
    static double solve(int k, double p) {
        double low = 0;
        double high = k + 10 * Math.sqrt(k) + 10;
        double x = Math.max(k - 1, 0.5);
        for (int i = 0; i < 200; i++) {
            double missing = p - cdf(k, x);
            if (missing > 0) {
                low = x;
            } else {
                high = x;
            }
            double next = x + missing / density(k, x);
            if (!(next > low && next < high)) {
                next = (low + high) / 2;
            }
            if (Math.abs(next - x) <= x * 1e-14 || next == low || next == high) {
                x = next;
                break;
            }
            x = next;
        }
        // The promise holds at least p: from just below the answer, step up until it does.
        double up = Math.max(x * 1e-15, Double.MIN_NORMAL);
        while (cdf(k, x) < p) {
            x += up;
            up *= 2;
        }
        return x;
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

    /** The density of Erlang(k, 1) at x > 0: x^(k−1) e^(−x) / (k−1)!. */
    private static double density(int k, double x) {
        return Math.exp(-x + (k - 1) * Math.log(x) - logFactorial(k - 1));
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
