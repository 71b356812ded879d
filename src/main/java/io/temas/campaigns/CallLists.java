package io.temas.campaigns;

import io.temas.shared.ReasonCode;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Entries a dialer locks at a time while looking for a callable one. One: a dialer that locked
     * several would leave its neighbours nothing to take when few entries are left, although it
     * hands out only the first.
     */
    private static final int CANDIDATES = 1;
    /**
     * Entries one request may take off the list as refused for good before it answers that nobody is callable: a list whose
     * customers, say, withdrew their consent after it was built would otherwise be walked whole in one request and one transaction.
     */
    public static final int REFUSALS_PER_REQUEST = 100;

    /** A preview nobody acted on for this long (a closed browser) goes back to the list. */
    public static final java.time.Duration HOLD_LIMIT = java.time.Duration.ofMinutes(20);

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
        return createOnce(campaignId, name, customerIds, null).id();
    }

    /**
     * Creates a call list: higher priorities first, the given order within a priority. Customers
     * without a phone number, who already answered the campaign, or whom a lasting contact rule
     * refuses (do not contact, consent withdrawn or not recorded) are kept as removed, with the reason.
     */
    public UUID createWithPriorities(UUID campaignId, String name, List<Entry> entries) {
        return build(campaignId, name, entries, null).id();
    }

    /**
     * A call list as a form built it, with how many it has to call; {@code created} is false (and
     * {@code pending} 0) when the form's request had built it already.
     */
    public record Built(UUID id, boolean created, int pending) {
    }

    /**
     * Creates a call list as {@link #create} does, once per {@code request} (a form's token; null:
     * every call creates one): the same request again, or at the same time, answers the list the
     * first one built.
     */
    public Built createOnce(UUID campaignId, String name, List<UUID> customerIds, UUID request) {
        if (customerIds == null || customerIds.isEmpty()) {
            throw new InvalidInput("customerIds", "customerIds must name at least one customer");
        }
        return build(campaignId, name, customerIds.stream().map(id -> new Entry(id, 0)).toList(), request);
    }

    private Built build(UUID campaignId, String name, List<Entry> entries, UUID request) {
        campaigns.get(campaignId);
        String title = name == null || name.isBlank() ? null : TextInput.check("name", name.strip(), false);
        if (entries == null || entries.isEmpty()) {
            throw new InvalidInput("entries", "a call list needs at least one customer");
        }
        if (entries.stream().anyMatch(e -> e.customerId() == null)) {
            throw new InvalidInput("entries", "every entry needs a customerId");
        }
        return transactions.execute(tx -> {
            UUID id = ids.next();
            Instant now = clock.instant();
            // A second insert of the same request waits for the first to commit, then inserts nothing.
            boolean inserted = jdbc.sql("""
                            insert into call_lists (id, campaign_id, name, created_at, request_id) values (?, ?, ?, ?, ?)
                            on conflict (request_id) where request_id is not null do nothing""")
                    .params(id, campaignId, title, Timestamp.from(now), request).update() == 1;
            if (!inserted) {
                return new Built(jdbc.sql("select id from call_lists where request_id = ?").param(request).query(UUID.class).single(), false, 0);
            }
            Map<UUID, Customers.LivePhone> live = customers.livePhones(entries.stream().map(Entry::customerId).distinct().toList());
            List<UUID> owners = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<Integer> priorities = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            for (Entry entry : entries) {
                Customers.LivePhone customer = live.get(entry.customerId());
                if (seen.add(customer.live().value())) {
                    owners.add(customer.live().value());
                    phones.add(customer.phone().orElse(null));
                    priorities.add(entry.priority());
                }
            }
            String[] reasons = removals(campaignId, owners, phones);
            UUID[] entryIds = new UUID[owners.size()];
            Integer[] positions = new Integer[owners.size()];
            String[] statuses = new String[owners.size()];
            int pending = 0;
            for (int i = 0; i < owners.size(); i++) {
                entryIds[i] = ids.next();
                positions[i] = i;
                statuses[i] = reasons[i] == null ? "pending" : "removed";
                pending += reasons[i] == null ? 1 : 0;
            }
            jdbc.sql("""
                            insert into call_list_entries (id, call_list_id, campaign_id, customer_id, phone, priority, position, status, reason,
                            updated_at)
                            select e, ?, ?, c, p, pr, pos, s, r, ? from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[])
                            as t(e, c, p, pr, pos, s, r)""")
                    .params(id, campaignId, Timestamp.from(now), entryIds, owners.toArray(UUID[]::new), phones.toArray(String[]::new),
                            priorities.toArray(Integer[]::new), positions, statuses, reasons)
                    .update();
            return new Built(id, true, pending);
        });
    }

    /**
     * Why each new entry starts removed, or null: no phone number, then an answer to the campaign,
     * then the lasting contact rules, in the order the dialer's own check asks them.
     */
    private String[] removals(UUID campaignId, List<UUID> owners, List<String> phones) {
        String[] reasons = new String[owners.size()];
        Map<UUID, String> answered = new HashMap<>();
        jdbc.sql("select customer_id, reason from campaign_suppressions where campaign_id = ? and customer_id = any(?)")
                .params(campaignId, owners.toArray(UUID[]::new))
                .query((rs, n) -> answered.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        List<Integer> reachable = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            if (phones.get(i) == null) {
                reasons[i] = RemovalReasons.NO_PHONE;
            } else if (answered.containsKey(owners.get(i))) {
                reasons[i] = RemovalReasons.ALREADY_RESPONDED + answered.get(owners.get(i));
            } else {
                reachable.add(i);
            }
        }
        List<ContactDecision> decisions = policies.decideLasting(ChannelType.VOICE, Purpose.COMMERCIAL,
                reachable.stream().map(owners::get).toList(), reachable.stream().map(phones::get).toList());
        for (int k = 0; k < reachable.size(); k++) {
            if (decisions.get(k) instanceof ContactDecision.Refused refused) {
                reasons[reachable.get(k)] = refused.policy() + ": " + refused.reason();
            }
        }
        return reasons;
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

    /**
     * How many entries of each of a campaign's call lists have left it, by the
     * {@link RemovalReasons#code code} of their reason, the most frequent first.
     */
    public Map<UUID, Map<String, Integer>> removedByReason(UUID campaignId) {
        Map<UUID, Map<String, Integer>> counts = new HashMap<>();
        jdbc.sql("""
                        select call_list_id, reason, count(*) as n from call_list_entries where campaign_id = ? and status = 'removed'
                        group by call_list_id, reason""")
                .param(campaignId)
                .query((rs, n) -> counts.computeIfAbsent(rs.getObject("call_list_id", UUID.class), k -> new HashMap<>())
                        .merge(RemovalReasons.code(rs.getString("reason")), rs.getInt("n"), Integer::sum))
                .list();
        counts.replaceAll((list, byCode) -> byCode.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(LinkedHashMap::new, (ordered, e) -> ordered.put(e.getKey(), e.getValue()), Map::putAll));
        return counts;
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
     * now. Entries a policy refuses for good leave the list with the reason, at most
     * {@link #REFUSALS_PER_REQUEST} a request (then nobody is callable for this request; the next
     * goes on past them); during quiet hours nobody is callable. An entry to be called back at a
     * time is not handed out before it, and once due comes before the rest, earliest first.
     */
    public Optional<Callable> next(UUID callListId) {
        return take(callListId, null, clock.instant()).callable();
    }

    /**
     * What one request for the next contact came to: the contact, if anybody was callable, and how many entries it took
     * off the list on the way because a contact policy refuses them for good.
     */
    public record Taken(Optional<Callable> callable, int removed) {
    }

    /**
     * The contact an agent previews on the dialer screen: the one {@code holder} already has on
     * screen for this list, else the next callable one (as {@link #next}), held for them (status
     * {@code previewing}) until they call, record an outcome or skip. A held entry stays on the
     * list for suppression: a customer who answers the campaign elsewhere while previewed leaves
     * it ({@link CallListEntryRemoved}). Holds older than {@link #HOLD_LIMIT} (a closed browser)
     * go back to the list first.
     */
    public Taken preview(UUID callListId, String holder) {
        return preview(callListId, holder, clock.instant());
    }

    /** As {@link #preview(UUID, String)} at the given time (the time call-backs are due by). */
    public Taken preview(UUID callListId, String holder, Instant now) {
        if (holder == null || holder.isBlank()) {
            throw new InvalidInput("holder", "a preview needs the agent who holds it");
        }
        campaignOf(callListId);
        jdbc.sql("""
                        update call_list_entries set status = 'pending', held_by = null, held_at = null, updated_at = ?
                        where call_list_id = ? and status = 'previewing' and held_at < ?""")
                .params(Timestamp.from(now), callListId, Timestamp.from(now.minus(HOLD_LIMIT))).update();
        Optional<Callable> held = jdbc.sql("""
                        select id, customer_id, phone from call_list_entries where call_list_id = ? and held_by = ?
                        and status in ('previewing', 'handed-out') order by held_at desc limit 1""")
                .params(callListId, holder).query(CallLists::callable).optional();
        return held.isPresent() ? new Taken(held, 0) : take(callListId, holder, now);
    }

    /** Who holds an entry on a dialer screen and why it left the list, if it did. */
    public record Hold(UUID entryId, UUID callListId, UUID customerId, String phone, String status, String heldBy, String reason,
                       Instant callbackAt) {

        /** Still on this agent's screen, waiting for a call or an outcome. */
        public boolean heldBy(String holder) {
            return holder.equals(heldBy) && ("previewing".equals(status) || "handed-out".equals(status));
        }
    }

    /** An entry of a list as the dialer screen needs it. */
    public Optional<Hold> hold(UUID callListId, UUID entryId) {
        return jdbc.sql("""
                        select id, call_list_id, customer_id, phone, status, held_by, reason, callback_at from call_list_entries
                        where call_list_id = ? and id = ?""")
                .params(callListId, entryId).query(CallLists::hold).optional();
    }

    /** The entry of this customer on this list, whoever holds it. */
    public Optional<Hold> holdOf(UUID callListId, UUID customerId) {
        return jdbc.sql("""
                        select id, call_list_id, customer_id, phone, status, held_by, reason, callback_at from call_list_entries
                        where call_list_id = ? and customer_id = ?""")
                .params(callListId, customerId).query(CallLists::hold).optional();
    }

    /**
     * The agent is about to call the entry they preview: from now on it counts as called (the
     * frequency cap counts it, and a response elsewhere no longer takes it off the list, as for
     * {@link #next}).
     *
     * @return the time it was handed out before, to give back to {@link #notDialled} if the call cannot be placed
     * @throws CallListEntryGone when the entry is no longer on the agent's screen (removed meanwhile)
     */
    public Optional<Instant> dialling(UUID callListId, UUID entryId, String holder) {
        return transactions.execute(tx -> {
            Hold hold = hold(callListId, entryId).orElseThrow(() -> new CampaignNotFound("call list entry", entryId));
            if (!hold.heldBy(holder)) {
                throw new CallListEntryGone(hold);
            }
            Instant before = jdbc.sql("select handed_out_at from call_list_entries where id = ? for update").param(entryId)
                    .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional().orElse(null);
            Instant now = clock.instant();
            int changed = jdbc.sql("""
                            update call_list_entries set status = 'handed-out', handed_out_at = ?, updated_at = ?
                            where id = ? and held_by = ? and status in ('previewing', 'handed-out')""")
                    .params(Timestamp.from(now), Timestamp.from(now), entryId, holder).update();
            if (changed == 0) {
                throw new CallListEntryGone(hold(callListId, entryId).orElse(hold));
            }
            return Optional.ofNullable(before);
        });
    }

    /** The call could not be placed: the entry is previewed again, counted as called only as before. */
    public void notDialled(UUID callListId, UUID entryId, String holder, Optional<Instant> handedOutBefore) {
        jdbc.sql("""
                        update call_list_entries set status = 'previewing', handed_out_at = ?, updated_at = ?
                        where call_list_id = ? and id = ? and held_by = ? and status = 'handed-out'""")
                .params(handedOutBefore.map(Timestamp::from).orElse(null), Timestamp.from(clock.instant()), callListId, entryId, holder)
                .update();
    }

    /**
     * "Not now": the agent gives the entry back; it goes to the end of the list.
     *
     * @throws CallListEntryGone when the entry is no longer on the agent's screen
     */
    public void skip(UUID callListId, UUID entryId, String holder) {
        Instant now = clock.instant();
        int changed = jdbc.sql("""
                        update call_list_entries set status = 'pending', held_by = null, held_at = null, callback_at = null, updated_at = ?,
                        position = (select coalesce(max(position), 0) + 1 from call_list_entries where call_list_id = ?)
                        where call_list_id = ? and id = ? and held_by = ? and status in ('previewing', 'handed-out')""")
                .params(Timestamp.from(now), callListId, callListId, entryId, holder).update();
        if (changed == 0) {
            throw new CallListEntryGone(hold(callListId, entryId).orElseThrow(() -> new CampaignNotFound("call list entry", entryId)));
        }
    }

    /**
     * Records the outcome of the entry an agent holds; {@code callbackAt} (for {@link Outcome#CALLBACK}
     * only, and then required and later than now) is when the entry comes back.
     *
     * @throws CallListEntryGone when the entry is no longer on the agent's screen
     */
    public void outcome(UUID callListId, UUID entryId, String holder, Outcome outcome, Instant callbackAt) {
        if (outcome == Outcome.CALLBACK && (callbackAt == null || !callbackAt.isAfter(clock.instant()))) {
            throw new InvalidInput("callbackAt", "a call back needs a time later than now");
        }
        if (outcome != Outcome.CALLBACK && callbackAt != null) {
            throw new InvalidInput("callbackAt", "only a call back takes a time");
        }
        transactions.executeWithoutResult(tx -> {
            // Locked, so a suppression committing now either finds the outcome recorded or is seen here as gone.
            Hold hold = jdbc.sql("""
                            select id, call_list_id, customer_id, phone, status, held_by, reason, callback_at from call_list_entries
                            where call_list_id = ? and id = ? for update""")
                    .params(callListId, entryId).query(CallLists::hold).optional()
                    .orElseThrow(() -> new CampaignNotFound("call list entry", entryId));
            if (!hold.heldBy(holder)) {
                throw new CallListEntryGone(hold);
            }
            outcome(callListId, hold.customerId(), outcome, holder);
            if (callbackAt != null) {
                jdbc.sql("update call_list_entries set callback_at = ? where id = ?").params(Timestamp.from(callbackAt), entryId).update();
            }
        });
    }

    private Taken take(UUID callListId, String holder, Instant now) {
        UUID campaignId = campaignOf(callListId);
        return transactions.execute(tx -> {
            List<UUID> skipped = new ArrayList<>();
            int removed = 0;
            while (true) {
                // Call-backs that are due come first, earliest first; the rest in the list's order.
                List<Callable> candidates = jdbc.sql("""
                                select id, customer_id, phone from call_list_entries where call_list_id = ? and status = 'pending'
                                and callback_at <= ? and id <> all(?) order by callback_at limit ? for update skip locked""")
                        .params(callListId, Timestamp.from(now), skipped.toArray(UUID[]::new), CANDIDATES)
                        .query(CallLists::callable).list();
                if (candidates.isEmpty()) {
                    candidates = jdbc.sql("""
                                    select id, customer_id, phone from call_list_entries where call_list_id = ? and status = 'pending'
                                    and callback_at is null and id <> all(?) order by priority desc, position limit ? for update skip locked""")
                            .params(callListId, skipped.toArray(UUID[]::new), CANDIDATES)
                            .query(CallLists::callable).list();
                }
                if (candidates.isEmpty()) {
                    return new Taken(Optional.empty(), removed);
                }
                for (Callable candidate : candidates) {
                    ContactDecision decision = policies.decide(new ContactPolicies.Contact(candidate.customerId(), candidate.phone(),
                            ChannelType.VOICE, Purpose.COMMERCIAL, campaignId), false);
                    switch (decision) {
                        case ContactDecision.Allowed allowed -> {
                            if (holder == null) {
                                jdbc.sql("update call_list_entries set status = 'handed-out', handed_out_at = ?, updated_at = ? where id = ?")
                                        .params(Timestamp.from(now), Timestamp.from(now), candidate.entryId()).update();
                            } else {
                                jdbc.sql("""
                                                update call_list_entries set status = 'previewing', held_by = ?, held_at = ?, updated_at = ?
                                                where id = ?""")
                                        .params(holder, Timestamp.from(now), Timestamp.from(now), candidate.entryId()).update();
                            }
                            return new Taken(Optional.of(candidate), removed);
                        }
                        case ContactDecision.Refused refused when refused.temporary() -> {
                            return new Taken(Optional.empty(), removed);
                        }
                        // Called often enough lately: not now, but the entry stays for when the window has passed.
                        case ContactDecision.Refused refused when "frequency-cap".equals(refused.policy()) -> skipped.add(candidate.entryId());
                        case ContactDecision.Refused refusal -> {
                            remove(callListId, campaignId, candidate, refusal.policy() + ": " + refusal.reason(), now);
                            if (++removed == REFUSALS_PER_REQUEST) {
                                // They are off the list once this commits; the next request goes on past them.
                                return new Taken(Optional.empty(), removed);
                            }
                        }
                    }
                }
            }
        });
    }

    private static Callable callable(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Callable(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getString("phone"));
    }

    private static Hold hold(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp callback = rs.getTimestamp("callback_at");
        return new Hold(rs.getObject("id", UUID.class), rs.getObject("call_list_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("phone"), rs.getString("status"), rs.getString("held_by"), rs.getString("reason"),
                callback == null ? null : callback.toInstant());
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
                            update call_list_entries set status = ?, outcome = ?, updated_at = ?, callback_at = null, held_by = null, held_at = null,
                            position = case when ? = 'pending' then (select coalesce(max(position), 0) + 1 from call_list_entries where call_list_id = ?)
                            else position end where call_list_id = ? and customer_id = ?""")
                    .params(status, outcome.name().toLowerCase(Locale.ROOT), Timestamp.from(now), status, callListId, callListId, owner)
                    .update();
            List<CustomerTimeline.Entry> record = new ArrayList<>();
            record.add(new CustomerTimeline.Entry(now, "campaign.call", ChannelType.VOICE.code(), "Campaign " + campaign.code()
                    + " call" + (agent == null ? "" : " by " + agent) + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    null, null, agent == null
                    ? ReasonCode.of("timeline.campaign.call.detail", campaign.code(),
                            ReasonCode.key("dialer.outcome." + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                    : ReasonCode.of("timeline.campaign.call.agent.detail", campaign.code(),
                            ReasonCode.key("dialer.outcome." + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')), agent)));
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
