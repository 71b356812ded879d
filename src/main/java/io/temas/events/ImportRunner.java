package io.temas.events;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs import jobs in the background on one thread per node, chunk after chunk: started when a job is stored, when the
 * application is ready (jobs a stopped node left mid-way go on from their last committed chunk) and every
 * {@code temas.events.poll-interval} (jobs another node stored or left). A chunk that fails for a reason no line
 * explains marks the job failed with that reason; it can be resumed.
 */
@Component
class ImportRunner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportRunner.class);
    /** How long a stop waits for the chunk under way to commit before it interrupts the runner. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final EventImports imports;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("event-imports").daemon().factory());
    private final ExecutorService preparing = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("event-imports-ahead").daemon().factory());
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean held;
    private final java.util.concurrent.locks.ReentrantLock chunk = new java.util.concurrent.locks.ReentrantLock();

    ImportRunner(EventImports imports) {
        this.imports = imports;
    }

    @EventListener
    void on(EventImports.ImportQueued queued) {
        wake();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        wake();
    }

    @Scheduled(fixedDelayString = "${temas.events.poll-interval:5s}", initialDelayString = "${temas.events.poll-interval:5s}")
    void poll() {
        wake();
    }

    /** Starts a round unless one is running, in which case that round looks again before it ends. */
    void wake() {
        again.set(true);
        if (!stopping && !held && running.compareAndSet(false, true)) {
            thread.execute(this::rounds);
        }
    }

    private void rounds() {
        try {
            while (again.getAndSet(false) && !stopping && !held) {
                for (UUID id : imports.pending()) {
                    if (stopping || held) {
                        break;
                    }
                    run(id);
                }
            }
        } finally {
            running.set(false);
        }
        if (again.get() && !stopping && !held) {
            wake();
        }
    }

    /**
     * Stores the job's chunks one after the other, each in its own transaction, while the next one is read, parsed and
     * resolved on a second thread: parsing (Java) and storing (the database) overlap on two cores. A chunk prepared
     * but not stored when the runner stops is simply prepared again later; what preparing writes (new customers) is
     * found as known then.
     */
    private void run(UUID id) {
        Future<EventImports.Prepared> ahead = null;
        try {
            EventImports.Prepared current = imports.prepare(id, -1);
            while (current != null && !stopping && !held) {
                int following = current.number() + 1;
                ahead = preparing.submit(() -> imports.prepare(id, following));
                if (!commit(id, current)) {
                    return;
                }
                current = ahead.get();
                ahead = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            if (stopping) {
                return;
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("import {} failed: {}", id, cause.toString());
            imports.fail(id, cause.getMessage());
        } finally {
            if (ahead != null) {
                // Let a chunk being prepared finish (its new customers commit or roll back whole) before the next round.
                try {
                    ahead.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException ignored) {
                    // prepared again by the next round, which then reports it
                }
            }
        }
    }

    private boolean commit(UUID id, EventImports.Prepared prepared) {
        chunk.lock();
        try {
            return !held && imports.commit(id, prepared);
        } finally {
            chunk.unlock();
        }
    }

    /** Stops taking chunks on this node (as if it were down) once the chunk under way is committed; for maintenance and tests. */
    void hold() {
        held = true;
        chunk.lock();
        chunk.unlock();
    }

    /** Takes chunks again, starting with a round over every pending job. */
    void release() {
        held = false;
        wake();
    }

    /**
     * Stops once the chunk under way is committed. Interrupting the runner in the middle of a statement would close its
     * connection's socket under the driver, roll the chunk back and hand the pool a broken connection; that is kept as
     * the last resort for a chunk that does not end within {@link #STOP_WAIT}.
     */
    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
        thread.shutdown();
        preparing.shutdown();
        try {
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            if (!thread.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS)
                    || !preparing.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                log.warn("The import runner did not end its chunk within {}; interrupting it", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.shutdownNow();
            preparing.shutdownNow();
        }
    }
}
