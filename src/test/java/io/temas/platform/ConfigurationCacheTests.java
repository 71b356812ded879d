package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The configuration cache's promise under load: while one reader reloads, the others go on with the
 * value it replaces instead of queueing behind it (a reader holding a database connection must never
 * wait for a reload that waits for one); with no value at all, readers wait for the load.
 */
class ConfigurationCacheTests {

    @Test
    void whileOneReaderReloadsTheOthersReadTheValueItReplaces() throws Exception {
        HandClock clock = new HandClock(Instant.parse("2026-12-03T09:00:00Z"));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch reloading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Threads of their own: the common pool may have a single worker on a small machine.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        ConfigurationCache<Integer> cache = new ConfigurationCache<>(() -> {
            int n = loads.incrementAndGet();
            if (n == 2) {
                reloading.countDown();
                await(release);
            }
            return n;
        }, clock);
        assertThat(cache.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(6));
        CompletableFuture<Integer> reloader = CompletableFuture.supplyAsync(cache::get, threads);
        assertThat(reloading.await(20, TimeUnit.SECONDS)).isTrue();
        // The reload is stuck in its loader; another reader is not held up by it.
        assertThat(CompletableFuture.supplyAsync(cache::get, threads).get(20, TimeUnit.SECONDS)).isEqualTo(1);

        release.countDown();
        assertThat(reloader.get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(cache.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
        threads.shutdown();
    }

    @Test
    void afterAnInvalidationReadersGetTheFreshValue() {
        HandClock clock = new HandClock(Instant.parse("2026-12-03T09:00:00Z"));
        AtomicInteger loads = new AtomicInteger();
        ConfigurationCache<Integer> cache = new ConfigurationCache<>(loads::incrementAndGet, clock);
        assertThat(cache.get()).isEqualTo(1);
        assertThat(cache.get()).isEqualTo(1);
        cache.invalidate();
        assertThat(cache.get()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
