package io.temas.campaigns;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What an agent sees of campaigns beside a conversation: the campaigns running now, each with
 * this customer's contacts (messages sent, call-list entries) and responses, and the campaigns
 * the customer answered or was contacted for that have ended since. Read fresh on every call,
 * so it is as current as the database.
 */
@Service
public class CustomerCampaigns {

    /** One contact: a campaign message or a call-list entry. */
    public record Contact(ChannelType channel, String status, String detail, Instant at) {
    }

    /** One response. */
    public record Response(ResponseKind kind, ChannelType channel, String medium, String entryPoint, Instant at) {
    }

    /**
     * A campaign as one customer stands with it.
     *
     * @param runningNow whether it runs now
     * @param qualifies  whether the customer is in the campaign's target audience (every customer is, when it has none)
     * @param answered   whether the customer responded (and is suppressed for it)
     */
    public record Offer(Campaign campaign, boolean runningNow, boolean qualifies, boolean answered, List<Contact> contacts,
                        List<Response> responses) {
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Customers customers;
    private final Audiences audiences;
    private final Clock clock;

    CustomerCampaigns(JdbcClient jdbc, Campaigns campaigns, Customers customers, Audiences audiences, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.customers = customers;
        this.audiences = audiences;
        this.clock = clock;
    }

    /** The campaigns running now, newest first, for the console's campaign list. */
    public List<Campaign> runningNow() {
        return campaigns.runningNow();
    }

    /**
     * For one customer (following merges): every campaign running now, then any other campaign
     * the customer was contacted for or answered; each with whether the customer qualifies for it
     * and the customer's contacts and responses, newest first.
     */
    public List<Offer> forCustomer(CustomerId customer) {
        UUID id = customers.current(customer).id().value();
        Instant now = clock.instant();
        List<Contact> none = List.of();
        Set<UUID> shown = new LinkedHashSet<>();
        campaigns.runningNow().forEach(c -> shown.add(c.id()));
        shown.addAll(jdbc.sql("""
                        select campaign_id from campaign_responses where customer_id = ? union
                        select campaign_id from campaign_contacts where customer_id = ? union
                        select campaign_id from call_list_entries where customer_id = ?""")
                .params(id, id, id).query(UUID.class).list());
        List<Offer> offers = new ArrayList<>();
        for (UUID campaignId : shown) {
            Campaign campaign = campaigns.get(campaignId);
            List<Contact> contacts = new ArrayList<>(jdbc.sql("""
                            select channel, status, detail, updated_at from campaign_contacts where campaign_id = ? and customer_id = ?
                            union all
                            select 'voice', status, coalesce(outcome, reason), updated_at from call_list_entries where campaign_id = ? and customer_id = ?
                            order by 4 desc""")
                    .params(campaignId, id, campaignId, id)
                    .query((rs, n) -> new Contact(ChannelType.of(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant())).list());
            List<Response> responses = jdbc.sql("""
                            select kind, channel, medium, entry_point, occurred_at from campaign_responses where campaign_id = ? and customer_id = ?
                            order by occurred_at desc""")
                    .params(campaignId, id)
                    .query((rs, n) -> new Response(ResponseKind.of(rs.getString("kind")), ChannelType.of(rs.getString("channel")),
                            rs.getString("medium"), rs.getString("entry_point"), rs.getTimestamp("occurred_at").toInstant())).list();
            boolean qualifies = campaigns.target(campaignId).map(target -> audiences.includes(target, id)).orElse(true);
            offers.add(new Offer(campaign, campaign.runsAt(now), qualifies, !responses.isEmpty(), contacts.isEmpty() ? none : contacts,
                    responses));
        }
        return offers;
    }
}
