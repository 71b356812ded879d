package io.temas.campaigns;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temas.channels.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Takes a customer off every pending contact for a campaign, in the caller's transaction: the
 * call-list entries not yet handed out (or only previewed on an agent's screen, not yet called)
 * and the SMS and e-mail not yet sent. A few set-based
 * statements, so it costs the same for one call list or twenty.
 */
@Service
public class Suppression {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Timer timer;

    Suppression(JdbcClient jdbc, Outbox outbox, ApplicationEventPublisher events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
        this.timer = Timer.builder("temas.campaigns.suppression")
                .description("Time a suppression adds to the transaction of the response that caused it")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    /** What was removed. */
    public record Removed(int callListEntries, int messages) {
    }

    public Removed suppress(UUID campaignId, UUID customerId, String reason, Instant now) {
        return timer.record(() -> run(campaignId, customerId, reason, now));
    }

    private Removed run(UUID campaignId, UUID customerId, String reason, Instant now) {
        jdbc.sql("""
                        insert into campaign_suppressions (campaign_id, customer_id, reason, created_at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(campaignId, customerId, reason, Timestamp.from(now)).update();
        List<CallListEntryRemoved> removed = jdbc.sql("""
                        update call_list_entries set status = 'removed', reason = ?, updated_at = ?
                        where campaign_id = ? and customer_id = ? and status in ('pending', 'previewing') returning call_list_id, phone""")
                .params(reason, Timestamp.from(now), campaignId, customerId)
                .query((rs, n) -> new CallListEntryRemoved(rs.getObject("call_list_id", UUID.class), campaignId, customerId,
                        rs.getString("phone"), reason, now))
                .list();
        removed.forEach(events::publishEvent);
        List<UUID> queued = jdbc.sql("select outbox_id from campaign_contacts where campaign_id = ? and customer_id = ? and status = 'queued'")
                .params(campaignId, customerId).query(UUID.class).list();
        List<UUID> withdrawn = outbox.withdraw(queued, reason);
        return new Removed(removed.size(), withdrawn.size());
    }
}
