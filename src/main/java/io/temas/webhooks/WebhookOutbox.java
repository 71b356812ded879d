package io.temas.webhooks;

import io.temas.platform.AfterCommit;
import io.temas.platform.ConfigurationCache;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a delivery per interested subscription in the caller's transaction (the change and the news of it commit
 * together or not at all) and wakes the dispatcher once that transaction commits. Who is interested in what is read
 * from a cached list, so an event nobody subscribed to costs no database work: the inbound pipeline publishes one
 * for every message.
 */
@Component
class WebhookOutbox {

    /**
     * A subscription as the outbox needs it: a paused one still gets deliveries, held (due at infinity, so they never
     * stand in front of an active subscription's in the dispatcher's queue) until it is resumed.
     */
    record Target(UUID id, Set<String> events, boolean active) {
    }

    /** When a held delivery is due: never, until its subscription is resumed. */
    static final Timestamp HELD = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final ConfigurationCache<List<Target>> targets;
    private volatile Runnable whenQueued = () -> {
    };

    WebhookOutbox(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.targets = new ConfigurationCache<>(this::load, clock);
    }

    private List<Target> load() {
        return jdbc.sql("select id, events, status from webhook_subscriptions").query((rs, n) -> new Target(rs.getObject("id", UUID.class),
                Set.copyOf(Arrays.asList((String[]) rs.getArray("events").getArray())), "active".equals(rs.getString("status")))).list();
    }

    /** Called after a subscription changed on this node; other nodes see it within a few seconds. */
    void changed() {
        targets.invalidate();
    }

    void whenQueued(Runnable nudge) {
        this.whenQueued = nudge;
    }

    /** Wakes the dispatcher (a resumed subscription, a delivery to retry now). */
    void nudgeNow() {
        whenQueued.run();
    }

    /** Whether any subscription wants {@code type}; from memory. */
    boolean wanted(String type) {
        for (Target target : targets.get()) {
            if (target.events().contains(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Queues {@code type} with {@code data} for every subscription that wants it, in the current transaction.
     *
     * @param customerId the customer the event is about, for the KVKK export and erasure; null when none
     */
    void queue(String type, Instant occurredAt, UUID customerId, Map<String, Object> data) {
        List<Target> interested = targets.get().stream().filter(t -> t.events().contains(type)).toList();
        if (interested.isEmpty()) {
            return;
        }
        String json = JSON.writeValueAsString(data);
        for (Target target : interested) {
            insert(target.id(), type, occurredAt, customerId, json, target.active());
        }
        if (interested.stream().anyMatch(Target::active)) {
            AfterCommit.run(whenQueued);
        }
    }

    /** Queues one event for one subscription, whatever it asked for (the test event). */
    UUID queueFor(UUID subscriptionId, String type, Map<String, Object> data) {
        UUID id = insert(subscriptionId, type, clock.instant(), null, JSON.writeValueAsString(data), true);
        AfterCommit.run(whenQueued);
        return id;
    }

    private UUID insert(UUID subscriptionId, String type, Instant occurredAt, UUID customerId, String dataJson, boolean due) {
        UUID id = ids.next();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into webhook_deliveries (id, subscription_id, event_type, customer_id, body, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, subscriptionId, type, customerId, body(id, type, occurredAt, dataJson), due ? Timestamp.from(now) : HELD,
                        Timestamp.from(now))
                .update();
        return id;
    }

    /** The body as sent and signed, fixed when queued so every retry carries the same bytes. */
    static String body(UUID id, String type, Instant occurredAt, String dataJson) {
        return "{\"id\":\"" + id + "\",\"type\":" + JSON.writeValueAsString(type) + ",\"occurredAt\":\"" + occurredAt + "\",\"data\":"
                + dataJson + "}";
    }
}
