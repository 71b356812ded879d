package io.temas.reporting;

import java.time.Duration;
import java.util.Arrays;

/**
 * Durations counted in 48 fixed log-scale buckets, the same the database's {@code report_bucket}
 * uses: bucket 1 is under a second, bucket k (2..47) is [2^((k-2)/2), 2^((k-1)/2)) seconds, bucket
 * 48 is 2^23 seconds (97 days) and longer. Summing the buckets of many hours and reading a
 * percentile off the sum gives a value within one bucket (a factor of √2) of the exact one.
 */
public record Histogram(int[] counts) {

    public static final int BUCKETS = 48;

    public Histogram {
        counts = counts == null ? new int[BUCKETS] : Arrays.copyOf(counts, BUCKETS);
    }

    public static Histogram empty() {
        return new Histogram(null);
    }

    /** The bucket (1-based) a duration falls in. */
    public static int bucket(double seconds) {
        if (seconds < 1) {
            return 1;
        }
        return Math.min(BUCKETS, 2 + (int) Math.floor(2 * Math.log(seconds) / Math.log(2)));
    }

    /** How many durations. */
    public long total() {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }

    /**
     * The q-quantile (0 &lt; q ≤ 1) by nearest rank, as the middle of its bucket on the log scale;
     * null when nothing was counted.
     */
    public Duration percentile(double q) {
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int k = 1; k <= BUCKETS; k++) {
            seen += counts[k - 1];
            if (seen >= rank) {
                return Duration.ofMillis(Math.round(middle(k) * 1000));
            }
        }
        return Duration.ofMillis(Math.round(middle(BUCKETS) * 1000));
    }

    /** A bucket's middle on the log scale, in seconds. */
    static double middle(int bucket) {
        if (bucket <= 1) {
            return 0.5;
        }
        return Math.pow(2, (bucket - 2) / 2.0 + 0.25);
    }

    Histogram plus(Histogram other) {
        int[] sum = counts.clone();
        for (int i = 0; i < BUCKETS; i++) {
            sum[i] += other.counts[i];
        }
        return new Histogram(sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
