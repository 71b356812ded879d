package io.temas.customers;

import io.temas.shared.ReasonCode;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges two customers into one and undoes it. A merge keeps a snapshot of what it moved and
 * what it changed, so its undo puts both customers back exactly as they were.
 */
@Service
public class Merges {

    /** A merge as the audit trail shows it. */
    public record Merge(UUID id, CustomerId survivor, CustomerId absorbed, String reason, String actor,
                        Instant mergedAt, Instant undoneAt, String undoneBy) {
    }

    /**
     * A profile as it was before a merge. {@code withProfile} is false in snapshots taken before the lifecycle stage and
     * demographics existed: their undo leaves those as they are.
     */
    record State(String displayName, String language, boolean vip, List<String> segments, boolean withProfile, String lifecycleStage,
                 String birthDate, String gender, String city, String occupation, String preferredChannel) {
    }

    record Snapshot(State survivor, State absorbed, List<UUID> identities, List<UUID> timeline,
                    Map<String, List<UUID>> records) {
    }

    private final JdbcClient jdbc;
    private final Customers customers;
    private final CustomerTimeline timeline;
    private final List<CustomerOwnedRecords> owned;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Merges(JdbcClient jdbc, Customers customers, CustomerTimeline timeline, List<CustomerOwnedRecords> owned,
           JsonMapper json, Ids ids, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.timeline = timeline;
        this.owned = owned;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Makes {@code absorbed} part of {@code survivor}: identities, conversations and timeline
     * move over, attributes combine.
     *
     * @throws MergeConflict when either is already merged or they are the same customer
     */
    @Transactional
    public UUID merge(CustomerId survivor, CustomerId absorbed, String reason, String actor) {
        if (survivor.equals(absorbed)) {
            throw new MergeConflict("a customer cannot be merged with itself");
        }
        lock(survivor, absorbed);
        Customer kept = customers.get(survivor);
        Customer gone = customers.get(absorbed);
        if (kept.isMerged() || gone.isMerged()) {
            throw new MergeConflict("customer " + (kept.isMerged() ? survivor : absorbed) + " is already merged into another");
        }
        List<UUID> identities = jdbc.sql("update identities set customer_id = ? where customer_id = ? returning id")
                .params(survivor.value(), absorbed.value()).query(UUID.class).list();
        List<UUID> entries = timeline.reassign(absorbed, survivor);
        Map<String, List<UUID>> records = new LinkedHashMap<>();
        for (CustomerOwnedRecords kind : owned) {
            records.put(kind.kind(), kind.reassign(absorbed, survivor));
        }
        List<String> segments = new ArrayList<>(kept.segments());
        gone.segments().stream().filter(s -> !segments.contains(s)).forEach(segments::add);
        Instant now = clock.instant();
        jdbc.sql("""
                        update customers set display_name = coalesce(display_name, ?), language = coalesce(language, ?),
                        vip = vip or ?, segments = ?, updated_at = ? where id = ?""")
                .params(gone.displayName(), code(gone), gone.vip(), segments.toArray(String[]::new), Timestamp.from(now), survivor.value())
                .update();
        jdbc.sql("update customers set merged_into = ?, updated_at = ? where id = ?")
                .params(survivor.value(), Timestamp.from(now), absorbed.value()).update();
        Snapshot snapshot = new Snapshot(state(kept), state(gone), identities, entries, records);
        // The survivor keeps its own stage and what it knows of the person; what it does not know comes from the absorbed.
        jdbc.sql("""
                        update customers s set lifecycle_stage = coalesce(s.lifecycle_stage, a.lifecycle_stage),
                        birth_date = coalesce(s.birth_date, a.birth_date), gender = coalesce(s.gender, a.gender),
                        city = coalesce(s.city, a.city), occupation = coalesce(s.occupation, a.occupation),
                        preferred_channel = coalesce(s.preferred_channel, a.preferred_channel)
                        from customers a where s.id = ? and a.id = ?""")
                .params(survivor.value(), absorbed.value()).update();
        UUID id = ids.next();
        jdbc.sql("""
                        insert into merges (id, survivor_id, absorbed_id, reason, actor, snapshot, merged_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(id, survivor.value(), absorbed.value(), reason, actor, json.writeValueAsString(snapshot), Timestamp.from(now))
                .update();
        timeline.record(survivor, List.of(new CustomerTimeline.Entry(now, "customer.merged", null,
                "Merged with customer " + absorbed + " (" + reason + ")", null, null,
                ReasonCode.of("timeline.customer.merged.detail", absorbed, said(reason)))));
        events.publishEvent(new CustomerMerged(id, survivor, absorbed, reason, actor));
        if (snapshot.survivor().lifecycleStage() == null && snapshot.absorbed().lifecycleStage() != null) {
            // The survivor took the absorbed one's stage: for every touchpoint listening, the person's stage changed.
            events.publishEvent(new LifecycleStageChanged(survivor.value(), null, snapshot.absorbed().lifecycleStage(), actor, now));
        }
        return id;
    }

    /**
     * Puts both customers back as they were before the merge.
     *
     * @throws MergeConflict when the merge was already undone
     */
    @Transactional
    public void undo(UUID mergeId, String actor) {
        Merge merge = find(mergeId).orElseThrow(() -> new MergeNotFound(mergeId));
        lock(merge.survivor(), merge.absorbed());
        // Locked, so two undos of the same merge cannot both pass the check.
        String snapshotJson = jdbc.sql("select snapshot::text from merges where id = ? and undone_at is null for update")
                .param(mergeId).query(String.class).optional()
                .orElseThrow(() -> new MergeConflict("merge " + mergeId + " was already undone"));
        Snapshot snapshot = json.readValue(snapshotJson, Snapshot.class);
        Instant now = clock.instant();
        // The survivor keeps any later merge of its own; only the absorbed customer comes back to life.
        restore(merge.survivor(), snapshot.survivor(), customers.get(merge.survivor()).mergedInto(), now);
        restore(merge.absorbed(), snapshot.absorbed(), null, now);
        if (!snapshot.identities().isEmpty()) {
            jdbc.sql("update identities set customer_id = ? where id = any(?)")
                    .params(merge.absorbed().value(), snapshot.identities().toArray(UUID[]::new)).update();
        }
        timeline.restore(snapshot.timeline(), merge.absorbed());
        for (CustomerOwnedRecords kind : owned) {
            kind.restore(snapshot.records().getOrDefault(kind.kind(), List.of()), merge.absorbed());
        }
        jdbc.sql("update merges set undone_at = ?, undone_by = ? where id = ?")
                .params(Timestamp.from(now), actor, mergeId).update();
        timeline.record(merge.survivor(), List.of(new CustomerTimeline.Entry(now, "customer.unmerged", null,
                "Merge with customer " + merge.absorbed() + " undone by " + actor, null, null,
                ReasonCode.of("timeline.customer.unmerged.detail", merge.absorbed(), actor))));
        events.publishEvent(new MergeUndone(mergeId, merge.survivor(), merge.absorbed(), actor));
    }

    /**
     * A merge's reason as a {@link ReasonCode} argument: the engine's and the screens' own words (stored in English) as
     * a key of the bundles, a person's as written.
     */
    public static String said(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.equals("merged in the console")) {
            return ReasonCode.key("merge.reason.console");
        }
        if (reason.equals("merged by hand")) {
            return ReasonCode.key("merge.reason.byHand");
        }
        if (reason.startsWith("one message carried identifiers of both")) {
            return ReasonCode.key("merge.reason.sharedMessage");
        }
        return reason;
    }

    public Optional<Merge> find(UUID mergeId) {
        return jdbc.sql("select * from merges where id = ?").param(mergeId)
                .query((rs, n) -> new Merge(
                        rs.getObject("id", UUID.class),
                        new CustomerId(rs.getObject("survivor_id", UUID.class)),
                        new CustomerId(rs.getObject("absorbed_id", UUID.class)),
                        rs.getString("reason"),
                        rs.getString("actor"),
                        rs.getTimestamp("merged_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("undone_at")).map(Timestamp::toInstant).orElse(null),
                        rs.getString("undone_by")))
                .optional();
    }

    public List<Merge> of(CustomerId customer) {
        return jdbc.sql("select id from merges where survivor_id = ? or absorbed_id = ? order by merged_at desc")
                .params(customer.value(), customer.value()).query(UUID.class).list()
                .stream().map(id -> find(id).orElseThrow()).toList();
    }

    private void restore(CustomerId id, State state, UUID mergedInto, Instant now) {
        jdbc.sql("""
                        update customers set display_name = ?, language = ?, vip = ?, segments = ?, merged_into = ?,
                        updated_at = ? where id = ?""")
                .params(state.displayName(), state.language(), state.vip(), state.segments().toArray(String[]::new),
                        mergedInto, Timestamp.from(now), id.value())
                .update();
        if (state.withProfile()) {
            jdbc.sql("""
                            update customers set lifecycle_stage = ?, birth_date = ?::date, gender = ?, city = ?, occupation = ?,
                            preferred_channel = ? where id = ?""")
                    .params(state.lifecycleStage(), state.birthDate(), state.gender(), state.city(), state.occupation(),
                            state.preferredChannel(), id.value())
                    .update();
        }
    }

    private void lock(CustomerId a, CustomerId b) {
        UUID first = a.value().compareTo(b.value()) < 0 ? a.value() : b.value();
        UUID second = first.equals(a.value()) ? b.value() : a.value();
        jdbc.sql("select id from customers where id in (?, ?) order by id for update").params(first, second).query(UUID.class).list();
    }

    private State state(Customer customer) {
        return jdbc.sql("select lifecycle_stage, birth_date::text, gender, city, occupation, preferred_channel from customers where id = ?")
                .param(customer.id().value())
                .query((rs, n) -> new State(customer.displayName(), code(customer), customer.vip(), customer.segments(), true,
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .single();
    }

    private static String code(Customer customer) {
        return customer.language() == null ? null : customer.language().code();
    }
}
