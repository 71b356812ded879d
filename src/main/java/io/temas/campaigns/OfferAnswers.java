package io.temas.campaigns;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.NotFound;
import io.temas.shared.ReasonCode;
import io.temas.shared.RefusedByRule;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer accepts or declines an offer by pressing a button on their own page of the help
 * centre, signed in. It is a campaign response like an SMS "EVET" or a click in the campaign
 * e-mail: recorded in {@code campaign_responses} (channel {@code webform}, medium {@code portal}),
 * the customer suppressed for the campaign on every channel, {@link CampaignResponded} published
 * and the timeline told, all in one transaction. A customer answers an offer once: under a lock
 * on the customer and campaign, a second press finds the first answer and changes nothing.
 */
@Service
public class OfferAnswers {

    /** The medium and entry point a response from the help centre is recorded with. */
    public static final String MEDIUM = "portal";

    /** What became of an answer. */
    public enum Outcome {
        RECORDED, ALREADY_ANSWERED
    }

    /** The campaign runs no more, or the customer is not among those it offers to. */
    public static final class OfferClosed extends RefusedByRule {
        OfferClosed(UUID campaignId) {
            super("campaign " + campaignId + " makes no offer to this customer now");
        }
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Customers customers;
    private final Audiences audiences;
    private final Suppression suppression;
    private final CustomerTimeline timeline;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    OfferAnswers(JdbcClient jdbc, Campaigns campaigns, Customers customers, Audiences audiences, Suppression suppression,
                 CustomerTimeline timeline, ApplicationEventPublisher events, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.customers = customers;
        this.audiences = audiences;
        this.suppression = suppression;
        this.timeline = timeline;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Records the customer's (following merges) answer to a running campaign they qualify for.
     *
     * @param kind {@link ResponseKind#ACCEPTED} or {@link ResponseKind#DECLINED}
     * @throws NotFound    for a campaign that does not exist
     * @throws OfferClosed when it does not run now or does not offer to this customer
     */
    @Transactional
    public Outcome answer(CustomerId customer, UUID campaignId, ResponseKind kind) {
        if (kind != ResponseKind.ACCEPTED && kind != ResponseKind.DECLINED) {
            throw new io.temas.shared.InvalidInput("answer", "an offer is accepted or declined");
        }
        UUID customerId = customers.current(customer).id().value();
        Campaign campaign = campaigns.get(campaignId);
        Instant now = clock.instant();
        if (!campaign.runsAt(now) || !campaigns.target(campaignId).map(t -> audiences.includes(t, customerId)).orElse(true)) {
            throw new OfferClosed(campaignId);
        }
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(customerId.hashCode(), campaignId.hashCode()).query((rs, n) -> 1).list();
        boolean answered = jdbc.sql("""
                        select exists (select 1 from campaign_responses where campaign_id = ? and customer_id = ?
                        and kind in ('accepted', 'declined'))""")
                .params(campaignId, customerId).query(Boolean.class).single();
        if (answered) {
            return Outcome.ALREADY_ANSWERED;
        }
        UUID id = ids.next();
        jdbc.sql("""
                        insert into campaign_responses (id, campaign_id, customer_id, kind, channel, medium, entry_point, occurred_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, campaignId, customerId, kind.code(), ChannelType.WEBFORM.code(), MEDIUM, MEDIUM, Timestamp.from(now)).update();
        Suppression.Removed removed = suppression.suppress(campaignId, customerId, "answered " + kind.code() + " on the help centre", now);
        events.publishEvent(new CampaignResponded(id, campaignId, campaign.code(), customerId, kind, ChannelType.WEBFORM, MEDIUM, MEDIUM,
                now));
        timeline.record(new CustomerId(customerId), List.of(new CustomerTimeline.Entry(now, "campaign.responded",
                ChannelType.WEBFORM.code(), "Campaign " + campaign.code() + " (" + campaign.name() + "): " + kind.code()
                        + " on the help centre; removed from " + removed.callListEntries() + " call list(s), " + removed.messages()
                        + " queued message(s) withdrawn", null, null,
                ReasonCode.of("timeline.campaign.responded.detail", campaign.code(), campaign.name(),
                        ReasonCode.key("response." + kind.code()), ReasonCode.key("selfservice.medium.portal"), MEDIUM,
                        removed.callListEntries(), removed.messages()))));
        return Outcome.RECORDED;
    }
}
