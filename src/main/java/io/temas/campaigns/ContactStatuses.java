package io.temas.campaigns;

import io.temas.channels.OutboundDelivered;
import io.temas.channels.OutboundDropped;
import io.temas.channels.OutboundFailed;
import io.temas.channels.OutboundSent;
import io.temas.channels.OutboxOutcome;
import io.temas.channels.OutboxOutcomes;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps each campaign contact's status in step with its outbox entry, in the outbox's transaction. */
@Component
class ContactStatuses {

    private final JdbcClient jdbc;
    private final Clock clock;

    ContactStatuses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // One statement for a dispatcher batch.
    @EventListener
    void on(OutboundSent sent) {
        set(sent, "sent");
    }

    @EventListener
    void on(OutboundFailed failed) {
        set(failed, "failed");
    }

    @EventListener
    void on(OutboundDropped dropped) {
        set(dropped, "dropped");
    }

    @EventListener
    void on(OutboundDelivered receipt) {
        set(receipt.outboxId(), receipt.delivery(), receipt.detail());
    }

    private void set(OutboxOutcomes outcomes, String status) {
        // Only a campaign's own sends have contacts, and they belong to no conversation: a batch of replies and
        // acknowledgements asks nothing.
        List<OutboxOutcome> sends = outcomes.outcomes().stream().filter(o -> o.conversationId() == null && o.messageId() == null).toList();
        if (sends.isEmpty()) {
            return;
        }
        // A click is the furthest a contact gets; a late receipt does not take it back.
        jdbc.sql("""
                        update campaign_contacts c set status = ?, detail = t.detail, updated_at = ?
                        from unnest(?::uuid[], ?::text[]) as t(outbox_id, detail) where c.outbox_id = t.outbox_id and c.status <> 'clicked'""")
                .params(status, Timestamp.from(clock.instant()), sends.stream().map(OutboxOutcome::outboxId).toArray(UUID[]::new),
                        sends.stream().map(OutboxOutcome::reason).toArray(String[]::new))
                .update();
    }

    private void set(UUID outboxId, String status, String detail) {
        jdbc.sql("update campaign_contacts set status = ?, detail = ?, updated_at = ? where outbox_id = ? and status <> 'clicked'")
                .params(status, detail, Timestamp.from(clock.instant()), outboxId).update();
    }
}
