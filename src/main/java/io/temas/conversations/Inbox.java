package io.temas.conversations;

import io.temas.shared.ChannelType;
import io.temas.shared.Priority;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The agent's inbox: live conversations in views, sorted by the next SLA deadline, paged by a
 * cursor. Every view reads one partial index per queue (or per agent) in deadline order and stops
 * after a page, and counts stop at {@link #COUNT_CAP}, so a page costs the same whether the
 * database holds a thousand conversations or a million.
 */
@Service
public class Inbox {

    /** Counts above this show as "999+": the exact number changes no decision and costs a scan. */
    public static final int COUNT_CAP = 999;

    /** What a view shows. */
    public enum View {
        /** Assigned to me, open or waiting on the customer. */
        MINE,
        /** Open and nobody's, in my queues. */
        UNASSIGNED,
        /** Open and waiting on the customer in one queue. */
        QUEUE,
        /** Live and due within the warning window or already breached, in my queues or mine. */
        DUE,
        /** Mine and waiting on the customer. */
        WAITING,
        /** Open and waiting on the customer, whoever holds them, in every queue the viewer may see (supervisors and admins). */
        ALL;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static View of(String code) {
            for (View v : values()) {
                if (v.code().equalsIgnoreCase(code)) {
                    return v;
                }
            }
            return MINE;
        }
    }

    /**
     * Who is looking: the agent profile (null for a user without one), the queues whose waiting work
     * they see, and which conversations they may see at all.
     */
    public record Viewer(UUID agentId, List<UUID> queueIds, QueueAccess access) {

        /** A viewer who may see every queue. */
        public Viewer(UUID agentId, List<UUID> queueIds) {
            this(agentId, queueIds, QueueAccess.EVERYTHING);
        }
    }

    /**
     * One line of the inbox; {@code heldUntil} is when a supervisor's unassign stops keeping it for the queue's other
     * agents (null when it is not held, or the hold has run out but was not cleared yet).
     */
    public record Row(UUID id, String reference, UUID customerId, ChannelType channel, String subject, ConversationStatus status,
                      Priority priority, UUID queueId, UUID assigneeId, Instant slaDue, Instant lastMessageAt,
                      List<String> tags, Instant heldUntil) {
    }

    /** A page of rows; {@code next} is the cursor of the following page, or null at the end. */
    public record Page(List<Row> rows, String next) {
    }

    static final Duration DUE_WINDOW = Duration.ofHours(1);

    private static final String COLUMNS = """
            id, reference, customer_id, channel, subject, status, priority, queue_id, assignee_id, sla_due, sla_due::text AS due_text,
            last_message_at, tags, held_until""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Page page(View view, Viewer viewer, UUID queueId, String after, int limit) {
        Cursor cursor = Cursor.decode(after);
        List<Row> rows = new ArrayList<>();
        for (Part part : parts(view, viewer, queueId)) {
            List<Object> args = new ArrayList<>(part.args());
            args.addAll(List.of(cursor.due(), cursor.id(), limit + 1));
            rows.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE " + part.where()
                            + " AND (sla_due, id) > (?::timestamptz, ?) ORDER BY sla_due, id LIMIT ?")
                    .params(args).query(Inbox::row).list());
        }
        // Each part is sorted and limited, so the first rows of their merge are the page.
        List<Row> merged = rows.stream().sorted(Comparator.comparing(Row::slaDue).thenComparing(Row::id)).distinct().toList();
        if (merged.size() <= limit) {
            return new Page(merged, null);
        }
        List<Row> page = merged.subList(0, limit);
        return new Page(page, Cursor.after(page.getLast()).encode());
    }

    /** How many conversations each view holds for the viewer, counted up to {@link #COUNT_CAP} (more reads as "999+"). */
    public Map<View, Integer> counts(Viewer viewer) {
        Map<View, Integer> counts = new EnumMap<>(View.class);
        for (View view : List.of(View.MINE, View.UNASSIGNED, View.DUE, View.WAITING, View.ALL)) {
            int total = 0;
            for (Part part : parts(view, viewer, null)) {
                List<Object> args = new ArrayList<>(part.args());
                args.add(COUNT_CAP + 1);
                total += jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM conversations WHERE " + part.where() + " LIMIT ?) c")
                        .params(args).query(Integer.class).single();
            }
            counts.put(view, Math.min(total, COUNT_CAP + 1));
        }
        return counts;
    }

    /** Live conversations of a queue, counted up to {@link #COUNT_CAP}. */
    public int queueCount(UUID queueId) {
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM conversations WHERE queue_id = ? AND status IN ('open', 'pending') LIMIT ?) c")
                .params(queueId, COUNT_CAP + 1).query(Integer.class).single();
    }

    /** A queue as the supervisor board shows it. */
    public record QueueLoad(UUID queueId, int waiting, Instant oldestWaiting, int atRisk, int live) {
    }

    /** Waiting (open, nobody's), oldest wait, due within the warning window or breached, and live work per queue. */
    public QueueLoad queueLoad(UUID queueId) {
        Timestamp soon = Timestamp.from(clock.instant().plus(DUE_WINDOW));
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM (SELECT 1 FROM conversations WHERE queue_id = ? AND assignee_id IS NULL AND status = 'open'
                                    LIMIT ?) w),
                               (SELECT min(created_at) FROM conversations WHERE queue_id = ? AND assignee_id IS NULL AND status = 'open'),
                               (SELECT count(*) FROM (SELECT 1 FROM conversations WHERE queue_id = ? AND status IN ('open', 'pending')
                                    AND sla_due < ? LIMIT ?) r),
                               (SELECT count(*) FROM (SELECT 1 FROM conversations WHERE queue_id = ? AND status IN ('open', 'pending')
                                    LIMIT ?) l)""")
                .params(queueId, COUNT_CAP + 1, queueId, queueId, soon, COUNT_CAP + 1, queueId, COUNT_CAP + 1)
                .query((rs, n) -> new QueueLoad(queueId, rs.getInt(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getInt(3), rs.getInt(4)))
                .single();
    }

    /** Live conversations each of these agents holds, over all channels. */
    public Map<UUID, Integer> liveLoad(Collection<UUID> agentIds) {
        Map<UUID, Integer> load = new java.util.HashMap<>();
        if (!agentIds.isEmpty()) {
            jdbc.sql("""
                            SELECT assignee_id, count(*) FROM conversations WHERE assignee_id = ANY (?) AND status IN ('open', 'pending')
                            GROUP BY assignee_id""")
                    .param(agentIds.toArray(UUID[]::new))
                    .query((rs, n) -> load.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        }
        return load;
    }

    /** One index range a view reads. */
    private record Part(String where, List<Object> args) {
    }

    private List<Part> parts(View view, Viewer viewer, UUID queueId) {
        List<Part> parts = new ArrayList<>();
        UUID me = viewer.agentId();
        Timestamp soon = Timestamp.from(clock.instant().plus(DUE_WINDOW));
        switch (view) {
            case MINE -> {
                if (me != null) {
                    parts.add(new Part("assignee_id = ? AND status IN ('open', 'pending')", List.of(me)));
                }
            }
            case WAITING -> {
                if (me != null) {
                    parts.add(new Part("assignee_id = ? AND status = 'pending'", List.of(me)));
                }
            }
            case UNASSIGNED -> viewer.queueIds().forEach(q ->
                    parts.add(new Part("queue_id = ? AND assignee_id IS NULL AND status = 'open'", List.of(q))));
            case QUEUE -> {
                if (queueId != null && viewer.access().permitsQueue(queueId)) {
                    parts.add(new Part("queue_id = ? AND status IN ('open', 'pending')", List.of(queueId)));
                }
            }
            case DUE -> {
                viewer.queueIds().forEach(q ->
                        parts.add(new Part("queue_id = ? AND status IN ('open', 'pending') AND sla_due < ?", List.of(q, soon))));
                if (me != null) {
                    // Mine outside my queues; those inside are read above.
                    parts.add(new Part("assignee_id = ? AND status IN ('open', 'pending') AND sla_due < ? AND (queue_id IS NULL OR NOT queue_id = ANY (?))",
                            List.of(me, soon, viewer.queueIds().toArray(UUID[]::new))));
                }
            }
            case ALL -> {
                QueueAccess access = viewer.access();
                if (access.all()) {
                    parts.add(new Part("status IN ('open', 'pending')", List.of()));
                } else {
                    access.queueIds().forEach(q -> parts.add(new Part("queue_id = ? AND status IN ('open', 'pending')", List.of(q))));
                    if (me != null) {
                        parts.add(new Part("assignee_id = ? AND status IN ('open', 'pending') AND (queue_id IS NULL OR NOT queue_id = ANY (?))",
                                List.of(me, access.queueIds().toArray(UUID[]::new))));
                    }
                }
            }
        }
        return parts;
    }

    private record Cursor(String due, UUID id) {

        static final Cursor START = new Cursor("-infinity", new UUID(0, 0));

        static Cursor after(Row row) {
            return new Cursor(row.slaDue().equals(Instant.MAX) ? "infinity" : row.slaDue().toString(), row.id());
        }

        static Cursor decode(String value) {
            if (value == null || value.isBlank()) {
                return START;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(parts[0], UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                return START;
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((due + "|" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp due = rs.getTimestamp("sla_due");
        return new Row(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getObject("customer_id", UUID.class),
                ChannelType.of(rs.getString("channel")), rs.getString("subject"), ConversationStatus.of(rs.getString("status")),
                Priority.of(rs.getString("priority")), rs.getObject("queue_id", UUID.class), rs.getObject("assignee_id", UUID.class),
                "infinity".equals(rs.getString("due_text")) ? Instant.MAX : due.toInstant(),
                rs.getTimestamp("last_message_at").toInstant(), Conversations.strings(rs.getArray("tags")),
                rs.getTimestamp("held_until") == null ? null : rs.getTimestamp("held_until").toInstant());
    }
}
