package io.temas.scoring;

import io.temas.scoring.RuleLanguage.Condition;
import io.temas.scoring.RuleLanguage.FactRef;
import io.temas.scoring.RuleLanguage.Formula;
import io.temas.shared.Ids;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code customer_scores} and {@code customer_alerts} current. Changes mark a customer (or a
 * conversation, whose customer is looked up) once they commit; one background thread recomputes the
 * marked customers in batches, and every customer, batch after batch, when a rule changed or the
 * safety-net sweep is due. A batch is one transaction holding a cluster-wide advisory lock, so two
 * recomputations (two nodes, or a sweep and a mark) never interleave: the one that takes the lock
 * second reads the facts after the first committed, and the last word is always computed from the
 * newest data.
 */
@Component
class Recomputation implements SmartLifecycle {

    /** The advisory lock every recomputing transaction takes ("scores" in ASCII). */
    static final long LOCK = 0x73636f726573L;
    private static final Logger log = LoggerFactory.getLogger(Recomputation.class);
    /** The longest rest after a large round of marks (see {@link #work}). */
    private static final java.time.Duration MAX_REST = java.time.Duration.ofSeconds(10);
    /** How long a stop waits for the batch in hand to commit before it interrupts the worker. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(20);

    private record Rules(List<ScoreRule> scores, Map<String, Formula> formulas, List<AlertRule> alerts, Map<UUID, Condition> conditions,
                         Set<FactRef> facts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FactQueries queries;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final ScoringSettings settings;
    private final ZoneId zone;

    private final Set<UUID> customers = ConcurrentHashMap.newKeySet();
    private final Set<UUID> conversations = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean everyone = new AtomicBoolean();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    Recomputation(JdbcClient jdbc, TransactionTemplate transactions, FactQueries queries, ApplicationEventPublisher events, Ids ids,
                  Clock clock, ScoringSettings settings, @Value("${temas.routing.zone:Europe/Istanbul}") String zone) {
        // "Today" in a rule is the organisation's day, the one its business hours and reports count in.
        this.zone = ZoneId.of(zone);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.queries = queries;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    void customer(UUID id) {
        if (id != null) {
            customers.add(id);
            wake.release();
        }
    }

    void conversation(UUID id) {
        if (id != null) {
            conversations.add(id);
            wake.release();
        }
    }

    /** Every customer, in the background (a rule changed, or the sweep is due). */
    void everyone() {
        everyone.set(true);
        wake.release();
    }

    /**
     * The safety-net sweep, on one node per interval: every node's timer asks, and the first to move the shared
     * sweep time on recomputes everyone; a node asking within half an interval after it finds the time moved.
     */
    @Scheduled(fixedDelayString = "${temas.scores.sweep-interval:1h}", initialDelayString = "${temas.scores.sweep-interval:1h}")
    void sweep() {
        if (claimSweep()) {
            everyone();
        }
    }

    /** Whether this node moved the shared sweep time on, and so sweeps now. */
    boolean claimSweep() {
        Instant now = clock.instant();
        return jdbc.sql("update score_sweeps set swept_at = ? where id = 1 and swept_at <= ?")
                .params(Timestamp.from(now), Timestamp.from(now.minus(settings.sweepInterval().dividedBy(2)))).update() == 1;
    }

    private void work() {
        while (running) {
            try {
                wake.acquire();
                // The changes of this moment (a burst of messages, a batch of events) are recomputed together: one
                // round of a dozen statements for many customers rather than a round for each.
                rest(settings.gather().toMillis());
                wake.drainPermits();
                if (!running) {
                    return;
                }
                long started = System.nanoTime();
                int recomputed = marked();
                if (recomputed > settings.batchSize()) {
                    // A flood of marks (an import, a burst of resolutions): rest as long as the round took, so marks
                    // arriving meanwhile gather and each customer is recomputed once for many changes, and the
                    // recomputation takes at most half of a database connection's time from the work that marks.
                    rest(Math.min(MAX_REST.toMillis(), (System.nanoTime() - started) / 1_000_000));
                }
                if (everyone.getAndSet(false)) {
                    all();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Reading the marks' customers failed: those marks are lost and the next sweep recomputes them. The thread lives on.
                log.warn("Recomputing scores and alerts failed: {}", e.toString());
            }
        }
    }

    /** Waits this long, or until the recomputation stops. Not by interrupting: see {@link #stop()}. */
    private void rest(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (long left = millis * 1_000_000; running && left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** The marked customers, those of marked conversations included; answers how many were recomputed. */
    private int marked() {
        Set<UUID> ids = new LinkedHashSet<>();
        take(customers, ids);
        Set<UUID> viaConversations = new HashSet<>();
        take(conversations, viaConversations);
        if (!viaConversations.isEmpty()) {
            ids.addAll(jdbc.sql("select distinct customer_id from conversations where id = any(?)")
                    .param(viaConversations.toArray(UUID[]::new)).query(UUID.class).list());
        }
        List<UUID> list = new ArrayList<>(ids);
        for (int from = 0; running && from < list.size(); from += settings.batchSize()) {
            recomputeOrSkip(list.subList(from, Math.min(list.size(), from + settings.batchSize())));
        }
        return list.size();
    }

    private static void take(Set<UUID> from, Set<UUID> into) {
        for (UUID id : List.copyOf(from)) {
            from.remove(id);
            into.add(id);
        }
    }

    /** Every customer in id order, a batch at a time; marks that arrive meanwhile go first between batches. Answers how many. */
    int all() {
        UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
        boolean first = true;
        int count = 0;
        while (running) {
            List<UUID> batch = first
                    ? jdbc.sql("select id from customers where merged_into is null and erased_at is null order by id limit ?").param(settings.batchSize())
                    .query(UUID.class).list()
                    : jdbc.sql("select id from customers where merged_into is null and erased_at is null and id > ? order by id limit ?")
                    .params(after, settings.batchSize()).query(UUID.class).list();
            first = false;
            if (batch.isEmpty()) {
                return count;
            }
            recomputeOrSkip(batch);
            count += batch.size();
            after = batch.getLast();
            if (!customers.isEmpty() || !conversations.isEmpty()) {
                marked();
            }
        }
        return count;
    }

    /**
     * Recomputes a batch of a round; a batch that fails is left to the next sweep and the round goes on with the next
     * one, so one bad customer does not keep the others of the round stale.
     */
    private void recomputeOrSkip(List<UUID> batch) {
        try {
            recompute(batch);
        } catch (RuntimeException e) {
            log.warn("Recomputing the scores and alerts of {} customers failed; the next sweep recomputes them: {}", batch.size(), e.toString());
        }
    }

    /** Recomputes these customers now, in one transaction; answers those whose scores or alerts changed. */
    List<UUID> recompute(List<UUID> batch) {
        return transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((ResultSet rs) -> { });
            Instant now = clock.instant();
            Rules rules = rules();
            FactQueries.Facts facts = queries.read(batch, rules.facts(), now, zone);
            UUID[] ids = batch.toArray(UUID[]::new);

            Map<UUID, Map<String, BigDecimal>> computed = new HashMap<>();
            for (UUID customer : facts.live()) {
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                for (ScoreRule rule : rules.scores()) {
                    Formula formula = rules.formulas().get(rule.code());
                    if (formula != null) {
                        values.put(rule.code(), Evaluation.score(formula, fact -> facts.value(customer, fact)));
                    }
                }
                computed.put(customer, values);
            }
            Set<UUID> changed = new LinkedHashSet<>(storeScores(ids, computed, now));
            changed.addAll(storeAlerts(ids, rules, facts, computed, now));
            List<UUID> result = List.copyOf(changed);
            if (!result.isEmpty()) {
                events.publishEvent(new CustomerScoresChanged(result));
            }
            return result;
        });
    }

    private Rules rules() {
        List<ScoreRule> scores = jdbc.sql("select id, code, name_tr, name_az, name_en, formula, position from score_rules")
                .query((rs, n) -> new ScoreRule(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7))).list();
        List<AlertRule> alerts = jdbc.sql("""
                        select id, name_tr, name_az, name_en, condition, severity, message_tr, message_az, message_en, active
                        from alert_rules where active""")
                .query((rs, n) -> new AlertRule(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10))).list();
        Map<String, Formula> formulas = new HashMap<>();
        Map<UUID, Condition> conditions = new HashMap<>();
        Set<FactRef> facts = new LinkedHashSet<>();
        for (ScoreRule rule : scores) {
            try {
                Formula formula = RuleLanguage.formula(rule.formula());
                formulas.put(rule.code(), formula);
                facts.addAll(formula.facts());
            } catch (RuleError e) {
                // Rules are checked on save; one written into the table by hand is skipped, not the batch.
                log.warn("Score rule {} does not parse and is skipped: {}", rule.code(), e.getMessage());
            }
        }
        for (AlertRule rule : alerts) {
            try {
                Condition condition = RuleLanguage.condition(rule.condition());
                conditions.put(rule.id(), condition);
                facts.addAll(RuleLanguage.facts(condition));
            } catch (RuleError e) {
                log.warn("Alert rule {} does not parse and is skipped: {}", rule.id(), e.getMessage());
            }
        }
        return new Rules(scores, formulas, alerts, conditions, facts);
    }

    /** Writes the values that changed, deletes those of customers merged away or of scores no longer defined. */
    private Set<UUID> storeScores(UUID[] ids, Map<UUID, Map<String, BigDecimal>> computed, Instant now) {
        Map<UUID, Map<String, BigDecimal>> stored = new HashMap<>();
        jdbc.sql("select customer_id, score, value from customer_scores where customer_id = any(?)").param(ids)
                .query((ResultSet rs) -> {
                    stored.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
                });
        Set<UUID> changed = new LinkedHashSet<>();
        Rows added = new Rows();
        Rows moved = new Rows();
        List<UUID> staleCustomers = new ArrayList<>();
        List<String> staleCodes = new ArrayList<>();
        for (UUID customer : ids) {
            Map<String, BigDecimal> now_ = computed.getOrDefault(customer, Map.of());
            Map<String, BigDecimal> was = stored.getOrDefault(customer, Map.of());
            now_.forEach((code, value) -> {
                BigDecimal before = was.get(code);
                if (before == null || before.compareTo(value) != 0) {
                    (before == null ? added : moved).add(customer, code, value);
                    changed.add(customer);
                }
            });
            for (String code : was.keySet()) {
                if (!now_.containsKey(code)) {
                    staleCustomers.add(customer);
                    staleCodes.add(code);
                    changed.add(customer);
                }
            }
        }
        // A plain insert for the scores none was stored for: only a recomputation inserts scores, every recomputation
        // holds the lock this batch read them under, so none can have been written since; an insert that checks for a
        // conflict first costs each row another descent into the key and another record in the log.
        if (!added.customers.isEmpty()) {
            jdbc.sql("""
                    insert into customer_scores (customer_id, score, value, computed_at)
                    select c, s, v, ? from unnest(?::uuid[], ?::text[], ?::numeric[]) as t (c, s, v)""")
                    .params(Timestamp.from(now), added.customers.toArray(UUID[]::new), added.codes.toArray(String[]::new),
                            added.values.toArray(String[]::new))
                    .update();
        }
        if (!moved.customers.isEmpty()) {
            jdbc.sql("""
                    update customer_scores s set value = t.v, computed_at = ?
                    from unnest(?::uuid[], ?::text[], ?::numeric[]) as t (c, code, v) where s.customer_id = t.c and s.score = t.code""")
                    .params(Timestamp.from(now), moved.customers.toArray(UUID[]::new), moved.codes.toArray(String[]::new),
                            moved.values.toArray(String[]::new))
                    .update();
        }
        if (!staleCustomers.isEmpty()) {
            jdbc.sql("""
                    delete from customer_scores s using unnest(?::uuid[], ?::text[]) as t (c, code)
                    where s.customer_id = t.c and s.score = t.code""")
                    .params(staleCustomers.toArray(UUID[]::new), staleCodes.toArray(String[]::new)).update();
        }
        return changed;
    }

    /** Score values to write, as the arrays one statement takes. */
    private static final class Rows {
        final List<UUID> customers = new ArrayList<>();
        final List<String> codes = new ArrayList<>();
        final List<String> values = new ArrayList<>();

        void add(UUID customer, String code, BigDecimal value) {
            customers.add(customer);
            codes.add(code);
            values.add(value.toPlainString());
        }
    }

    /** Raises the alerts whose condition holds and are not open, clears the open ones whose condition no longer holds. */
    private Set<UUID> storeAlerts(UUID[] ids, Rules rules, FactQueries.Facts facts, Map<UUID, Map<String, BigDecimal>> scores,
                                  Instant now) {
        Map<List<UUID>, UUID> open = new HashMap<>();
        jdbc.sql("select id, customer_id, rule_id from customer_alerts where customer_id = any(?) and cleared_at is null").param(ids)
                .query((ResultSet rs) -> {
                    open.put(List.of(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)), rs.getObject(1, UUID.class));
                });
        Set<List<UUID>> holding = new HashSet<>();
        for (UUID customer : facts.live()) {
            Map<String, BigDecimal> own = scores.getOrDefault(customer, Map.of());
            for (Map.Entry<UUID, Condition> rule : rules.conditions().entrySet()) {
                boolean holds = Evaluation.holds(rule.getValue(),
                        fact -> fact.fact() == Fact.SCORE ? own.get(fact.text()) : facts.value(customer, fact));
                if (holds) {
                    holding.add(List.of(customer, rule.getKey()));
                }
            }
        }
        Set<UUID> changed = new LinkedHashSet<>();
        List<UUID> newIds = new ArrayList<>();
        List<UUID> newCustomers = new ArrayList<>();
        List<UUID> newRules = new ArrayList<>();
        for (List<UUID> pair : holding) {
            if (!open.containsKey(pair)) {
                newIds.add(this.ids.next());
                newCustomers.add(pair.get(0));
                newRules.add(pair.get(1));
                changed.add(pair.get(0));
            }
        }
        List<UUID> cleared = new ArrayList<>();
        open.forEach((pair, id) -> {
            if (!holding.contains(pair)) {
                cleared.add(id);
                changed.add(pair.get(0));
            }
        });
        if (!newIds.isEmpty()) {
            jdbc.sql("""
                    insert into customer_alerts (id, customer_id, rule_id, raised_at)
                    select i, c, r, ? from unnest(?::uuid[], ?::uuid[], ?::uuid[]) as t (i, c, r)
                    on conflict do nothing""")
                    .params(Timestamp.from(now), newIds.toArray(UUID[]::new), newCustomers.toArray(UUID[]::new), newRules.toArray(UUID[]::new))
                    .update();
        }
        if (!cleared.isEmpty()) {
            jdbc.sql("update customer_alerts set cleared_at = ? where id = any(?)").params(Timestamp.from(now), cleared.toArray(UUID[]::new))
                    .update();
        }
        return changed;
    }

    @Override
    public synchronized void start() {
        running = true;
        // Everyone at start only on an installation whose customers were never scored (the rules came with a migration):
        // on every node's every start it would cost minutes of both cores at a million customers; the sweep catches up.
        everyone.set(jdbc.sql("select not exists (select 1 from customer_scores) and exists (select 1 from customers)")
                .query(Boolean.class).single());
        wake.release();
        worker = Thread.ofVirtual().name("scores").start(this::work);
    }

    /**
     * Stops between batches: the batch in hand commits, then the worker ends. Interrupting a thread in the middle of a
     * statement would close its connection's socket under the driver, roll the batch back and hand the pool a broken
     * connection; that is kept as the last resort for a batch that does not end within {@link #STOP_WAIT}. Marks not
     * yet recomputed are left to the next sweep.
     */
    @Override
    public synchronized void stop() {
        running = false;
        Thread stopping = worker;
        worker = null;
        if (stopping == null) {
            return;
        }
        wake.release();
        LockSupport.unpark(stopping);
        try {
            if (!stopping.join(STOP_WAIT)) {
                log.warn("The recomputation of scores did not end its batch within {}; interrupting it", STOP_WAIT);
                stopping.interrupt();
            }
        } catch (InterruptedException e) {
            stopping.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
