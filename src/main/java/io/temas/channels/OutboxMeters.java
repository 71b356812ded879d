package io.temas.channels;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox's backlog per channel, as gauges: {@code temas.outbox.depth} (entries waiting or
 * retrying, including sends spread over time that are not due yet) and
 * {@code temas.outbox.oldest.age} (seconds since the longest-waiting entry became due: when it was
 * queued, or its scheduled time, so a campaign spread over the afternoon is not "late").
 * <p>
 * A scrape never queries: one grouped count over the pending entries runs every
 * {@code temas.metrics.refresh-interval} and the gauges read its answer. The count reads the
 * partial index of pending entries ({@code outbox_due}), so it costs what is waiting, not the
 * outbox's history. The age is worked out at scrape time from the oldest due instant, so it keeps
 * growing between refreshes when nothing leaves. Every node reports the same shared figures.
 */
@Component
class OutboxMeters {

    private static final Logger log = LoggerFactory.getLogger(OutboxMeters.class);

    /** One channel's backlog at the last refresh; {@code oldestDue} is null when nothing waits. */
    private record Backlog(long depth, Instant oldestDue) {
        static final Backlog NONE = new Backlog(0, null);
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Backlog> backlog = new ConcurrentHashMap<>();

    OutboxMeters(JdbcClient jdbc, Clock clock, MeterRegistry meters, Channels channels) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        // Every known channel shows, at zero while nothing waits, so a panel never has holes.
        channels.types().forEach(type -> register(type.code()));
    }

    @Scheduled(fixedDelayString = "${temas.metrics.refresh-interval:5s}")
    void refresh() {
        try {
            Map<String, Backlog> now = new HashMap<>();
            jdbc.sql("""
                            select channel, count(*) as depth,
                            min(case when attempts = 0 then greatest(created_at, next_attempt_at) else created_at end) as oldest
                            from outbox where status = 'pending' group by channel""")
                    .query(rs -> {
                        now.put(rs.getString("channel"), new Backlog(rs.getLong("depth"), rs.getTimestamp("oldest").toInstant()));
                    });
            now.keySet().forEach(this::register);
            backlog.replaceAll((channel, old) -> now.getOrDefault(channel, Backlog.NONE));
        } catch (RuntimeException e) {
            // The gauges keep the last figures; the next round tries again.
            log.debug("Outbox figures not refreshed: {}", e.toString());
        }
    }

    private void register(String channel) {
        if (backlog.putIfAbsent(channel, Backlog.NONE) == null) {
            Gauge.builder("temas.outbox.depth", () -> backlog.getOrDefault(channel, Backlog.NONE).depth())
                    .description("Outbox entries waiting to be sent (pending or retrying)").tag("channel", channel).register(meters);
            Gauge.builder("temas.outbox.oldest.age", () -> age(channel))
                    .description("Seconds since the longest-waiting outbox entry became due").baseUnit("seconds")
                    .tag("channel", channel).register(meters);
        }
    }

    private double age(String channel) {
        Instant due = backlog.getOrDefault(channel, Backlog.NONE).oldestDue();
        if (due == null) {
            return 0;
        }
        // Sends scheduled for later count from their time, not before.
        return Math.max(0, Duration.between(due, clock.instant()).toMillis() / 1000.0);
    }
}
