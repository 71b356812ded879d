package io.temas.customers;

import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.ReasonCode;
import io.temas.shared.TextInput;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The profile of a customer beyond its identities (demographics, segments, VIP, the language and channel to reach them
 * in) and its lifecycle stage with every move kept. Values are checked here, whoever sends them: short text without
 * control characters, a birth date between 1900 and today, a gender and a stage from their lists, segments as short
 * words.
 */
@Service
public class Profiles {

    /** The longest city, occupation or display name. */
    public static final int TEXT_LIMIT = 100;
    /** The longest reason for a stage change. */
    public static final int REASON_LIMIT = 500;
    /** How many segments one customer may be in. */
    public static final int MAX_SEGMENTS = 20;

    private static final Pattern SEGMENT = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,39}");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    /** The customers in each stage now ({@code null} key: no stage yet), merged profiles left out. */
    public record StageCount(LifecycleStage stage, long customers) {
    }

    /** How many moves from one stage ({@code null}: none yet) to another in a period. */
    public record Move(LifecycleStage from, LifecycleStage to, long moves) {
    }

    private final JdbcClient jdbc;
    private final Customers customers;
    private final CustomerTimeline timeline;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    Profiles(JdbcClient jdbc, Customers customers, CustomerTimeline timeline, ApplicationEventPublisher events, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.timeline = timeline;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** @throws CustomerNotFound for an unknown id */
    public CustomerProfile get(CustomerId id) {
        return jdbc.sql("select * from customers where id = ?").param(id.value()).query(Profiles::profile).optional()
                .orElseThrow(() -> new CustomerNotFound(id.value()));
    }

    /**
     * Changes the fields the change names, after checking every value; the timeline notes which fields changed and who
     * changed them.
     *
     * @throws InvalidInput     naming the first field whose value cannot be used
     * @throws CustomerNotFound for an unknown id
     * @throws MergeConflict    when the customer was merged into another (change the survivor)
     */
    @Transactional
    public CustomerProfile update(CustomerId id, ProfileChange change, String actor) {
        Map<ProfileChange.Field, Object> checked = new EnumMap<>(ProfileChange.Field.class);
        change.values().forEach((field, value) -> checked.put(field, check(field, value)));
        Customer customer = lock(id);
        if (checked.isEmpty()) {
            return get(id);
        }
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        checked.forEach((field, value) -> {
            sets.add(column(field) + " = ?");
            params.add(value);
        });
        sets.add("updated_at = ?");
        Instant now = clock.instant();
        params.add(Timestamp.from(now));
        params.add(id.value());
        jdbc.sql("update customers set " + String.join(", ", sets) + " where id = ?").params(params).update();
        String fields = checked.keySet().stream().map(ProfileChange.Field::wire).collect(Collectors.joining(", "));
        timeline.record(customer.id(), List.of(new CustomerTimeline.Entry(now, "customer.profile", null,
                "Profile changed by " + actor + ": " + fields, null, null,
                ReasonCode.of("timeline.customer.profile.detail", actor).then(checked.keySet().stream()
                        .map(f -> ReasonCode.of("profile.field." + f.wire())).toList()))));
        events.publishEvent(new CustomerProfileChanged(id.value(), checked.keySet().stream().map(ProfileChange.Field::wire).toList(), actor,
                now));
        return get(id);
    }

    /**
     * Moves the customer to {@code stage}, keeping the move (who, when, from, to, why), noting it on the timeline and
     * publishing {@link LifecycleStageChanged}, all in one transaction. Moving to the stage it is in changes nothing.
     *
     * @return the move, or null when the customer was already in that stage
     * @throws InvalidInput     for a reason too long or holding control characters
     * @throws CustomerNotFound for an unknown id
     * @throws MergeConflict    when the customer was merged into another
     */
    @Transactional
    public LifecycleChange changeStage(CustomerId id, LifecycleStage stage, String reason, String actor) {
        String why = reason == null || reason.isBlank() ? null : checkText("reason", reason.strip(), REASON_LIMIT, true);
        if (stage == null) {
            throw new InvalidInput("stage", "stage is required");
        }
        lock(id);
        LifecycleStage from = LifecycleStage.stored(jdbc.sql("select lifecycle_stage from customers where id = ?").param(id.value())
                .query(String.class).optional().orElse(null));
        if (from == stage) {
            return null;
        }
        Instant now = clock.instant();
        UUID changeId = ids.next();
        jdbc.sql("update customers set lifecycle_stage = ?, updated_at = ? where id = ?")
                .params(stage.code(), Timestamp.from(now), id.value()).update();
        jdbc.sql("""
                        insert into lifecycle_changes (id, customer_id, from_stage, to_stage, actor, reason, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(changeId, id.value(), from == null ? null : from.code(), stage.code(), actor, why, Timestamp.from(now)).update();
        timeline.record(id, List.of(new CustomerTimeline.Entry(now, "customer.stage", null,
                "Stage " + (from == null ? "set" : "changed from " + from.code()) + " to " + stage.code() + " by " + actor
                        + (why == null ? "" : " (" + why + ")"), null, null,
                ReasonCode.of("timeline.customer.stage.detail", stageKey(from), stageKey(stage), actor,
                        why == null ? ReasonCode.key("profile.reason.none") : why))));
        events.publishEvent(new LifecycleStageChanged(id.value(), from == null ? null : from.code(), stage.code(), actor, now));
        return new LifecycleChange(changeId, id, from, stage, actor, why, now);
    }

    /** The customer's moves between stages, newest first (those of customers merged into it too). */
    public List<LifecycleChange> history(CustomerId id, int limit) {
        return history(id, (long) limit);
    }

    /** Every move of the customer, newest first: a subject-access export holds them all. */
    List<LifecycleChange> history(CustomerId id) {
        return history(id, Long.MAX_VALUE);
    }

    private List<LifecycleChange> history(CustomerId id, long limit) {
        return jdbc.sql("select * from lifecycle_changes where customer_id = ? order by changed_at desc, id desc limit ?")
                .params(id.value(), limit).query(Profiles::change).list();
    }

    /** How many customers are in each stage now, in the funnel's order, those without a stage last. */
    public List<StageCount> stages() {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select lifecycle_stage, count(*) from customers where merged_into is null group by lifecycle_stage")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        List<StageCount> rows = new ArrayList<>();
        for (LifecycleStage stage : LifecycleStage.values()) {
            rows.add(new StageCount(stage, counts.getOrDefault(stage.code(), 0L)));
        }
        rows.add(new StageCount(null, counts.getOrDefault(null, 0L)));
        return rows;
    }

    /** The moves between stages made in {@code [from, to)}, the most frequent first. */
    public List<Move> moves(Instant from, Instant to) {
        return jdbc.sql("""
                        select from_stage, to_stage, count(*) from lifecycle_changes where changed_at >= ? and changed_at < ?
                        group by from_stage, to_stage order by count(*) desc, from_stage nulls first, to_stage""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new Move(LifecycleStage.stored(rs.getString(1)), LifecycleStage.stored(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    /** The bundle key naming a stage, as a {@link ReasonCode} argument ({@code profile.stage.none} for none). */
    public static String stageKey(LifecycleStage stage) {
        return ReasonCode.key("profile.stage." + (stage == null ? "none" : stage.code()));
    }

    /** Locks the live customer's row so concurrent changes of one profile queue up. */
    private Customer lock(CustomerId id) {
        Customer customer = customers.get(id);
        if (customer.isMerged()) {
            throw new MergeConflict("customer " + id.value() + " was merged into " + customer.mergedInto() + "; change that one");
        }
        jdbc.sql("select id from customers where id = ? for update").param(id.value()).query(UUID.class).single();
        return customer;
    }

    /** The value to store for {@code field}, checked. */
    private Object check(ProfileChange.Field field, Object value) {
        String name = field.wire();
        if (value == null) {
            return switch (field) {
                case VIP -> throw new InvalidInput(name, "vip is true or false");
                case SEGMENTS -> new String[0];
                default -> null;
            };
        }
        return switch (field) {
            case VIP -> {
                if (!(value instanceof Boolean b)) {
                    throw new InvalidInput(name, "vip is true or false");
                }
                yield b;
            }
            case SEGMENTS -> segments(value);
            case DISPLAY_NAME -> blankToNull(checkText(name, text(name, value).strip(), TEXT_LIMIT, false));
            case CITY, OCCUPATION -> blankToNull(checkText(name, text(name, value).strip(), TEXT_LIMIT, false));
            case LANGUAGE -> blank(text(name, value)) ? null : Language.parse(checkText(name, text(name, value), 20, false))
                    .orElseThrow(() -> new InvalidInput(name, "language is one of tr, az, en")).code();
            case PREFERRED_CHANNEL -> blank(text(name, value)) ? null : channel(text(name, value));
            case GENDER -> blank(text(name, value)) ? null : Gender.of(checkText(name, text(name, value), 20, false)).code();
            case BIRTH_DATE -> blank(text(name, value)) ? null : Date.valueOf(birthDate(text(name, value)));
        };
    }

    private static String channel(String value) {
        try {
            return ChannelType.of(checkText("preferredChannel", value, 32, false)).code();
        } catch (InvalidInput e) {
            throw new InvalidInput("preferredChannel", "preferredChannel is not a channel code");
        }
    }

    private LocalDate birthDate(String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(checkText("birthDate", value.strip(), 20, false));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("birthDate", "birthDate is a date written YYYY-MM-DD");
        }
        if (date.isBefore(EARLIEST_BIRTH) || date.isAfter(LocalDate.now(clock).plusDays(1))) {
            throw new InvalidInput("birthDate", "birthDate lies between 1900-01-01 and today");
        }
        return date;
    }

    private static String[] segments(Object value) {
        List<?> given = value instanceof List<?> list ? list
                : value instanceof String s ? List.of(s.split(",")) : null;
        if (given == null) {
            throw new InvalidInput("segments", "segments is a list of words");
        }
        LinkedHashSet<String> segments = new LinkedHashSet<>();
        for (Object item : given) {
            if (!(item instanceof String s)) {
                throw new InvalidInput("segments", "segments is a list of words");
            }
            String segment = checkText("segments", s.strip(), 40, false).toLowerCase(Locale.ROOT);
            if (segment.isEmpty() && value instanceof String) {
                continue;
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new InvalidInput("segments", "a segment is a word of up to 40 letters, digits, '-', '_' or '.', not '"
                        + TextInput.forLog(s) + "'");
            }
            segments.add(segment);
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw new InvalidInput("segments", "at most " + MAX_SEGMENTS + " segments");
        }
        return segments.toArray(String[]::new);
    }

    private static String text(String field, Object value) {
        if (!(value instanceof String s)) {
            throw new InvalidInput(field, field + " is text");
        }
        return s;
    }

    private static String checkText(String field, String value, int limit, boolean freeText) {
        TextInput.check(field, value, freeText);
        if (value.length() > limit) {
            throw new InvalidInput(field, field + " is longer than " + limit + " characters");
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String column(ProfileChange.Field field) {
        return switch (field) {
            case DISPLAY_NAME -> "display_name";
            case VIP -> "vip";
            case SEGMENTS -> "segments";
            case LANGUAGE -> "language";
            case PREFERRED_CHANNEL -> "preferred_channel";
            case BIRTH_DATE -> "birth_date";
            case GENDER -> "gender";
            case CITY -> "city";
            case OCCUPATION -> "occupation";
        };
    }

    static CustomerProfile profile(ResultSet rs, int row) throws SQLException {
        String language = rs.getString("language");
        String channel = rs.getString("preferred_channel");
        Date birth = rs.getDate("birth_date");
        return new CustomerProfile(
                new CustomerId(rs.getObject("id", UUID.class)),
                rs.getString("display_name"),
                rs.getBoolean("vip"),
                Customers.strings(rs.getArray("segments")),
                language == null ? null : Language.parse(language).orElse(null),
                channel == null ? null : new ChannelType(channel),
                birth == null ? null : birth.toLocalDate(),
                Gender.stored(rs.getString("gender")),
                rs.getString("city"),
                rs.getString("occupation"),
                LifecycleStage.stored(rs.getString("lifecycle_stage")));
    }

    static LifecycleChange change(ResultSet rs, int row) throws SQLException {
        return new LifecycleChange(
                rs.getObject("id", UUID.class),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                LifecycleStage.stored(rs.getString("from_stage")),
                LifecycleStage.stored(rs.getString("to_stage")),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getTimestamp("changed_at").toInstant());
    }
}
