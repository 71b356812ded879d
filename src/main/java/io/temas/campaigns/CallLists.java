package io.temas.campaigns;

import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.shared.ChannelType;
import io.temas.shared.IdentifierType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Call lists for the call centre: per campaign, ordered by priority, handed out one number at a
 * time to dialers after a just-in-time check of every contact policy, with wrap-up outcomes.
 */
@Service
public class CallLists {

    private static final int CANDIDATES = 16;

    /** A callable contact: who, at which number. */
    public record Callable(UUID entryId, UUID customerId, String phone) {
    }

    /** The list as a dialer sees it: how many are still to call, and who, in order. */
    public record View(UUID id, UUID campaignId, String name, int pending, List<Callable> items) {
    }

    /** A call list in a campaign's overview. */
    public record Summary(UUID id, String name, int pending, int total, Instant createdAt) {
    }

    /** Wrap-up outcomes an agent records after a call. */
    public enum Outcome {
        ACCEPTED, DECLINED, INTERESTED, OPTED_OUT, NO_ANSWER, BUSY, CALLBACK, WRONG_NUMBER;

        public static Outcome of(String code) {
            try {
                return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new InvalidInput("outcome", "outcome must be one of accepted, declined, interested, opted-out, no-answer, busy, "
                        + "callback, wrong-number, not '" + code + "'");
            }
        }

        ResponseKind response() {
            return switch (this) {
                case ACCEPTED -> ResponseKind.ACCEPTED;
                case DECLINED -> ResponseKind.DECLINED;
                case INTERESTED -> ResponseKind.INTERESTED;
                case OPTED_OUT -> ResponseKind.OPTED_OUT;
                default -> null;
            };
        }
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Customers customers;
    private final ContactPolicies policies;
    private final Suppression suppression;
    private final Consents consents;
    private final CustomerTimeline timeline;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    CallLists(JdbcClient jdbc, Campaigns campaigns, Customers customers, ContactPolicies policies, Suppression suppression,
              Consents consents, CustomerTimeline timeline, TransactionTemplate transactions, ApplicationEventPublisher events, Ids ids,
              Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.customers = customers;
        this.policies = policies;
        this.suppression = suppression;
        this.consents = consents;
        this.timeline = timeline;
        this.transactions = transactions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** A customer to put on a call list; a higher priority is called earlier. */
    public record Entry(UUID customerId, int priority) {
    }

    /** Creates a call list of the given customers, called in the given order. */
    public UUID create(UUID campaignId, String name, List<UUID> customerIds) {
        if (customerIds == null || customerIds.isEmpty()) {
            throw new InvalidInput("customerIds", "customerIds must name at least one customer");
        }
        return createWithPriorities(campaignId, name, customerIds.stream().map(id -> new Entry(id, 0)).toList());
    }

    /**
     * Creates a call list: higher priorities first, the given order within a priority. Customers
     * without a phone number, or who already answered the campaign, are kept as removed.
     */
    public UUID createWithPriorities(UUID campaignId, String name, List<Entry> entries) {
        campaigns.get(campaignId);
        if (entries == null || entries.isEmpty()) {
            throw new InvalidInput("entries", "a call list needs at least one customer");
        }
        return transactions.execute(tx -> {
            UUID id = ids.next();
            Instant now = clock.instant();
            jdbc.sql("insert into call_lists (id, campaign_id, name, created_at) values (?, ?, ?, ?)")
                    .params(id, campaignId, name, Timestamp.from(now)).update();
            List<UUID> entryIds = new ArrayList<>();
            List<UUID> owners = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            List<Integer> priorities = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            int position = 0;
            for (Entry entry : entries) {
                if (entry.customerId() == null) {
                    throw new InvalidInput("entries", "every entry needs a customerId");
                }
                Customer customer = customers.current(new CustomerId(entry.customerId()));
                if (!seen.add(customer.id().value())) {
                    continue;
                }
                Optional<String> phone = customers.identities(customer.id()).stream()
                        .filter(i -> i.type() == IdentifierType.PHONE).map(Identity::value).findFirst();
                entryIds.add(ids.next());
                owners.add(customer.id().value());
                phones.add(phone.orElse(null));
                statuses.add(phone.isPresent() ? "pending" : "removed");
                reasons.add(phone.isPresent() ? null : "no phone number");
                positions.add(position++);
                priorities.add(entry.priority());
            }
            jdbc.sql("""
                            insert into call_list_entries (id, call_list_id, campaign_id, customer_id, phone, priority, position, status, reason,
                            updated_at)
                            select e, ?, ?, c, p, pr, pos, s, r, ? from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[])
                            as t(e, c, p, pr, pos, s, r)""")
                    .params(id, campaignId, Timestamp.from(now), entryIds.toArray(UUID[]::new), owners.toArray(UUID[]::new),
                            phones.toArray(String[]::new), priorities.toArray(Integer[]::new), positions.toArray(Integer[]::new),
                            statuses.toArray(String[]::new), reasons.toArray(String[]::new))
                    .update();
            jdbc.sql("""
                            update call_list_entries e set status = 'removed', reason = 'already responded: ' || s.reason
                            from campaign_suppressions s where e.call_list_id = ? and s.campaign_id = e.campaign_id
                            and s.customer_id = e.customer_id and e.status = 'pending'""")
                    .param(id).update();
            return id;
        });
    }

    public View view(UUID id) {
        Summary list = header(id);
        List<Callable> items = jdbc.sql("""
                        select id, customer_id, phone from call_list_entries where call_list_id = ? and status = 'pending'
                        order by priority desc, position""")
                .param(id).query((rs, n) -> new Callable(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                        rs.getString("phone"))).list();
        return new View(id, campaignOf(id), list.name(), items.size(), items);
    }

    /** A campaign's call lists, newest first. */
    public List<Summary> ofCampaign(UUID campaignId) {
        campaigns.get(campaignId);
        return jdbc.sql("""
                        select l.id, l.name, l.created_at, count(e.id) filter (where e.status = 'pending') as pending, count(e.id) as total
                        from call_lists l left join call_list_entries e on e.call_list_id = l.id where l.campaign_id = ?
                        group by l.id order by l.created_at desc""")
                .param(campaignId)
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("pending"), rs.getInt("total"),
                        rs.getTimestamp("created_at").toInstant())).list();
    }

    private Summary header(UUID id) {
        return jdbc.sql("select id, name, created_at from call_lists where id = ?").param(id)
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("name"), 0, 0, rs.getTimestamp("created_at").toInstant()))
                .optional().orElseThrow(() -> new CampaignNotFound("call list", id));
    }

    /** The campaign a call list belongs to. */
    public UUID campaignOf(UUID callListId) {
        return jdbc.sql("select campaign_id from call_lists where id = ?").param(callListId).query(UUID.class).optional()
                .orElseThrow(() -> new CampaignNotFound("call list", callListId));
    }

    /**
     * Hands out the next callable contact: the first pending entry, in priority order, that no
     * other dialer holds ({@code FOR UPDATE SKIP LOCKED}) and that every contact policy allows
     * now. Entries a policy refuses for good leave the list with the reason; during quiet hours
     * nobody is callable.
     */
    public Optional<Callable> next(UUID callListId) {
        UUID campaignId = campaignOf(callListId);
        return transactions.execute(tx -> {
            List<UUID> skipped = new ArrayList<>();
            while (true) {
                List<Callable> candidates = jdbc.sql("""
                                select id, customer_id, phone from call_list_entries where call_list_id = ? and status = 'pending'
                                and id <> all(?) order by priority desc, position limit ? for update skip locked""")
                        .params(callListId, skipped.toArray(UUID[]::new), CANDIDATES)
                        .query((rs, n) -> new Callable(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                                rs.getString("phone"))).list();
                if (candidates.isEmpty()) {
                    return Optional.<Callable>empty();
                }
                Instant now = clock.instant();
                for (Callable candidate : candidates) {
                    ContactDecision decision = policies.decide(new ContactPolicies.Contact(candidate.customerId(), candidate.phone(),
                            ChannelType.VOICE, Purpose.COMMERCIAL, campaignId), false);
                    switch (decision) {
                        case ContactDecision.Allowed allowed -> {
                            jdbc.sql("update call_list_entries set status = 'handed-out', handed_out_at = ?, updated_at = ? where id = ?")
                                    .params(Timestamp.from(now), Timestamp.from(now), candidate.entryId()).update();
                            return Optional.of(candidate);
                        }
                        case ContactDecision.Refused refused when refused.temporary() -> {
                            return Optional.<Callable>empty();
                        }
                        // Called often enough lately: not now, but the entry stays for when the window has passed.
                        case ContactDecision.Refused refused when "frequency-cap".equals(refused.policy()) -> skipped.add(candidate.entryId());
                        case ContactDecision.Refused refused -> remove(callListId, campaignId, candidate, refused.policy() + ": " + refused.reason(), now);
                    }
                }
            }
        });
    }

    /**
     * Records an agent's wrap-up. A response (accepted, declined, interested, opted out) is a
     * campaign response on the voice channel and suppresses the customer everywhere for the
     * campaign; no answer and busy put the entry back at the end of the list.
     */
    public void outcome(UUID callListId, UUID customerId, Outcome outcome, String agent) {
        UUID campaignId = campaignOf(callListId);
        Campaign campaign = campaigns.get(campaignId);
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            UUID owner = customers.current(new CustomerId(customerId)).id().value();
            String phone = jdbc.sql("select phone from call_list_entries where call_list_id = ? and customer_id = ?")
                    .params(callListId, owner).query(String.class).optional()
                    .orElseThrow(() -> new CampaignNotFound("entry on call list " + callListId + " for customer", customerId));
            String status = switch (outcome) {
                case NO_ANSWER, BUSY, CALLBACK -> "pending";
                case WRONG_NUMBER -> "removed";
                default -> "done";
            };
            jdbc.sql("""
                            update call_list_entries set status = ?, outcome = ?, updated_at = ?,
                            position = case when ? = 'pending' then (select coalesce(max(position), 0) + 1 from call_list_entries where call_list_id = ?)
                            else position end where call_list_id = ? and customer_id = ?""")
                    .params(status, outcome.name().toLowerCase(Locale.ROOT), Timestamp.from(now), status, callListId, callListId, owner)
                    .update();
            List<CustomerTimeline.Entry> record = new ArrayList<>();
            record.add(new CustomerTimeline.Entry(now, "campaign.call", ChannelType.VOICE.code(), "Campaign " + campaign.code()
                    + " call" + (agent == null ? "" : " by " + agent) + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    null, null));
            if (outcome == Outcome.OPTED_OUT) {
                consents.record(new CustomerId(owner), phone, ChannelType.VOICE, Purpose.COMMERCIAL, false,
                        "call outcome" + (agent == null ? "" : " recorded by " + agent), now);
                events.publishEvent(new CustomerOptedOut(owner, ChannelType.VOICE, phone, "call outcome", now));
            }
            ResponseKind response = outcome.response();
            if (response != null) {
                UUID id = ids.next();
                jdbc.sql("""
                                insert into campaign_responses (id, campaign_id, customer_id, kind, channel, medium, entry_point, occurred_at)
                                values (?, ?, ?, ?, 'voice', 'call-centre', ?, ?)""")
                        .params(id, campaignId, owner, response.code(), "call-list:" + callListId, Timestamp.from(now)).update();
                suppression.suppress(campaignId, owner, "responded " + response.code() + " by voice", now);
                events.publishEvent(new CampaignResponded(id, campaignId, campaign.code(), owner, response, ChannelType.VOICE, "call-centre",
                        "call-list:" + callListId, now));
            }
            timeline.record(new CustomerId(owner), record);
        });
    }

    private void remove(UUID callListId, UUID campaignId, Callable entry, String reason, Instant now) {
        jdbc.sql("update call_list_entries set status = 'removed', reason = ?, updated_at = ? where id = ?")
                .params(reason, Timestamp.from(now), entry.entryId()).update();
        events.publishEvent(new CallListEntryRemoved(callListId, campaignId, entry.customerId(), entry.phone(), reason, now));
    }
}
