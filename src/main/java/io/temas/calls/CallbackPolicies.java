package io.temas.calls;

import io.temas.routing.Agents;
import io.temas.routing.Queues;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The callback policy and each queue's callbacks per slot, as administrators set them. A queue
 * without its own figure gets the forecast from the agents serving it
 * ({@link CallbackPolicy#forecastCapacity(int)}).
 */
@Component
public class CallbackPolicies {

    /** A queue's callbacks per slot: the figure in force, whether an administrator set it, and the forecast default. */
    public record Capacity(UUID queueId, int perSlot, boolean set, int forecast, int agents) {
    }

    private final JdbcClient jdbc;
    private final CallbackSettings settings;
    private final Agents agents;
    private final Queues queues;
    private final Clock clock;

    CallbackPolicies(JdbcClient jdbc, CallbackSettings settings, Agents agents, Queues queues, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.agents = agents;
        this.queues = queues;
        this.clock = clock;
    }

    /** The policy in force: the administrator's, else the configured defaults. */
    public CallbackPolicy policy() {
        return jdbc.sql("select * from callback_policy").query((rs, n) -> new CallbackPolicy(rs.getInt("slot_minutes"),
                rs.getInt("lead_minutes"), rs.getInt("days_ahead"), rs.getInt("average_minutes"), rs.getInt("share_percent"),
                rs.getInt("offer_timeout_seconds"), rs.getInt("attempts"), rs.getInt("retry_interval_minutes"))).optional()
                .orElseGet(() -> CallbackPolicy.of(settings));
    }

    /** Sets the policy; null goes back to the configured defaults. */
    public CallbackPolicy save(CallbackPolicy policy) {
        if (policy == null) {
            jdbc.sql("delete from callback_policy").update();
            return policy();
        }
        jdbc.sql("""
                        insert into callback_policy (id, slot_minutes, lead_minutes, days_ahead, average_minutes, share_percent,
                                                     offer_timeout_seconds, attempts, retry_interval_minutes, updated_at)
                        values (true, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set slot_minutes = excluded.slot_minutes, lead_minutes = excluded.lead_minutes,
                            days_ahead = excluded.days_ahead, average_minutes = excluded.average_minutes,
                            share_percent = excluded.share_percent, offer_timeout_seconds = excluded.offer_timeout_seconds,
                            attempts = excluded.attempts, retry_interval_minutes = excluded.retry_interval_minutes,
                            updated_at = excluded.updated_at""")
                .params(policy.slotMinutes(), policy.leadMinutes(), policy.daysAhead(), policy.averageMinutes(), policy.sharePercent(),
                        policy.offerTimeoutSeconds(), policy.attempts(), policy.retryIntervalMinutes(), Timestamp.from(clock.instant()))
                .update();
        return policy();
    }

    /** A queue's callbacks per slot. */
    public Capacity capacity(UUID queueId) {
        queues.get(queueId);
        int serving = (int) agents.all().stream().filter(a -> a.queueIds().contains(queueId)).count();
        int forecast = policy().forecastCapacity(serving);
        Optional<Integer> set = jdbc.sql("select per_slot from callback_capacity where queue_id = ?").param(queueId)
                .query(Integer.class).optional();
        return new Capacity(queueId, set.orElse(forecast), set.isPresent(), forecast, serving);
    }

    /** Sets a queue's callbacks per slot; null goes back to the forecast. */
    public Capacity setCapacity(UUID queueId, Integer perSlot) {
        queues.get(queueId);
        if (perSlot == null) {
            jdbc.sql("delete from callback_capacity where queue_id = ?").param(queueId).update();
        } else {
            if (perSlot < 0 || perSlot > 10_000) {
                throw new InvalidInput("perSlot", "callbacks per slot are 0 to 10000");
            }
            jdbc.sql("""
                            insert into callback_capacity (queue_id, per_slot, updated_at) values (?, ?, ?)
                            on conflict (queue_id) do update set per_slot = excluded.per_slot, updated_at = excluded.updated_at""")
                    .params(queueId, perSlot, Timestamp.from(clock.instant())).update();
        }
        return capacity(queueId);
    }
}
