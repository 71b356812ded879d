package io.temas.webhooks;

import io.temas.platform.AfterCommit;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook subscriptions and their delivery log: what the API and the admin screen do, each one method.
 * A subscription names an http(s) address, the event types it wants ({@link WebhookEvents#ALL}) and a secret of at
 * least {@value #MIN_SECRET} characters that signs every delivery; without one, a secret is generated and answered
 * once, on creation. Paused subscriptions keep receiving deliveries, held until they are resumed.
 */
@Service
public class WebhookSubscriptions {

    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 200;
    public static final int MAX_URL = TextInput.SHORT;

    /** What was created; {@code secret} is the generated one, null when the caller chose it. */
    public record Created(UUID id, String secret) {
    }

    /** How a subscription's deliveries stand. */
    public record Counts(long pending, long delivered, long failed) {
    }

    /** A subscription's delivery counts and its latest attempts, newest first, as of one moment. */
    public record DeliveryLog(Counts counts, List<DeliveryAttempt> attempts) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final WebhookOutbox outbox;
    private final Destinations destinations;
    private final SecureRandom random = new SecureRandom();

    WebhookSubscriptions(JdbcClient jdbc, Ids ids, Clock clock, WebhookOutbox outbox, DeliverySettings settings) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.outbox = outbox;
        this.destinations = Destinations.of(settings);
    }

    /**
     * Subscribes {@code url} to {@code events}.
     *
     * @param secret at least {@value #MIN_SECRET} characters, or null (or blank) to have one generated
     * @throws InvalidWebhookSubscription naming the field that is wrong
     */
    @Transactional
    public Created create(String url, List<String> events, String secret, String actor) {
        URI address = address(url);
        List<String> types = events(events);
        boolean generated = secret == null || secret.isBlank();
        String chosen = generated ? HexFormat.of().formatHex(randomBytes()) : secret(secret);
        UUID id = ids.next();
        jdbc.sql("insert into webhook_subscriptions (id, url, events, secret, created_at, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, address.toString(), types.toArray(String[]::new), chosen, Timestamp.from(clock.instant()), actor).update();
        changed();
        return new Created(id, generated ? chosen : null);
    }

    public List<WebhookSubscription> all() {
        return jdbc.sql("select * from webhook_subscriptions order by created_at, id").query((rs, n) -> subscription(rs)).list();
    }

    public WebhookSubscription get(UUID id) {
        return jdbc.sql("select * from webhook_subscriptions where id = ?").param(id).query((rs, n) -> subscription(rs)).optional()
                .orElseThrow(() -> new WebhookSubscriptionNotFound("subscription", id));
    }

    /** Removes the subscription with its deliveries and their log. */
    @Transactional
    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from webhook_deliveries where subscription_id = ?").param(id).update();
        jdbc.sql("delete from webhook_subscriptions where id = ?").param(id).update();
        changed();
    }

    /** Stops sending; what happens meanwhile is still queued and goes out on {@link #resume}. */
    @Transactional
    public WebhookSubscription pause(UUID id) {
        WebhookSubscription paused = status(id, "paused");
        jdbc.sql("update webhook_deliveries set next_attempt_at = ? where subscription_id = ? and status = 'pending'")
                .params(WebhookOutbox.HELD, id).update();
        return paused;
    }

    @Transactional
    public WebhookSubscription resume(UUID id) {
        WebhookSubscription resumed = status(id, "active");
        jdbc.sql("update webhook_deliveries set next_attempt_at = ? where subscription_id = ? and status = 'pending' and next_attempt_at = ?")
                .params(Timestamp.from(clock.instant()), id, WebhookOutbox.HELD).update();
        AfterCommit.run(outbox::nudgeNow);
        return resumed;
    }

    /** Queues a {@value WebhookEvents#TEST} event for this subscription alone; answers the delivery's id. */
    @Transactional
    public UUID sendTest(UUID id, String actor) {
        get(id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", id.toString());
        data.put("requestedBy", actor);
        return outbox.queueFor(id, WebhookEvents.TEST, data);
    }

    /**
     * How the subscription's deliveries stand and their latest attempts, newest first, read from one snapshot: a
     * delivery the dispatcher marks failed between the two reads would otherwise be counted as waiting beside an
     * attempt that shows it failed.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public DeliveryLog deliveryLog(UUID id, int limit) {
        get(id);
        Counts counts = jdbc.sql("""
                        select count(*) filter (where status = 'pending') pending, count(*) filter (where status = 'delivered') delivered,
                        count(*) filter (where status = 'failed') failed from webhook_deliveries where subscription_id = ?""")
                .param(id).query((rs, n) -> new Counts(rs.getLong("pending"), rs.getLong("delivered"), rs.getLong("failed"))).single();
        List<DeliveryAttempt> attempts = jdbc.sql("""
                        select a.*, d.event_type, d.status from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
                        where a.subscription_id = ? order by a.attempted_at desc, a.attempt desc limit ?""")
                .params(id, Math.clamp(limit, 1, 1000))
                .query((rs, n) -> new DeliveryAttempt(rs.getObject("delivery_id", UUID.class), rs.getString("event_type"), rs.getInt("attempt"),
                        rs.getTimestamp("attempted_at").toInstant(), (Integer) rs.getObject("http_status"), rs.getInt("latency_ms"),
                        rs.getString("error_code"), rs.getString("error"), rs.getString("status")))
                .list();
        return new DeliveryLog(counts, attempts);
    }

    /**
     * Sends a failed delivery once more, now, with the same id and body; a failure marks it failed again (the
     * automatic retries were spent). A delivery still waiting for its next try is sent now.
     */
    @Transactional
    public void retryNow(UUID subscriptionId, UUID deliveryId) {
        int changed = jdbc.sql("""
                        update webhook_deliveries set status = 'pending', next_attempt_at = ?
                        where id = ? and subscription_id = ? and status in ('failed', 'pending')""")
                .params(Timestamp.from(clock.instant()), deliveryId, subscriptionId).update();
        if (changed == 0) {
            throw new WebhookSubscriptionNotFound("delivery to retry", deliveryId);
        }
        AfterCommit.run(outbox::nudgeNow);
    }

    private WebhookSubscription status(UUID id, String status) {
        if (jdbc.sql("update webhook_subscriptions set status = ? where id = ?").params(status, id).update() == 0) {
            throw new WebhookSubscriptionNotFound("subscription", id);
        }
        changed();
        return get(id);
    }

    /** The cached list is read again once the change is committed: before, a reload could only see the old list. */
    private void changed() {
        AfterCommit.run(outbox::changed);
    }

    private URI address(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidWebhookSubscription("url", "url.required", "url is required");
        }
        String value = url.strip();
        if (value.length() > MAX_URL) {
            throw new InvalidWebhookSubscription("url", "url.tooLong", "url is longer than " + MAX_URL + " characters");
        }
        checkText("url", value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidWebhookSubscription("url", "url.invalid", "url is not a valid address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidWebhookSubscription("url", "url.scheme", "url must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidWebhookSubscription("url", "url.invalid", "url names no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the address would show in every log line and screen that names it; the signature authenticates.
            throw new InvalidWebhookSubscription("url", "url.credentials", "url may not carry a user name or password");
        }
        Optional<String> refused = destinations.refusal(uri.getHost());
        if (refused.isPresent()) {
            throw new InvalidWebhookSubscription("url", "url.private", "url " + refused.get());
        }
        return uri;
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new InvalidWebhookSubscription("events", "events.required", "events must name at least one of " + WebhookEvents.ALL);
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String event : events) {
            if (event == null || !WebhookEvents.ALL.contains(event.strip())) {
                throw new InvalidWebhookSubscription("events", "events.unknown",
                        "events holds '" + (event == null ? "null" : TextInput.forLog(event)) + "', not one of " + WebhookEvents.ALL);
            }
            types.add(event.strip());
        }
        return List.copyOf(types);
    }

    private static String secret(String secret) {
        checkText("secret", secret);
        int length = secret.codePointCount(0, secret.length());
        if (length < MIN_SECRET) {
            throw new InvalidWebhookSubscription("secret", "secret.short", "secret must have at least " + MIN_SECRET + " characters");
        }
        if (length > MAX_SECRET) {
            throw new InvalidWebhookSubscription("secret", "secret.long", "secret may have at most " + MAX_SECRET + " characters");
        }
        return secret;
    }

    private static void checkText(String field, String value) {
        try {
            TextInput.check(field, value, false);
        } catch (InvalidInput e) {
            throw new InvalidWebhookSubscription(field, "text", e.getMessage());
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    private static WebhookSubscription subscription(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new WebhookSubscription(rs.getObject("id", UUID.class), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), "paused".equals(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}
