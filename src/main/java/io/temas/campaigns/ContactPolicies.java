package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static final List<ContactPolicy> LASTING = ContactPolicy.lasting();

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

    /**
     * Decides many contacts on one channel for one purpose at once, asking only the policies whose
     * refusal lasts whatever the hour, the campaign or the recent contacts ({@link ContactPolicy#lasting()}:
     * do-not-contact and consent). Answers in the contacts' order; used when a call list is built, so
     * that its count of people to call is true from the start.
     *
     * @param addresses the address of each customer, in the same order (an element may be null)
     */
    List<ContactDecision> decideLasting(ChannelType channel, Purpose purpose, List<UUID> customers, List<String> addresses) {
        Instant now = clock.instant();
        List<Boolean> consent = consents.states(customers, addresses, channel, purpose);
        Map<UUID, List<String>> doNotContact = consents.doNotContactReasons(customers, channel, now);
        ContactRules.Rule rule = rules.rule(channel);
        ZonedDateTime local = now.atZone(settings.zone());
        List<ContactDecision> decisions = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            decisions.add(decide(LASTING, new ContactFacts(channel, purpose, local, consent.get(i), settings.requireConsent(),
                    doNotContact.getOrDefault(customers.get(i), List.of()), 0, rule, null, false)));
        }
        return decisions;
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
