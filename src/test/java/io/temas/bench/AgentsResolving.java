package io.temas.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Agents at work while messages arrive: resolves, at a steady rate through the API, the open conversations agents hold,
 * oldest assignment first. Each resolution frees room and has the queue's waiting work offered, as in a contact centre
 * whose queues are full. It reads the conversations agents hold through the driver's own connection, 200 at a time.
 */
final class AgentsResolving implements AutoCloseable {

    private static final int CHUNK = 200;

    private final HttpClient http;
    private final String base;
    private final String token;
    private final JdbcClient jdbc;
    private final long interval;
    private final AtomicInteger resolved = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stop;

    private AgentsResolving(HttpClient http, String base, String token, JdbcClient jdbc, int perSecond) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.jdbc = jdbc;
        this.interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.thread = Thread.ofPlatform().name("bench-agents").daemon().start(this::run);
    }

    /** Starts resolving, or answers null when {@code perSecond} is 0. */
    static AgentsResolving start(HttpClient http, String base, String token, JdbcClient jdbc, int perSecond) {
        return perSecond > 0 ? new AgentsResolving(http, base, token, jdbc, perSecond) : null;
    }

    private void run() {
        Deque<UUID> held = new ArrayDeque<>();
        long next = System.nanoTime();
        while (!stop) {
            if (held.isEmpty()) {
                held.addAll(jdbc.sql("""
                                select id from conversations where assignee_id is not null and status = 'open'
                                order by assigned_at limit ?""")
                        .param(CHUNK).query(UUID.class).list());
                if (held.isEmpty()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                    continue;
                }
            }
            resolve(held.poll());
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void resolve(UUID conversation) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations/" + conversation + "/status"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"resolved\"}"))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == 200 ? resolved : refused).incrementAndGet();
        } catch (java.io.IOException e) {
            refused.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    /** Conversations resolved. */
    int resolved() {
        return resolved.get();
    }

    /** Resolutions the API refused or that failed. */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}
