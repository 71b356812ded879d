package io.temas.campaigns;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
 * and the SMS and e-mail not yet sent. One set-based statement (and a second when messages wait to
 * be withdrawn), so it costs the same for one call list or twenty.
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
        return suppress(campaignId, customerId, reason, now, null, new Object[0]);
    }

    /**
     * {@link #suppress(UUID, UUID, String, Instant)} with a write of the caller's own (an insert or update without
     * {@code returning}, reading nothing the suppression writes) in the same statement: the response that caused it.
     */
    Removed suppress(UUID campaignId, UUID customerId, String reason, Instant now, String alongside, Object[] params) {
        return timer.record(() -> run(campaignId, customerId, reason, now, alongside, params));
    }

    /**
     * The suppression's row, the call-list entries' removal and the look-up of the queued messages in one statement: none
     * reads what another writes, and a burst of answers waits on one round trip each instead of three.
     */
    private Removed run(UUID campaignId, UUID customerId, String reason, Instant now, String alongside, Object[] params) {
        Timestamp at = Timestamp.from(now);
        List<CallListEntryRemoved> removed = new ArrayList<>();
        List<UUID> queued = new ArrayList<>();
        Object[] own = {campaignId, customerId, reason, at, reason, at, campaignId, customerId, campaignId, customerId};
        Object[] all = java.util.Arrays.copyOf(params, params.length + own.length);
        System.arraycopy(own, 0, all, params.length, own.length);
        jdbc.sql((alongside == null ? "with " : "with a as (" + alongside + "), ") + """
                        s as (insert into campaign_suppressions (campaign_id, customer_id, reason, created_at) values (?, ?, ?, ?)
                                   on conflict do nothing),
                        r as (update call_list_entries set status = 'removed', reason = ?, updated_at = ?
                              where campaign_id = ? and customer_id = ? and status in ('pending', 'previewing') returning call_list_id, phone)
                        select call_list_id, phone, null::uuid as outbox_id from r
                        union all
                        select null, null, outbox_id from campaign_contacts where campaign_id = ? and customer_id = ? and status = 'queued'""")
                .params(all)
                .query(rs -> {
                    UUID outboxId = rs.getObject("outbox_id", UUID.class);
                    if (outboxId != null) {
                        queued.add(outboxId);
                    } else {
                        removed.add(new CallListEntryRemoved(rs.getObject("call_list_id", UUID.class), campaignId, customerId,
                                rs.getString("phone"), reason, now));
                    }
                });
        removed.forEach(events::publishEvent);
        List<UUID> withdrawn = outbox.withdraw(queued, reason);
        return new Removed(removed.size(), withdrawn.size());
    }
}
