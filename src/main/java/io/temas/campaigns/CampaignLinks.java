package io.temas.campaigns;

import io.temas.shared.ReasonCode;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tracked links in campaign e-mail. Each message carries a link naming its contact; the first
 * click is a response (interested, by e-mail) and suppresses the customer for the campaign on
 * every channel, like an SMS reply.
 */
@Service
public class CampaignLinks {

    private record Contact(UUID campaignId, UUID customerId, String status, String link) {
    }

    /** Where a click leads: the send's link, if it has one. */
    public record Click(boolean known, String target) {
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Suppression suppression;
    private final CustomerTimeline timeline;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    CampaignLinks(JdbcClient jdbc, Campaigns campaigns, Suppression suppression, CustomerTimeline timeline, ApplicationEventPublisher events,
                  Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.suppression = suppression;
        this.timeline = timeline;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public Click click(UUID contactId) {
        Optional<Contact> contact = jdbc.sql("""
                        select c.campaign_id, c.customer_id, c.status, s.link from campaign_contacts c left join campaign_sends s on s.id = c.send_id
                        where c.id = ? and c.channel = 'email' for update of c""")
                .param(contactId)
                .query((rs, n) -> new Contact(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)))
                .optional();
        if (contact.isEmpty()) {
            return new Click(false, null);
        }
        UUID campaignId = contact.get().campaignId();
        UUID customerId = contact.get().customerId();
        String target = contact.get().link();
        if ("clicked".equals(contact.get().status())) {
            return new Click(true, target);
        }
        Instant now = clock.instant();
        Campaign campaign = campaigns.get(campaignId);
        jdbc.sql("update campaign_contacts set status = 'clicked', updated_at = ? where id = ?").params(Timestamp.from(now), contactId).update();
        UUID id = ids.next();
        jdbc.sql("""
                        insert into campaign_responses (id, campaign_id, customer_id, kind, channel, medium, entry_point, occurred_at)
                        values (?, ?, ?, 'interested', 'email', 'email-link', ?, ?)""")
                .params(id, campaignId, customerId, "link:" + contactId, Timestamp.from(now)).update();
        Suppression.Removed removed = suppression.suppress(campaignId, customerId, "clicked the campaign e-mail", now);
        events.publishEvent(new CampaignResponded(id, campaignId, campaign.code(), customerId, ResponseKind.INTERESTED, ChannelType.EMAIL,
                "email-link", "link:" + contactId, now));
        timeline.record(new CustomerId(customerId), List.of(new CustomerTimeline.Entry(now, "campaign.responded", ChannelType.EMAIL.code(),
                "Campaign " + campaign.code() + ": clicked the link in its e-mail; removed from " + removed.callListEntries()
                        + " call list(s), " + removed.messages() + " queued message(s) withdrawn", null, null,
                ReasonCode.of("timeline.campaign.clicked.detail", campaign.code(), removed.callListEntries(), removed.messages()))));
        return new Click(true, target);
    }
}
