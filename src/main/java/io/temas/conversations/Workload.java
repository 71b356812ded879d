package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The work as routing reads it: what each agent holds, what waits in a queue, and how fast a queue
 * has been answered. Reads only; conversations change through {@link Conversations}.
 */
@Repository
public class Workload {

    private final JdbcClient jdbc;

    Workload(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open and pending conversations each agent holds on a channel. */
    public Map<UUID, Integer> load(Collection<UUID> agentIds, ChannelType channel) {
        Map<UUID, Integer> load = new HashMap<>();
        if (agentIds.isEmpty()) {
            return load;
        }
        jdbc.sql("""
                        select assignee_id, count(*) from conversations where assignee_id = any(?) and channel = ?
                        and status in ('open', 'pending') group by assignee_id""")
                .params(agentIds.toArray(UUID[]::new), channel.code())
                .query((rs, n) -> load.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        return load;
    }

    /** Conversations waiting in a queue for an agent, oldest first. */
    public List<Conversation> waiting(UUID queueId, int limit) {
        return jdbc.sql("""
                        select * from conversations where queue_id = ? and assignee_id is null and status = 'open'
                        order by created_at limit ?""")
                .params(queueId, limit).query(Conversations::conversation).list();
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
}
