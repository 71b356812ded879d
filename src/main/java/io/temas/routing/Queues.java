package io.temas.routing;

import io.temas.platform.ConfigurationCache;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The queues. */
@Component
public class Queues {

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final ConfigurationCache<Map<UUID, Queue>> cache;

    Queues(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.cache = new ConfigurationCache<>(this::load, clock);
    }

    private Map<UUID, Queue> load() {
        Map<UUID, Queue> all = new LinkedHashMap<>();
        jdbc.sql("select * from queues order by name").query((rs, n) -> new Queue(rs.getObject("id", UUID.class),
                rs.getString("name"), rs.getString("description"), rs.getObject("business_hours_id", UUID.class)))
                .list().forEach(q -> all.put(q.id(), q));
        return all;
    }

    public List<Queue> all() {
        return List.copyOf(cache.get().values());
    }

    public Optional<Queue> find(UUID id) {
        return Optional.ofNullable(id == null ? null : cache.get().get(id));
    }

    public Queue get(UUID id) {
        return find(id).orElseThrow(() -> new RoutingItemNotFound("queue", id));
    }

    public Optional<Queue> findByName(String name) {
        return cache.get().values().stream().filter(q -> q.name().equalsIgnoreCase(name)).findFirst();
    }

    /** A queue by id or by name. */
    public Queue resolve(String idOrName) {
        try {
            return get(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAnId) {
            return findByName(idOrName).orElseThrow(() -> new RoutingItemNotFound("queue", idOrName));
        }
    }

    public Queue create(String name, String description, UUID businessHoursId) {
        UUID id = ids.next();
        try {
            jdbc.sql("insert into queues (id, name, description, business_hours_id, created_at) values (?, ?, ?, ?, ?)")
                    .params(id, name, description, businessHoursId, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("a queue named '" + name + "' exists");
        }
        cache.invalidate();
        return get(id);
    }

    public Queue update(UUID id, String name, String description, UUID businessHoursId) {
        get(id);
        try {
            jdbc.sql("update queues set name = ?, description = ?, business_hours_id = ? where id = ?")
                    .params(name, description, businessHoursId, id).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("a queue named '" + name + "' exists");
        }
        cache.invalidate();
        return get(id);
    }

    public void delete(UUID id) {
        get(id);
        try {
            jdbc.sql("delete from queues where id = ?").param(id).update();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new RoutingItemConflict("the queue is still used by entry points or rules");
        }
        cache.invalidate();
    }
}
