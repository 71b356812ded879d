package io.temas.customers;

import io.temas.shared.InvalidInput;
import io.temas.shared.ReasonCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pairs of customers the identity rules would not merge on their own ({@link MergeCandidateFlagged}), waiting for
 * a person: the newest first. A person merges them (through {@link Merges}, so the merge can be undone) or dismisses
 * them; a dismissed pair is never flagged again. Each candidate is decided once: two people deciding the same one at
 * the same moment are taken one after the other, and the second is told who decided first
 * ({@link MergeCandidateAlreadyDecided}).
 */
@Service
public class MergeCandidates {

    /** What became of a candidate. */
    public enum Decision {
        /** A person merged the two. */
        MERGED,
        /** A person said they are two people; the pair is not flagged again. */
        DISMISSED,
        /** One of the two was merged into a third customer or erased meanwhile; the pair as flagged no longer exists. */
        OUTDATED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Decision of(String code) {
            return code == null ? null : valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One flagged pair. {@code reason} is the rules' English sentence, {@code code} the same for the reader's language
     * (null for a reason no code was kept for).
     */
    public record Candidate(UUID id, CustomerId first, CustomerId second, String reason, ReasonCode code, Instant flaggedAt,
                            Instant decidedAt, Decision decision, String decidedBy, UUID mergeId) {

        public boolean open() {
            return decidedAt == null;
        }

        public boolean involves(CustomerId customer) {
            return first.equals(customer) || second.equals(customer);
        }
    }

    private final JdbcClient jdbc;
    private final Merges merges;
    private final Clock clock;

    MergeCandidates(JdbcClient jdbc, Merges merges, Clock clock) {
        this.jdbc = jdbc;
        this.merges = merges;
        this.clock = clock;
    }

    /** Candidates waiting for a person, the most recently flagged first. */
    public List<Candidate> open(int limit) {
        return jdbc.sql("select * from merge_candidates where decided_at is null order by created_at desc, id limit ?")
                .param(Math.clamp(limit, 1, 1000)).query(MergeCandidates::candidate).list();
    }

    /** How many wait for a person. */
    public int openCount() {
        return jdbc.sql("select count(*) from merge_candidates where decided_at is null").query(Integer.class).single();
    }

    public Optional<Candidate> find(UUID id) {
        return jdbc.sql("select * from merge_candidates where id = ?").param(id).query(MergeCandidates::candidate).optional();
    }

    /** @throws MergeCandidateNotFound for an unknown id */
    public Candidate get(UUID id) {
        return find(id).orElseThrow(() -> new MergeCandidateNotFound(id));
    }

    /**
     * Merges the pair, {@code survivor} keeping the other; undone as any merge is ({@link Merges#undo}).
     *
     * @return the merge's id
     * @throws MergeCandidateAlreadyDecided when someone decided it first
     * @throws InvalidInput when {@code survivor} is neither of the two
     * @throws MergeConflict when one of them was merged elsewhere meanwhile
     */
    @Transactional
    public UUID merge(UUID id, CustomerId survivor, String actor) {
        Candidate candidate = lockOpen(id);
        if (survivor == null || !candidate.involves(survivor)) {
            throw new InvalidInput("survivorId", "the customer who stays must be one of the two");
        }
        CustomerId absorbed = candidate.first().equals(survivor) ? candidate.second() : candidate.first();
        UUID mergeId = merges.merge(survivor, absorbed, "merged in the console", actor);
        // The merge's own event closed the candidate already (see merged); the decision is this person's either way.
        decide(id, Decision.MERGED, actor, mergeId);
        return mergeId;
    }

    /**
     * Records that the two are different people; the pair is not flagged again.
     *
     * @throws MergeCandidateAlreadyDecided when someone decided it first
     */
    @Transactional
    public void dismiss(UUID id, String actor) {
        lockOpen(id);
        decide(id, Decision.DISMISSED, actor, null);
    }

    /**
     * Any merge touching an open candidate settles it, in the merge's own transaction: of the same pair (made on the
     * customer page, or by the resolver) it is merged; one of the pair gone into a third customer leaves it outdated.
     */
    @EventListener
    void merged(CustomerMerged merge) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        update merge_candidates set decided_at = ?, decided_by = ?, merge_id = ?,
                            decision = case when (customer_a = ? and customer_b = ?) or (customer_a = ? and customer_b = ?)
                                            then 'merged' else 'outdated' end
                        where decided_at is null and (customer_a = ? or customer_b = ?)""")
                .params(now, merge.actor(), merge.mergeId(),
                        merge.survivor().value(), merge.absorbed().value(), merge.absorbed().value(), merge.survivor().value(),
                        merge.absorbed().value(), merge.absorbed().value())
                .update();
    }

    /** A merge made from a candidate and undone puts the candidate back on the list: the two are two again. */
    @EventListener
    void undone(MergeUndone undo) {
        jdbc.sql("""
                        update merge_candidates m set decided_at = null, decided_by = null, decision = null, merge_id = null
                        where m.merge_id = ? and m.decision = 'merged'
                          and not exists (select 1 from merge_candidates o where o.decided_at is null
                                          and least(o.customer_a, o.customer_b) = least(m.customer_a, m.customer_b)
                                          and greatest(o.customer_a, o.customer_b) = greatest(m.customer_a, m.customer_b))""")
                .param(undo.mergeId()).update();
    }

    /**
     * The candidate, locked until the transaction ends, so a second decision waits and then finds it decided. Its two
     * customers are locked first, in the order {@link Merges} locks them: a merge settles other candidates of the same
     * customers ({@link #merged}) while it holds them, so taking the candidate first could deadlock with it.
     */
    private Candidate lockOpen(UUID id) {
        Candidate seen = get(id);
        UUID[] pair = {seen.first().value(), seen.second().value()};
        jdbc.sql("select id from customers where id = any(?) order by id for update").param(pair).query(UUID.class).list();
        Candidate candidate = jdbc.sql("select * from merge_candidates where id = ? for update").param(id)
                .query(MergeCandidates::candidate).optional().orElseThrow(() -> new MergeCandidateNotFound(id));
        if (!candidate.open()) {
            throw new MergeCandidateAlreadyDecided(candidate);
        }
        return candidate;
    }

    private void decide(UUID id, Decision decision, String actor, UUID mergeId) {
        jdbc.sql("update merge_candidates set decided_at = ?, decision = ?, decided_by = ?, merge_id = ? where id = ?")
                .params(Timestamp.from(clock.instant()), decision.code(), actor, mergeId, id).update();
    }

    private static Candidate candidate(ResultSet rs, int n) throws SQLException {
        java.sql.Array args = rs.getArray("reason_args");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Candidate(rs.getObject("id", UUID.class),
                new CustomerId(rs.getObject("customer_a", UUID.class)),
                new CustomerId(rs.getObject("customer_b", UUID.class)),
                rs.getString("reason"),
                ReasonCode.stored(rs.getString("reason_key"), args == null ? null : (String[]) args.getArray()),
                rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant(),
                Decision.of(rs.getString("decision")),
                rs.getString("decided_by"),
                rs.getObject("merge_id", UUID.class));
    }
}
