package io.temas.routing;

import io.temas.platform.ConfigurationCache;
import io.temas.shared.Ids;
import io.temas.shared.Priority;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The routing rules in the order they are tried. */
@Component
public class RoutingRules {

    /**
     * A rule as created or changed; {@code position} null appends it at the end, {@code personAnswers} and
     * {@code offerCall} null are false for a new rule and leave a changed one's as they were.
     */
    public record Draft(Integer position, String name, Boolean enabled, RuleConditions conditions, UUID queueId, List<String> skills,
                        Priority priority, Boolean personAnswers, Boolean offerCall) {

        public Draft(Integer position, String name, Boolean enabled, RuleConditions conditions, UUID queueId, List<String> skills,
                     Priority priority, Boolean personAnswers) {
            this(position, name, enabled, conditions, queueId, skills, priority, personAnswers, null);
        }

        public Draft(Integer position, String name, Boolean enabled, RuleConditions conditions, UUID queueId, List<String> skills,
                     Priority priority) {
            this(position, name, enabled, conditions, queueId, skills, priority, null, null);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Queues queues;
    private final Ids ids;
    private final Clock clock;
    private final ConfigurationCache<List<RoutingRule>> cache;

    RoutingRules(JdbcClient jdbc, JsonMapper json, Queues queues, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.queues = queues;
        this.ids = ids;
        this.clock = clock;
        this.cache = new ConfigurationCache<>(this::load, clock);
    }

    private List<RoutingRule> load() {
        return jdbc.sql("select * from routing_rules order by position, created_at").query((rs, n) -> new RoutingRule(
                rs.getObject("id", UUID.class),
                rs.getInt("position"),
                rs.getString("name"),
                rs.getBoolean("enabled"),
                normalised(json.readValue(rs.getString("conditions"), RuleConditions.class)),
                rs.getObject("queue_id", UUID.class),
                Arrays.asList((String[]) rs.getArray("skills").getArray()),
                rs.getString("priority") == null ? null : Priority.of(rs.getString("priority")),
                rs.getBoolean("person_answers"),
                rs.getBoolean("offer_call"))).list();
    }

    public List<RoutingRule> all() {
        return cache.get();
    }

    public RoutingRule get(UUID id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new RoutingItemNotFound("routing rule", id));
    }

    @Transactional
    public RoutingRule create(Draft draft) {
        queues.get(draft.queueId());
        UUID id = ids.next();
        int position = draft.position() != null ? draft.position()
                : jdbc.sql("select coalesce(max(position), 0) + 10 from routing_rules").query(Integer.class).single();
        jdbc.sql("""
                        insert into routing_rules (id, position, name, enabled, conditions, queue_id, skills, priority, person_answers,
                        offer_call, created_at)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""")
                .params(id, position, draft.name(), draft.enabled() == null || draft.enabled(), conditionsJson(draft.conditions()),
                        draft.queueId(), skills(draft), draft.priority() == null ? null : draft.priority().code(),
                        Boolean.TRUE.equals(draft.personAnswers()), Boolean.TRUE.equals(draft.offerCall()),
                        Timestamp.from(clock.instant())).update();
        cache.invalidate();
        return get(id);
    }

    @Transactional
    public RoutingRule update(UUID id, Draft draft) {
        RoutingRule before = get(id);
        queues.get(draft.queueId());
        jdbc.sql("""
                        update routing_rules set position = ?, name = ?, enabled = ?, conditions = ?::jsonb, queue_id = ?, skills = ?,
                        priority = ?, person_answers = ?, offer_call = ? where id = ?""")
                .params(draft.position() == null ? before.position() : draft.position(), draft.name(),
                        draft.enabled() == null || draft.enabled(), conditionsJson(draft.conditions()), draft.queueId(), skills(draft),
                        draft.priority() == null ? null : draft.priority().code(),
                        draft.personAnswers() == null ? before.personAnswers() : draft.personAnswers(),
                        draft.offerCall() == null ? before.offerCall() : draft.offerCall(), id).update();
        cache.invalidate();
        return get(id);
    }

    /** Which way {@link #move} moves a rule. */
    public enum Direction {
        UP, DOWN;

        /** @throws InvalidRoutingInput when the code is not up or down */
        public static Direction of(String code) {
            try {
                return valueOf(code.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidRoutingInput("direction", "direction must be up or down");
            }
        }
    }

    /** Moves a rule one place up or down (at the top or bottom it stays); the rules are renumbered 10, 20, 30… */
    @Transactional
    public List<RoutingRule> move(UUID id, Direction direction) {
        List<UUID> order = lockedOrder();
        int from = order.indexOf(id);
        if (from < 0) {
            throw new RoutingItemNotFound("routing rule", id);
        }
        int to = direction == Direction.UP ? from - 1 : from + 1;
        if (to >= 0 && to < order.size()) {
            order.remove(from);
            order.add(to, id);
        }
        return order(order);
    }

    /**
     * Puts the rules in this order, renumbering them 10, 20, 30…; rules not named keep their
     * relative order after the named ones.
     */
    @Transactional
    public List<RoutingRule> order(List<UUID> ids) {
        List<UUID> current = lockedOrder();
        ids.stream().filter(id -> !current.contains(id)).findFirst().ifPresent(id -> {
            throw new RoutingItemNotFound("routing rule", id);
        });
        List<UUID> order = new java.util.ArrayList<>(ids.stream().distinct().toList());
        current.stream().filter(id -> !order.contains(id)).forEach(order::add);
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update routing_rules set position = ? where id = ? and position <> ?").params((i + 1) * 10, order.get(i), (i + 1) * 10)
                    .update();
        }
        cache.invalidate();
        return all();
    }

    /** The rules' ids in their order, locked for the caller's transaction, so two reorderings cannot interleave. */
    private List<UUID> lockedOrder() {
        return new java.util.ArrayList<>(jdbc.sql("select id from routing_rules order by position, created_at for update")
                .query(UUID.class).list());
    }

    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from routing_rules where id = ?").param(id).update();
        cache.invalidate();
    }

    private String conditionsJson(RuleConditions conditions) {
        return json.writeValueAsString(normalised(conditions == null ? new RuleConditions(null, null, null, null, null, null) : conditions));
    }

    private static RuleConditions normalised(RuleConditions c) {
        return new RuleConditions(c.entryPoints().stream().map(EntryPointAddresses::normalise).toList(), c.channels(), c.languages(),
                c.keywords(), c.segments(), c.vip());
    }

    private static String[] skills(Draft draft) {
        return draft.skills() == null ? new String[0] : draft.skills().toArray(String[]::new);
    }
}
