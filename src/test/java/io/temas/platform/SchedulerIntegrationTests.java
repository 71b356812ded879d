package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;

/** Periodic work runs side by side: a fixed-delay task that runs long holds up only itself. */
@TemasIntegrationTest
class SchedulerIntegrationTests {

    @Autowired
    TaskScheduler scheduler;

    @Test
    void aFixedDelayTaskRunsWhileAnotherIsStillBusy() throws Exception {
        CompletableFuture<Void> busy = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        ScheduledFuture<?> slow = scheduler.scheduleWithFixedDelay(() -> {
            busy.complete(null);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofHours(1));
        ScheduledFuture<?> other = null;
        try {
            busy.get(1, TimeUnit.MINUTES);
            other = scheduler.scheduleWithFixedDelay(ran::countDown, Duration.ofHours(1));
            assertThat(ran.await(1, TimeUnit.MINUTES)).as("the second task ran while the first was busy").isTrue();
        } finally {
            release.countDown();
            slow.cancel(false);
            if (other != null) {
                other.cancel(false);
            }
        }
    }
}
