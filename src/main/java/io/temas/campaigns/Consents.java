package io.temas.campaigns;

import io.temas.customers.CustomerId;
import io.temas.routing.EntryPointAddresses;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Consents per channel and purpose, with their source and date, in the spirit of Turkey's İYS
 * register (the latest record wins, none is ever deleted), and do-not-contact entries per channel
 * with a reason and an optional expiry. A consent is kept against the address it concerns as
 * well as the customer, so a withdrawal holds even if the number later moves to another profile.
 */
@Component
public class Consents {

    /** One consent record. */
    public record Consent(UUID id, UUID customerId, String address, ChannelType channel, Purpose purpose, boolean granted,
                          String source, Instant recordedAt) {
    }

    /** One do-not-contact entry; a null channel means every channel. */
    public record DoNotContact(UUID id, UUID customerId, ChannelType channel, String reason, Instant expiresAt, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final ApplicationEventPublisher events;

    Consents(JdbcClient jdbc, Ids ids, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.events = events;
    }

    public Consent record(CustomerId customer, String address, ChannelType channel, Purpose purpose, boolean granted, String source,
                          Instant at) {
        if (source == null || source.isBlank()) {
            throw new InvalidInput("source", "a consent needs its source");
        }
        UUID id = ids.next();
        String normalised = address == null || address.isBlank() ? null : EntryPointAddresses.normaliseOnce(address);
        jdbc.sql("""
                        insert into consents (id, customer_id, address, channel, purpose, granted, source, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, customer.value(), normalised, channel.code(), purpose.code(), granted, source, Timestamp.from(at)).update();
        events.publishEvent(new ConsentChanged(id, customer.value(), normalised, channel, purpose, granted, source, at));
        return new Consent(id, customer.value(), normalised, channel, purpose, granted, source, at);
    }

    /** The latest consent for the customer or the address on the channel and purpose: true, false, or null when none. */
    public Boolean state(UUID customer, String address, ChannelType channel, Purpose purpose) {
        String normalised = address == null ? null : EntryPointAddresses.normaliseOnce(address);
        return jdbc.sql("""
                        select granted from consents where channel = ? and purpose = ? and (customer_id = ? or address = ?)
                        order by recorded_at desc, id desc limit 1""")
                .params(channel.code(), purpose.code(), customer, normalised).query(Boolean.class).optional().orElse(null);
    }

    /**
     * {@link #state} for many customers at once: the latest consent for each customer or its
     * address ({@code addresses} in the same order, an element may be null), in that order.
     */
    public List<Boolean> states(List<UUID> customers, List<String> addresses, ChannelType channel, Purpose purpose) {
        if (customers.size() != addresses.size()) {
            throw new IllegalArgumentException("one address (or null) per customer");
        }
        if (customers.isEmpty()) {
            return List.of();
        }
        String[] normalised = addresses.stream().map(a -> a == null ? null : EntryPointAddresses.normaliseOnce(a)).toArray(String[]::new);
        return jdbc.sql("""
                        select (select c.granted from consents c where c.channel = ? and c.purpose = ? and (c.customer_id = t.customer
                                or c.address = t.address) order by c.recorded_at desc, c.id desc limit 1)
                        from unnest(?::uuid[], ?::text[]) with ordinality as t(customer, address, n) order by t.n""")
                .params(channel.code(), purpose.code(), customers.toArray(UUID[]::new), normalised)
                .query((rs, n) -> {
                    boolean granted = rs.getBoolean(1);
                    return rs.wasNull() ? null : granted;
                })
                .list();
    }

    public List<Consent> of(CustomerId customer) {
        return jdbc.sql("select * from consents where customer_id = ? order by recorded_at desc, id desc").param(customer.value())
                .query((rs, n) -> new Consent(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                        rs.getString("address"), ChannelType.of(rs.getString("channel")), Purpose.of(rs.getString("purpose")),
                        rs.getBoolean("granted"), rs.getString("source"), rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    public DoNotContact doNotContact(CustomerId customer, ChannelType channel, String reason, Instant expiresAt, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "a do-not-contact entry needs its reason");
        }
        UUID id = ids.next();
        jdbc.sql("insert into do_not_contact (id, customer_id, channel, reason, expires_at, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, customer.value(), channel == null ? null : channel.code(), reason,
                        expiresAt == null ? null : Timestamp.from(expiresAt), Timestamp.from(now)).update();
        return new DoNotContact(id, customer.value(), channel, reason, expiresAt, now);
    }

    /** Reasons of the entries in force for the channel now. */
    public List<String> doNotContactReasons(UUID customer, ChannelType channel, Instant now) {
        return jdbc.sql("""
                        select reason from do_not_contact where customer_id = ? and (channel is null or channel = ?)
                        and (expires_at is null or expires_at > ?) order by created_at""")
                .params(customer, channel.code(), Timestamp.from(now)).query(String.class).list();
    }

    /** {@link #doNotContactReasons(UUID, ChannelType, Instant)} for many customers at once; those with none are left out. */
    public Map<UUID, List<String>> doNotContactReasons(Collection<UUID> customers, ChannelType channel, Instant now) {
        Map<UUID, List<String>> reasons = new HashMap<>();
        if (!customers.isEmpty()) {
            jdbc.sql("""
                            select customer_id, reason from do_not_contact where customer_id = any(?) and (channel is null or channel = ?)
                            and (expires_at is null or expires_at > ?) order by created_at""")
                    .params(customers.toArray(UUID[]::new), channel.code(), Timestamp.from(now))
                    .query((rs, n) -> reasons.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2)))
                    .list();
        }
        return reasons;
    }

    public List<DoNotContact> doNotContactOf(CustomerId customer) {
        return jdbc.sql("select * from do_not_contact where customer_id = ? order by created_at desc").param(customer.value())
                .query((rs, n) -> new DoNotContact(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                        rs.getString("channel") == null ? null : ChannelType.of(rs.getString("channel")), rs.getString("reason"),
                        rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
