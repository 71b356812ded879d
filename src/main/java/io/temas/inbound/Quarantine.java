package io.temas.inbound;

import io.temas.shared.Ids;
import io.temas.shared.TextInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Inbound input that could not be processed, kept with its raw bytes and the reason, for admins to look at. */
@Service
public class Quarantine {

    /**
     * One quarantined input.
     *
     * @param truncated the payload is only the first bytes of what was sent (input refused before its sender was authenticated)
     */
    public record Item(UUID id, String channel, String entryPoint, String externalId, String reason, String contentType,
                       byte[] payload, Instant receivedAt, Instant releasedAt, boolean truncated) {
    }

    /** One quarantined input without its bytes, for lists. */
    public record Summary(UUID id, String channel, String entryPoint, String reason, int size, Instant receivedAt) {
    }

    /** The first key of the advisory locks that keep identical inputs from being quarantined twice at once. */
    private static final int LOCK_SPACE = 0x51a4;
    private static final int REASON_LENGTH = 2_000;

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;

    Quarantine(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Keeps the input in its own transaction, so it survives whatever failed around it. The same
     * bytes for the same channel and entry point that are still open are kept once: a mail server
     * or provider that sends a refused message again gets the first item's id, not a new row.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public UUID keep(String channel, String entryPoint, String externalId, String reason, String contentType, byte[] payload) {
        // The raw bytes are kept as they came; the labels beside them may be what was refused (a NUL in an id), so they are cleaned.
        channel = label(channel, TextInput.SHORT);
        entryPoint = label(entryPoint, TextInput.SHORT);
        externalId = label(externalId, TextInput.SHORT);
        reason = label(reason, REASON_LENGTH);
        contentType = label(contentType, TextInput.SHORT);
        byte[] bytes = payload == null ? new byte[0] : payload;
        // Two deliveries of the same bytes at once wait for each other here, so only one of them inserts.
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(LOCK_SPACE, Arrays.hashCode(bytes)).query((rs, n) -> 1).list();
        Optional<UUID> kept = jdbc.sql("""
                        select id from quarantine
                        where released_at is null and md5(payload) = md5(?) and payload = ?
                        and channel is not distinct from ? and entry_point is not distinct from ?
                        order by received_at limit 1""")
                .params(bytes, bytes, channel, entryPoint).query(UUID.class).optional();
        if (kept.isPresent()) {
            return kept.get();
        }
        UUID id = ids.next();
        jdbc.sql("""
                        insert into quarantine (id, channel, entry_point, external_id, reason, content_type, payload, received_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, channel, entryPoint, externalId, reason, contentType, bytes, Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /**
     * Keeps input refused before its sender was authenticated: only its first bytes (marked truncated when
     * there were more), and only until {@link #forgetUnauthenticatedBefore} removes it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public UUID keepUnauthenticated(String channel, String reason, String contentType, byte[] head, boolean truncated) {
        channel = label(channel, TextInput.SHORT);
        reason = label(reason, REASON_LENGTH);
        contentType = label(contentType, TextInput.SHORT);
        UUID id = ids.next();
        jdbc.sql("""
                        insert into quarantine (id, channel, reason, content_type, payload, received_at, unauthenticated, truncated)
                        values (?, ?, ?, ?, ?, ?, true, ?)""")
                .params(id, channel, reason, contentType, head == null ? new byte[0] : head, Timestamp.from(clock.instant()), truncated)
                .update();
        return id;
    }

    /** Without control characters, and cut to {@code max} characters. */
    private static String label(String value, int max) {
        String clean = TextInput.strip(value, false);
        return clean == null || clean.length() <= max ? clean : clean.substring(0, max);
    }

    /** Deletes input refused before authentication that arrived before {@code cutoff}; answers how many. */
    public int forgetUnauthenticatedBefore(Instant cutoff) {
        return jdbc.sql("delete from quarantine where unauthenticated and received_at < ?").param(Timestamp.from(cutoff)).update();
    }

    public List<Item> open(int limit) {
        return jdbc.sql("select * from quarantine where released_at is null order by received_at desc limit ?").param(limit)
                .query((rs, n) -> item(rs)).list();
    }

    /** The newest open items, without loading their bytes. */
    public List<Summary> openSummaries(int limit) {
        return jdbc.sql("""
                        select id, channel, entry_point, reason, octet_length(payload) as size, received_at from quarantine
                        where released_at is null order by received_at desc limit ?""").param(limit)
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("entry_point"),
                        rs.getString("reason"), rs.getInt("size"), rs.getTimestamp("received_at").toInstant())).list();
    }

    public int countOpen() {
        return jdbc.sql("select count(*) from quarantine where released_at is null").query(Integer.class).single();
    }

    public Optional<Item> find(UUID id) {
        return jdbc.sql("select * from quarantine where id = ?").param(id).query((rs, n) -> item(rs)).optional();
    }

    /** Marks an item as dealt with (reprocessed or dismissed by an admin). */
    public boolean release(UUID id) {
        return jdbc.sql("update quarantine set released_at = ? where id = ? and released_at is null")
                .params(Timestamp.from(clock.instant()), id).update() == 1;
    }

    /** Forgets an item and its bytes. */
    public boolean delete(UUID id) {
        return jdbc.sql("delete from quarantine where id = ?").param(id).update() == 1;
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp released = rs.getTimestamp("released_at");
        return new Item(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("entry_point"),
                rs.getString("external_id"), rs.getString("reason"), rs.getString("content_type"), rs.getBytes("payload"),
                rs.getTimestamp("received_at").toInstant(), released == null ? null : released.toInstant(), rs.getBoolean("truncated"));
    }
}
