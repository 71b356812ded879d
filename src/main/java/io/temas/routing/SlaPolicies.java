package io.temas.routing;

import io.temas.platform.ConfigurationCache;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SLA policies, one per channel and priority; targets are stored in seconds (chat answers within seconds). */
@Component
public class SlaPolicies {

    private final JdbcClient jdbc;
    private final Ids ids;
    private final ConfigurationCache<List<SlaPolicy>> cache;

    SlaPolicies(JdbcClient jdbc, Ids ids, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.cache = new ConfigurationCache<>(this::load, clock);
    }

    private List<SlaPolicy> load() {
        return jdbc.sql("select * from sla_policies order by channel, priority").query((rs, n) -> new SlaPolicy(
                rs.getObject("id", UUID.class), rs.getString("name"), ChannelType.of(rs.getString("channel")),
                Priority.of(rs.getString("priority")), Duration.ofSeconds(rs.getInt("first_response_seconds")),
                Duration.ofSeconds(rs.getInt("resolution_seconds")), rs.getObject("business_hours_id", UUID.class))).list();
    }

    public List<SlaPolicy> all() {
        return cache.get();
    }

    public Optional<SlaPolicy> find(ChannelType channel, Priority priority) {
        return all().stream().filter(p -> p.channel().equals(channel) && p.priority() == priority).findFirst()
                .or(() -> all().stream().filter(p -> p.channel().equals(channel) && p.priority() == Priority.NORMAL).findFirst());
    }

    public SlaPolicy get(UUID id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> new RoutingItemNotFound("SLA policy", id));
    }

    public SlaPolicy create(String name, ChannelType channel, Priority priority, Duration firstResponse, Duration resolution,
                            UUID businessHoursId) {
        UUID id = ids.next();
        try {
            jdbc.sql("""
                            insert into sla_policies (id, name, channel, priority, first_response_seconds, resolution_seconds, business_hours_id)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, name, channel.code(), priority.code(), seconds(firstResponse, "firstResponse"), seconds(resolution, "resolution"),
                            businessHoursId).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("an SLA policy for " + channel.code() + "/" + priority.code() + " exists");
        }
        cache.invalidate();
        return get(id);
    }

    public SlaPolicy update(UUID id, String name, ChannelType channel, Priority priority, Duration firstResponse, Duration resolution,
                            UUID businessHoursId) {
        get(id);
        try {
            jdbc.sql("""
                            update sla_policies set name = ?, channel = ?, priority = ?, first_response_seconds = ?, resolution_seconds = ?,
                            business_hours_id = ? where id = ?""")
                    .params(name, channel.code(), priority.code(), seconds(firstResponse, "firstResponse"), seconds(resolution, "resolution"),
                            businessHoursId, id).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("an SLA policy for " + channel.code() + "/" + priority.code() + " exists");
        }
        cache.invalidate();
        return get(id);
    }

    /** Whole seconds, at least one and at most a year (a target beyond that is a typing mistake). */
    private static int seconds(Duration duration, String field) {
        if (duration == null || duration.getSeconds() <= 0 || duration.compareTo(SlaDurations.LONGEST) > 0) {
            throw new InvalidRoutingInput(field, field + " must be from 1 second to 365 days");
        }
        return (int) duration.getSeconds();
    }

    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from sla_policies where id = ?").param(id).update();
        cache.invalidate();
    }
}
