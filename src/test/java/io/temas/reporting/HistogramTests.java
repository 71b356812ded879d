package io.temas.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistogramTests {

    @Test
    void bucketsGrowByTheSquareRootOfTwo() {
        assertThat(Histogram.bucket(0)).isEqualTo(1);
        assertThat(Histogram.bucket(0.99)).isEqualTo(1);
        assertThat(Histogram.bucket(1)).isEqualTo(2);
        assertThat(Histogram.bucket(1.5)).isEqualTo(3);
        assertThat(Histogram.bucket(60)).isEqualTo(2 + (int) Math.floor(2 * Math.log(60) / Math.log(2)));
        assertThat(Histogram.bucket(Math.pow(2, 23))).isEqualTo(48);
        assertThat(Histogram.bucket(1e12)).isEqualTo(48);
    }

    @Test
    void percentileIsTheMiddleOfTheBucketHoldingTheRank() {
        int[] counts = new int[Histogram.BUCKETS];
        counts[Histogram.bucket(30) - 1] = 5;
        counts[Histogram.bucket(600) - 1] = 4;
        counts[Histogram.bucket(7200) - 1] = 1;
        Histogram histogram = new Histogram(counts);
        assertThat(histogram.total()).isEqualTo(10);
        assertThat(Histogram.bucket(histogram.percentile(0.5).toMillis() / 1000.0)).isEqualTo(Histogram.bucket(30));
        assertThat(Histogram.bucket(histogram.percentile(0.9).toMillis() / 1000.0)).isEqualTo(Histogram.bucket(600));
        assertThat(Histogram.bucket(histogram.percentile(1.0).toMillis() / 1000.0)).isEqualTo(Histogram.bucket(7200));
        assertThat(Histogram.empty().percentile(0.5)).isNull();
        assertThat(histogram.percentile(0.5)).isBetween(Duration.ofSeconds(22), Duration.ofSeconds(46));
    }
}
