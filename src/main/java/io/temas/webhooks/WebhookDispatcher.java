package io.temas.webhooks;

import io.temas.channels.WebhookSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. A round claims a batch in one short statement ({@code FOR UPDATE SKIP LOCKED}, so several
 * nodes can dispatch) by counting the attempt and pushing the delivery's next try a lease ahead; it then sends the
 * batch side by side with no transaction open, and records each outcome in a transaction of its own. A node that dies
 * mid-send leaves the delivery to be claimed again when the lease runs out: deliveries are at least once, and a
 * receiver recognises a repeat by its unchanged id.
 */
@Component
class WebhookDispatcher {

    /** The header carrying {@code sha256=} and the hex HMAC-SHA256 of the body with the subscription's secret. */
    static final String SIGNATURE = "X-Temas-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_PER_RUN = 5_000;

    /** A claimed delivery with what sending it needs. */
    record Claimed(UUID id, UUID subscriptionId, String type, String body, int attempt, String url, String secret) {
    }

    /** What one try came to. */
    record Outcome(Integer status, int latencyMs, String errorCode, String error, boolean permanent) {

        boolean delivered() {
            return errorCode == null;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DeliverySettings settings;
    private final Destinations destinations;
    private final Clock clock;
    private final HttpClient http;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    WebhookDispatcher(JdbcClient jdbc, TransactionTemplate transactions, DeliverySettings settings, Clock clock, WebhookOutbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.destinations = Destinations.of(settings);
        this.clock = clock;
        // Never follows a redirect: it could lead to an address the destination check never saw.
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        outbox.whenQueued(this::nudge);
    }

    /** Sends what was just queued now rather than at the next poll; a run under way goes round once more instead. */
    void nudge() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            Thread.startVirtualThread(this::run);
        }
    }

    @Scheduled(fixedDelayString = "${temas.webhooks.delivery.poll-interval:1s}")
    void poll() {
        if (running.compareAndSet(false, true)) {
            run();
        }
    }

    /**
     * Forgets deliveries done (delivered or failed) longer ago than {@code keep}, with their attempts, and any whose
     * subscription was deleted on another node meanwhile: each holds a copy of the event, and the log is for recent trouble.
     */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void prune() {
        jdbc.sql("""
                        delete from webhook_deliveries d where (d.status <> 'pending' and d.created_at < ?)
                           or not exists (select 1 from webhook_subscriptions s where s.id = d.subscription_id)""")
                .param(Timestamp.from(clock.instant().minus(settings.keep()))).update();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
    }

    /** Rounds until nothing is due; holds {@code running}, and hands it back without losing a nudge that came meanwhile. */
    private void run() {
        do {
            try {
                int handled = 0;
                int batch;
                do {
                    again.set(false);
                    batch = round();
                    handled += batch;
                } while ((batch == settings.batchSize() || again.get()) && handled < MAX_PER_RUN && !stopping);
            } catch (RuntimeException e) {
                log.warn("Webhook round failed: {}", e.toString());
            } finally {
                running.set(false);
            }
        } while (again.get() && !stopping && running.compareAndSet(false, true));
    }

    private int round() {
        List<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            claimed.forEach(c -> sends.submit(() -> deliver(c)));
        }
        return claimed.size();
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update webhook_deliveries d set attempts = d.attempts + 1, next_attempt_at = ?
                        from webhook_subscriptions s
                        where s.id = d.subscription_id and d.id in (
                            select d2.id from webhook_deliveries d2 join webhook_subscriptions s2 on s2.id = d2.subscription_id
                            where d2.status = 'pending' and d2.next_attempt_at <= ? and s2.status = 'active'
                            order by d2.next_attempt_at limit ? for update of d2 skip locked)
                        returning d.id, d.subscription_id, d.event_type, d.body, d.attempts, s.url, s.secret""")
                .params(Timestamp.from(now.plus(settings.lease())), Timestamp.from(now), settings.batchSize())
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                        rs.getString("event_type"), rs.getString("body"), rs.getInt("attempts"), rs.getString("url"), rs.getString("secret")))
                .list();
    }

    private void deliver(Claimed claimed) {
        Outcome outcome = send(claimed);
        try {
            record(claimed, outcome);
        } catch (DataAccessException e) {
            // Deleted with its subscription meanwhile, or the database went away: the lease brings it back if it is still there.
            log.warn("Outcome of webhook delivery {} not recorded: {}", claimed.id(), e.getMostSpecificCause().toString());
        }
    }

    /** One try; never throws. */
    Outcome send(Claimed claimed) {
        URI uri;
        try {
            uri = URI.create(claimed.url());
        } catch (IllegalArgumentException e) {
            return new Outcome(null, 0, "io", "not a URL: " + e.getMessage(), true);
        }
        Optional<String> refused = destinations.refusal(uri.getHost());
        if (refused.isPresent()) {
            return new Outcome(null, 0, "refused-address", refused.get(), true);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Temas-Webhooks/1")
                .header("X-Temas-Event", claimed.type())
                .header("X-Temas-Delivery", claimed.id().toString())
                .header(SIGNATURE, WebhookSignatures.sha256(claimed.secret(), claimed.body().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(claimed.body(), StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // The answer's body means nothing to us; closing it unread keeps a slow or endless one from holding the send.
            response.body().close();
            int status = response.statusCode();
            int latency = millisSince(start);
            return status >= 200 && status < 300 ? new Outcome(status, latency, null, null, false)
                    : new Outcome(status, latency, "http", "answered HTTP " + status, false);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(null, millisSince(start), "timeout", "no connection within " + settings.connectTimeout().toSeconds() + " s", false);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, millisSince(start), "timeout", "no answer within " + settings.readTimeout().toSeconds() + " s", false);
        } catch (ConnectException e) {
            return new Outcome(null, millisSince(start), "connection", "connection refused or unreachable" + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
        } catch (IOException e) {
            return new Outcome(null, millisSince(start), "io", e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, millisSince(start), "io", "interrupted", false);
        } catch (RuntimeException e) {
            return new Outcome(null, millisSince(start), "io", e.toString(), false);
        }
    }

    private void record(Claimed claimed, Outcome outcome) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            insert into webhook_attempts (delivery_id, attempt, subscription_id, attempted_at, http_status, latency_ms, error_code, error)
                            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(claimed.id(), claimed.attempt(), claimed.subscriptionId(), Timestamp.from(now), outcome.status(), outcome.latencyMs(),
                            outcome.errorCode(), outcome.error()).update();
            if (outcome.delivered()) {
                jdbc.sql("""
                                update webhook_deliveries set status = 'delivered', delivered_at = ?, last_status = ?, last_error = null
                                where id = ? and attempts = ?""")
                        .params(Timestamp.from(now), outcome.status(), claimed.id(), claimed.attempt()).update();
            } else if (outcome.permanent() || claimed.attempt() >= settings.maxAttempts()) {
                log.warn("Webhook delivery {} to {} failed for good after {} attempts: {}", claimed.id(), claimed.url(), claimed.attempt(), outcome.error());
                jdbc.sql("update webhook_deliveries set status = 'failed', last_status = ?, last_error = ? where id = ? and attempts = ?")
                        .params(outcome.status(), outcome.error(), claimed.id(), claimed.attempt()).update();
            } else {
                Instant next = now.plus(settings.backoff(claimed.attempt(), ThreadLocalRandom.current().nextDouble()));
                log.info("Webhook delivery {} to {} failed (attempt {}), next at {}: {}", claimed.id(), claimed.url(), claimed.attempt(), next,
                        outcome.error());
                jdbc.sql("update webhook_deliveries set next_attempt_at = ?, last_status = ?, last_error = ? where id = ? and attempts = ?")
                        .params(Timestamp.from(next), outcome.status(), outcome.error(), claimed.id(), claimed.attempt()).update();
            }
        });
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }
}
