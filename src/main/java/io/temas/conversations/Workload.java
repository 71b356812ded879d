package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The work as routing reads it: what each agent holds, what waits in a queue, and how fast a queue
 * has been answered. Reads only; conversations change through {@link Conversations}.
 */
@Component
public class Workload {

    private final JdbcClient jdbc;

    Workload(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Open and pending conversations each agent holds on a channel, counted up to that agent's capacity (agent → capacity):
     * whether and how much room an agent has is all routing asks, and an agent holding far more than the capacity (a
     * backlog of pending conversations) costs no more to count than one who is full.
     */
    public Map<UUID, Integer> loadUpTo(Map<UUID, Integer> capacities, ChannelType channel) {
        return loads(capacities, channel, null).held();
    }

    /** The queue's latest promise as read ({@link #latestPromise}); {@code latest} is null when no one waits on one. */
    public record Promised(Instant latest) {
    }

    /** What agents hold, as {@link #loadUpTo} counts it, and the queue's latest promise read with it. */
    public record Loads(Map<UUID, Integer> held, Promised promised) {
    }

    /**
     * The agents' loads as {@link #loadUpTo} reads them and the queue's latest promise on the channel ({@link #latestPromise}),
     * by one statement: a new conversation no agent has room for is promised an answer next, and under a full queue that is
     * nearly every one.
     */
    public Loads loadsAndPromise(Map<UUID, Integer> capacities, ChannelType channel, UUID queueId) {
        return loads(capacities, channel, java.util.Objects.requireNonNull(queueId, "queueId"));
    }

    /** The loads, with the promise of {@code queueId} when one is given (null: not read). */
    private Loads loads(Map<UUID, Integer> capacities, ChannelType channel, UUID queueId) {
        Map<UUID, Integer> held = new HashMap<>();
        if (capacities.isEmpty()) {
            return new Loads(held, queueId == null ? null : new Promised(latestPromise(queueId, channel)));
        }
        List<Map.Entry<UUID, Integer>> entries = List.copyOf(capacities.entrySet());
        UUID[] agents = entries.stream().map(Map.Entry::getKey).toArray(UUID[]::new);
        Integer[] caps = entries.stream().map(Map.Entry::getValue).toArray(Integer[]::new);
        Timestamp[] latest = new Timestamp[1];
        String promise = queueId == null ? "" : ", (" + LATEST_PROMISE + ")";
        Object[] params = queueId == null ? new Object[]{channel.code(), agents, caps}
                : new Object[]{channel.code(), queueId, channel.code(), agents, caps};
        jdbc.sql("select a.id, " + LOAD + promise + " from unnest(?::uuid[], ?::int[]) as a(id, cap)").params(params)
                .query((rs, n) -> {
                    if (queueId != null) {
                        latest[0] = rs.getTimestamp(3);
                    }
                    return held.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }).list();
        return new Loads(held, queueId == null ? null : new Promised(latest[0] == null ? null : latest[0].toInstant()));
    }

    /** The conversations agent {@code a.id} holds on the channel (the first parameter), counted up to {@code a.cap}. */
    private static final String LOAD = """
            (select count(*) from (select 1 from conversations c where c.assignee_id = a.id and c.channel = ?
                                   and c.status in ('open', 'pending') limit greatest(a.cap, 0)) x)""";

    /** The latest promise of a queue (first parameter) on a channel (second). */
    private static final String LATEST_PROMISE = """
            select max(promised_by) from conversations where queue_id = ? and channel = ?
            and first_responded_at is null and promised_by is not null and status in ('open', 'pending')""";

    /**
     * The order of a queue's waiting line, arrival, as an expression only {@code conversations_waiting_line} has (V54): ordered
     * by {@code created_at} itself, PostgreSQL may walk the index of every conversation by arrival instead, filtering out
     * all those long answered, for it expects the waiting ones spread evenly among them while they are the newest.
     */
    private static final String LINE_ORDER = "created_at at time zone 'UTC'";

    /**
     * Conversations waiting in a queue for an agent on each of these channels: the {@code perChannel} oldest of each channel,
     * oldest first within it. Room is had on a channel, so each channel's line is read on its own, and the oldest on one
     * channel is reached however many wait on the others.
     */
    public List<Conversation> waiting(UUID queueId, Collection<ChannelType> channels, int perChannel) {
        return jdbc.sql("""
                        select c.* from unnest(?::text[]) with ordinality as line(channel, n) cross join lateral (
                          select * from conversations where queue_id = ? and channel = line.channel and assignee_id is null
                          and status = 'open' order by %s limit ?) c order by line.n, c.created_at""".formatted(LINE_ORDER))
                .params(channels.stream().map(ChannelType::code).toArray(String[]::new), queueId, perChannel)
                .query(Conversations::conversation).list();
    }

    /** How far down a queue's line on a channel {@link #nextInLine} looks for one an agent may be given. */
    public static final int LINE_LOOK = 50;

    /**
     * The conversation that has waited longest in the queue on the channel among those the agent may be given, looking at
     * the {@value #LINE_LOOK} oldest: its required skills among {@code skills}, not held at {@code now}, and not taken away
     * from this agent by hand (such a one waits for the next offer, which knows who else could take it). Locked for the
     * caller's transaction; a row another transaction holds is passed over, never waited for, since the caller holds the
     * assignment lock. The look is bounded because it runs under that lock: a line of thousands whose oldest all need a
     * skill the agent lacks would otherwise be read to its end.
     */
    public Optional<Conversation> nextInLine(UUID queueId, ChannelType channel, Collection<String> skills, UUID agentId,
                                             Instant now) {
        return jdbc.sql("""
                        select * from conversations where id in (
                            select id from conversations where queue_id = ? and channel = ? and assignee_id is null
                            and status = 'open' order by %1$s limit ?)
                          and assignee_id is null and status = 'open' and (held_until is null or held_until <= ?)
                          and required_skills <@ ?::text[] and not (?::uuid = any(taken_from))
                        order by %1$s limit 1 for update skip locked""".formatted(LINE_ORDER))
                .params(queueId, channel.code(), LINE_LOOK, Timestamp.from(now), skills.toArray(String[]::new), agentId)
                .query(Conversations::conversation).optional();
    }

    /** Conversations waiting in a queue, counted up to {@code cap} (beyond it the exact number changes nothing). */
    public int waitingCount(UUID queueId, int cap) {
        return jdbc.sql("""
                        select count(*) from (select 1 from conversations where queue_id = ? and assignee_id is null and status = 'open'
                        limit ?) w""")
                .params(queueId, cap).query(Integer.class).single();
    }

    /** Conversations of the queue that got their first response since {@code since}. */
    public int firstResponsesSince(UUID queueId, Instant since) {
        return jdbc.sql("select count(*) from conversations where queue_id = ? and first_responded_at >= ?")
                .params(queueId, Timestamp.from(since)).query(Integer.class).single();
    }

    /** Open and pending conversations each agent holds on a channel that still await their first response. */
    public Map<UUID, Integer> unanswered(Collection<UUID> agentIds, ChannelType channel) {
        Map<UUID, Integer> held = new HashMap<>();
        if (agentIds.isEmpty()) {
            return held;
        }
        jdbc.sql("""
                        select assignee_id, count(*) from conversations where assignee_id = any(?) and channel = ?
                        and status in ('open', 'pending') and first_responded_at is null group by assignee_id""")
                .params(agentIds.toArray(UUID[]::new), channel.code())
                .query((rs, n) -> held.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        return held;
    }

    /** The latest answer time promised to a customer of the queue on the channel who is still unanswered, if any. */
    public Instant latestPromise(UUID queueId, ChannelType channel) {
        Timestamp latest = jdbc.sql(LATEST_PROMISE)
                .params(queueId, channel.code()).query(Timestamp.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return latest == null ? null : latest.toInstant();
    }

    /**
     * Inbound messages per recipient address and week (weeks starting on Monday in {@code zone}) since {@code since},
     * for the given addresses only; answers recipient → week start → count.
     */
    public Map<String, Map<java.time.LocalDate, Integer>> inboundPerWeek(Collection<String> recipients, Instant since,
                                                                         java.time.ZoneId zone) {
        Map<String, Map<java.time.LocalDate, Integer>> weeks = new HashMap<>();
        if (recipients.isEmpty()) {
            return weeks;
        }
        jdbc.sql("""
                        select recipient, cast(date_trunc('week', created_at at time zone ?) as date), count(*) from messages
                        where direction = 'inbound' and recipient = any(?) and created_at >= ? group by 1, 2""")
                .params(zone.getId(), recipients.toArray(String[]::new), Timestamp.from(since))
                .query((rs, n) -> weeks.computeIfAbsent(rs.getString(1), r -> new HashMap<>())
                        .merge(rs.getObject(2, java.time.LocalDate.class), rs.getInt(3), Integer::sum)).list();
        return weeks;
    }
}
