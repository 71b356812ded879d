package io.temas.routing;

import io.temas.platform.ConfigurationCache;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The entry points, looked up by their normalised address. */
@Component
public class EntryPoints {

    private final JdbcClient jdbc;
    private final Queues queues;
    private final Ids ids;
    private final Clock clock;
    private final ConfigurationCache<Catalogue> cache;

    /**
     * The entry points by their normalised address, and the last digits of those addresses
     * ({@link EntryPointAddresses#endings}), which tell most senders' numbers apart from ours without parsing them.
     */
    private record Catalogue(Map<String, EntryPoint> byAddress, Set<String> endings) {
    }

    EntryPoints(JdbcClient jdbc, Queues queues, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.queues = queues;
        this.ids = ids;
        this.clock = clock;
        this.cache = new ConfigurationCache<>(this::load, clock);
    }

    private Catalogue load() {
        Map<String, EntryPoint> all = new LinkedHashMap<>();
        jdbc.sql("select * from entry_points order by address").query((rs, n) -> new EntryPoint(
                        rs.getObject("id", UUID.class), rs.getString("address"),
                        rs.getString("channel") == null ? null : ChannelType.of(rs.getString("channel")),
                        rs.getObject("queue_id", UUID.class), rs.getString("name"), rs.getString("campaign"), rs.getString("medium"),
                        EntryPoint.State.of(rs.getString("state")),
                        rs.getObject("retires_at", java.time.LocalDate.class)))
                .list().forEach(e -> all.put(e.address(), e));
        return new Catalogue(all, EntryPointAddresses.endings(all.keySet()));
    }

    public List<EntryPoint> all() {
        return List.copyOf(cache.get().byAddress().values());
    }

    /** The entry point for an address as a channel delivered it, if it is one of ours on that channel. */
    public Optional<EntryPoint> find(String address, ChannelType channel) {
        if (address == null) {
            return Optional.empty();
        }
        EntryPoint entryPoint = cache.get().byAddress().get(EntryPointAddresses.normalise(address));
        if (entryPoint == null || (entryPoint.channel() != null && channel != null && !entryPoint.channel().equals(channel))) {
            return Optional.empty();
        }
        return Optional.of(entryPoint);
    }

    /**
     * Whether an address is one of ours on any channel (loop protection). Asked of every sender, nearly none of whom is: a
     * sender's address is spelled without being remembered, and a phone number none of whose last digits are ours is not
     * parsed at all.
     */
    public boolean isOurs(String address) {
        if (address == null) {
            return false;
        }
        Catalogue catalogue = cache.get();
        return EntryPointAddresses.isOneOf(address, catalogue.byAddress().keySet(), catalogue.endings());
    }

    public EntryPoint get(UUID id) {
        return cache.get().byAddress().values().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new RoutingItemNotFound("entry point", id));
    }

    /**
     * An entry point as created or changed; a null channel means every channel. A null state is
     * active for a new entry point and leaves a changed one's state and date as they were.
     */
    public record Draft(String address, ChannelType channel, UUID queueId, String name, String campaign, String medium,
                        EntryPoint.State state, LocalDate retiresAt) {

        public Draft(String address, ChannelType channel, UUID queueId, String name, String campaign, String medium) {
            this(address, channel, queueId, name, campaign, medium, null, null);
        }
    }

    public EntryPoint create(Draft d) {
        EntryPoint created = create(d.address(), d.channel(), d.queueId(), d.name(), d.campaign(), d.medium());
        return d.state() == null ? created : retire(created.id(), d.state(), d.retiresAt());
    }

    public EntryPoint update(UUID id, Draft d) {
        EntryPoint updated = update(id, d.address(), d.channel(), d.queueId(), d.name(), d.campaign(), d.medium());
        return d.state() == null ? updated : retire(id, d.state(), d.retiresAt());
    }

    /** Sets where the entry point is in its retirement, from a day on (null: at once); active clears the day. */
    public EntryPoint retire(UUID id, EntryPoint.State state, LocalDate from) {
        get(id);
        jdbc.sql("update entry_points set state = ?, retires_at = ? where id = ?")
                .params(state.code(), state == EntryPoint.State.ACTIVE ? null : from, id).update();
        cache.invalidate();
        return get(id);
    }

    public EntryPoint create(String address, ChannelType channel, UUID queueId, String name, String campaign, String medium) {
        queues.get(queueId);
        UUID id = ids.next();
        String normalised = EntryPointAddresses.normalise(address);
        try {
            jdbc.sql("""
                            insert into entry_points (id, address, channel, queue_id, name, campaign, medium, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, normalised, channel == null ? null : channel.code(), queueId, name, campaign, medium,
                            Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("the entry point '" + normalised + "' exists");
        }
        cache.invalidate();
        return get(id);
    }

    public EntryPoint update(UUID id, String address, ChannelType channel, UUID queueId, String name, String campaign, String medium) {
        get(id);
        queues.get(queueId);
        try {
            jdbc.sql("update entry_points set address = ?, channel = ?, queue_id = ?, name = ?, campaign = ?, medium = ? where id = ?")
                    .params(EntryPointAddresses.normalise(address), channel == null ? null : channel.code(), queueId, name, campaign,
                            medium, id).update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("the entry point '" + address + "' exists");
        }
        cache.invalidate();
        return get(id);
    }

    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from entry_points where id = ?").param(id).update();
        cache.invalidate();
    }
}
