package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Decides whether a customer may be contacted on a channel for a purpose (and a campaign) right
 * now, by asking the named {@link ContactPolicy policies} over facts read fresh from the database.
 * Called when a send is planned, again just before each message leaves, and by the dialer just
 * before it hands out a number.
 */
@Service
public class ContactPolicies {

    /** One contact to decide on; {@code campaignId} may be null. */
    public record Contact(UUID customerId, String address, ChannelType channel, Purpose purpose, UUID campaignId) {
    }

    private final JdbcClient jdbc;
    private final Consents consents;
    private final ContactRules rules;
    private final Campaigns campaigns;
    private final CampaignSettings settings;
    private final Clock clock;
    private final List<ContactPolicy> policies = ContactPolicy.all();

    ContactPolicies(JdbcClient jdbc, Consents consents, ContactRules rules, Campaigns campaigns, CampaignSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.rules = rules;
        this.campaigns = campaigns;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Decides on one contact.
     *
     * @param alreadyQueued true when the contact is itself a queued message being checked before it leaves (it is not counted against the cap)
     */
    public ContactDecision decide(Contact contact, boolean alreadyQueued) {
        return decide(facts(contact, alreadyQueued));
    }

    static ContactDecision decide(List<ContactPolicy> policies, ContactFacts facts) {
        for (ContactPolicy policy : policies) {
            ContactDecision decision = policy.decide(facts);
            if (decision instanceof ContactDecision.Refused) {
                return decision;
            }
        }
        return ContactDecision.ALLOWED;
    }

    private ContactDecision decide(ContactFacts facts) {
        return decide(policies, facts);
    }

    private ContactFacts facts(Contact c, boolean alreadyQueued) {
        Instant now = clock.instant();
        ContactRules.Rule rule = rules.rule(c.channel());
        Boolean running = null;
        boolean answered = false;
        if (c.campaignId() != null) {
            running = campaigns.get(c.campaignId()).runsAt(now);
            answered = jdbc.sql("select exists (select 1 from campaign_suppressions where campaign_id = ? and customer_id = ?)")
                    .params(c.campaignId(), c.customerId()).query(Boolean.class).single();
        }
        int contacts = c.purpose() == Purpose.COMMERCIAL && rule.cap() != null ? contactsInWindow(c, rule, now, alreadyQueued) : 0;
        return new ContactFacts(c.channel(), c.purpose(), now.atZone(settings.zone()),
                consents.state(c.customerId(), c.address(), c.channel(), c.purpose()), settings.requireConsent(),
                consents.doNotContactReasons(c.customerId(), c.channel(), now), contacts, rule, running, answered);
    }

    private int contactsInWindow(Contact c, ContactRules.Rule rule, Instant now, boolean alreadyQueued) {
        Timestamp since = Timestamp.from(now.minus(Duration.ofDays(rule.capWindowDays())));
        if (ChannelType.VOICE.equals(c.channel())) {
            return jdbc.sql("select count(*) from call_list_entries where customer_id = ? and handed_out_at >= ?")
                    .params(c.customerId(), since).query(Integer.class).single();
        }
        String counted = alreadyQueued ? "('sent', 'delivered', 'opened', 'clicked')" : "('queued', 'sent', 'delivered', 'opened', 'clicked')";
        return jdbc.sql("select count(*) from campaign_contacts where customer_id = ? and channel = ? and created_at >= ? and status in "
                        + counted)
                .params(c.customerId(), c.channel().code(), since).query(Integer.class).single();
    }
}
