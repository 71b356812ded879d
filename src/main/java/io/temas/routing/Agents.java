package io.temas.routing;

import io.temas.platform.AfterCommit;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The agents, their skills, queues, capacity and presence. */
@Component
public class Agents {

    /** Key of the advisory lock automatic assignments queue up on; beyond the int range that identifier locks' hashes use. */
    static final long ASSIGNMENT_LOCK = 0x54454d4153414749L;

    /** What an agent is made of when created or changed. */
    public record Draft(String username, String displayName, String email, List<String> skills, List<String> languages,
                        Map<ChannelType, Integer> capacity, List<UUID> queueIds) {
    }

    private static final TypeReference<Map<String, Integer>> CAPACITY = new TypeReference<>() {
    };
    private static final String SELECT = """
            select a.*, coalesce(array_agg(q.queue_id) filter (where q.queue_id is not null), '{}') as queue_ids
            from agents a left join agent_queues q on q.agent_id = a.id""";

    private static final java.time.Duration ONLINE_TTL = java.time.Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final java.util.concurrent.ConcurrentHashMap<UUID, Online> online = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Agents(JdbcClient jdbc, JsonMapper json, Ids ids, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    public List<Agent> all() {
        return jdbc.sql(SELECT + " group by a.id order by a.display_name").query(this::agent).list();
    }

    /** Display names of these agents (for lists that show who holds each conversation). */
    public Map<UUID, String> names(java.util.Collection<UUID> agentIds) {
        Map<UUID, String> names = new java.util.HashMap<>();
        if (!agentIds.isEmpty()) {
            jdbc.sql("select id, display_name from agents where id = any(?)").param(agentIds.toArray(UUID[]::new))
                    .query((rs, n) -> names.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        }
        return names;
    }

    public Optional<Agent> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ? group by a.id").param(id).query(this::agent).optional();
    }

    public Agent get(UUID id) {
        return find(id).orElseThrow(() -> new RoutingItemNotFound("agent", id));
    }

    public Optional<Agent> findByUsername(String username) {
        return jdbc.sql(SELECT + " where a.username = ? group by a.id").param(username).query(this::agent).optional();
    }

    /**
     * Takes the lock every automatic assignment holds until its transaction ends, before it locks an agent. One
     * transaction may assign several conversations (a batch of the pipeline, an offer of a queue's waiting work), each
     * locking the agent it chose; two such transactions locking the same agents in different orders would deadlock.
     * With this lock first, automatic assignments take agents one transaction at a time; work that finds no agent with
     * room never asks for it.
     */
    void lockAssignments() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(ASSIGNMENT_LOCK).query((rs, n) -> 1).list();
    }

    /** Locks one agent's row for the caller's transaction; false when the agent is not online (any more). */
    boolean lockIfOnline(UUID agentId) {
        return jdbc.sql("select id from agents where id = ? and presence = 'online' for update").param(agentId)
                .query(UUID.class).optional().isPresent();
    }

    /** The queue's agents whatever their presence: the team that will be there when the queue next opens. */
    List<Agent> inQueue(UUID queueId) {
        return jdbc.sql(SELECT + " where a.id in (select agent_id from agent_queues where queue_id = ?) group by a.id")
                .param(queueId).query(this::agent).list();
    }

    /**
     * The queue's online agents, as read at most {@link #ONLINE_TTL} ago: every inbound message asks, and the answer changes
     * when a person changes an agent. A change made here is seen at once (its write and its commit start a new
     * generation); one made on another node within the second. Nothing is given on the strength of it alone: assignment
     * locks the agent it chose, online, and counts the agent's load again ({@link Assigner}).
     */
    List<Agent> onlineInQueue(UUID queueId) {
        long generation = changes.get();
        long now = System.nanoTime();
        Online cached = online.get(queueId);
        if (cached != null && cached.generation() == generation && now - cached.readAt() < ONLINE_TTL.toNanos()) {
            return cached.agents();
        }
        List<Agent> read = List.copyOf(jdbc.sql(SELECT
                        + " where a.presence = 'online' and a.id in (select agent_id from agent_queues where queue_id = ?) group by a.id")
                .param(queueId).query(this::agent).list());
        online.put(queueId, new Online(read, now, generation));
        return read;
    }

    /** A queue's online agents when read, and the generation of changes they were read in. */
    private record Online(List<Agent> agents, long readAt, long generation) {
    }

    /** Starts a new generation of agents now and again once the caller's transaction ends, when others can read the change. */
    private void changed() {
        changes.incrementAndGet();
        AfterCommit.whenEnded(changes::incrementAndGet);
    }

    @Transactional
    public Agent create(Draft draft) {
        UUID id = ids.next();
        try {
            jdbc.sql("""
                            insert into agents (id, username, display_name, email, skills, languages, capacity, created_at)
                            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(id, draft.username(), draft.displayName(), draft.email(), array(draft.skills()), array(draft.languages()),
                            capacityJson(draft.capacity()), Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("an agent with user name '" + draft.username() + "' exists");
        }
        setQueues(id, draft.queueIds());
        return get(id);
    }

    @Transactional
    public Agent update(UUID id, Draft draft) {
        get(id);
        jdbc.sql("""
                        update agents set username = ?, display_name = ?, email = ?, skills = ?, languages = ?, capacity = ?::jsonb
                        where id = ?""")
                .params(draft.username(), draft.displayName(), draft.email(), array(draft.skills()), array(draft.languages()),
                        capacityJson(draft.capacity()), id).update();
        changed();
        setQueues(id, draft.queueIds());
        return get(id);
    }

    /** Creates the agent with a presence (null for offline), in one transaction. */
    @Transactional
    public Agent create(Draft draft, Agent.Presence presence) {
        Agent agent = create(draft);
        return presence == null ? agent : setPresence(agent.id(), presence);
    }

    /** Changes the agent and, unless null, their presence, in one transaction. */
    @Transactional
    public Agent update(UUID id, Draft draft, Agent.Presence presence) {
        Agent agent = update(id, draft);
        return presence == null ? agent : setPresence(id, presence);
    }

    /** Sets presence; going online offers the agent waiting conversations. */
    @Transactional
    public Agent setPresence(UUID id, Agent.Presence presence) {
        Agent before = get(id);
        jdbc.sql("update agents set presence = ? where id = ?").params(presence.code(), id).update();
        changed();
        if (presence == Agent.Presence.ONLINE && before.presence() != Agent.Presence.ONLINE) {
            events.publishEvent(new AgentWentOnline(id));
        }
        return get(id);
    }

    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from agents where id = ?").param(id).update();
        changed();
    }

    private void setQueues(UUID agentId, List<UUID> queueIds) {
        jdbc.sql("delete from agent_queues where agent_id = ?").param(agentId).update();
        changed();
        for (UUID queueId : queueIds == null ? List.<UUID>of() : queueIds) {
            jdbc.sql("insert into agent_queues (agent_id, queue_id) values (?, ?) on conflict do nothing").params(agentId, queueId).update();
        }
    }

    private String capacityJson(Map<ChannelType, Integer> capacity) {
        Map<String, Integer> byCode = new java.util.TreeMap<>();
        if (capacity != null) {
            capacity.forEach((channel, n) -> byCode.put(channel.code(), n));
        }
        return json.writeValueAsString(byCode);
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    private Agent agent(ResultSet rs, int row) throws SQLException {
        Map<ChannelType, Integer> capacity = new LinkedHashMap<>();
        json.readValue(rs.getString("capacity"), CAPACITY).forEach((code, n) -> capacity.put(ChannelType.of(code), n));
        return new Agent(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                strings(rs.getArray("skills")),
                strings(rs.getArray("languages")),
                capacity,
                Agent.Presence.of(rs.getString("presence")),
                Arrays.asList((UUID[]) rs.getArray("queue_ids").getArray()));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
