package io.temas.scoring;

import io.temas.scoring.RuleLanguage.FactRef;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the catalogue's facts for a batch of customers with a few set-based queries: one over the
 * customers' rows (VIP, stage, segments), one over their conversations (every count as a filtered
 * aggregate column), one over their surveys, and one per distinct event fact. Only the facts the
 * rules use are read; the SQL is built from the catalogue, and every value a rule wrote (an event
 * type, an attribute, a filter) is a bound parameter.
 */
@Component
class FactQueries {

    /** The facts of a batch: the customers found (merged-away ones are not), and each fact's value per customer. */
    record Facts(Set<UUID> live, Map<FactRef, Map<UUID, Object>> values) {

        Object value(UUID customer, FactRef fact) {
            Map<UUID, Object> byCustomer = values.get(fact);
            if (byCustomer == null) {
                return null;
            }
            Object value = byCustomer.get(customer);
            if (value == null && counts(fact) && live.contains(customer)) {
                return BigDecimal.ZERO;
            }
            return value;
        }

        private static boolean counts(FactRef fact) {
            return switch (fact.fact()) {
                case CONVERSATIONS, OPEN_CONVERSATIONS, BREACHES, COMPLAINTS, OPEN_COMPLAINTS, EVENTS, EVENT_SUM -> true;
                default -> false;
            };
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FactQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Facts read(List<UUID> customers, Set<FactRef> facts, Instant now, ZoneId zone) {
        UUID[] ids = customers.toArray(UUID[]::new);
        Map<FactRef, Map<UUID, Object>> values = new HashMap<>();
        Set<UUID> live = new HashSet<>();
        List<FactRef> profile = new ArrayList<>();
        List<FactRef> conversations = new ArrayList<>();
        List<FactRef> surveys = new ArrayList<>();
        for (FactRef fact : facts) {
            values.put(fact, new HashMap<>());
            switch (fact.fact()) {
                case VIP, STAGE, SEGMENT -> profile.add(fact);
                case CONVERSATIONS, OPEN_CONVERSATIONS, BREACHES, COMPLAINTS, OPEN_COMPLAINTS -> conversations.add(fact);
                case CSAT_AVG, CSAT_LAST -> surveys.add(fact);
                case EVENTS, EVENT_SUM -> events(ids, fact, since(fact, now, zone), values.get(fact));
                case SCORE -> {
                    // Filled by the caller from the scores it has just computed.
                }
            }
        }
        jdbc.sql("select id, vip, lifecycle_stage, segments from customers where id = any(?) and merged_into is null and erased_at is null").param(ids)
                .query((ResultSet rs) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    live.add(id);
                    List<String> segments = strings(rs.getArray("segments"));
                    for (FactRef fact : profile) {
                        values.get(fact).put(id, switch (fact.fact()) {
                            case VIP -> rs.getBoolean("vip");
                            case STAGE -> rs.getString("lifecycle_stage");
                            default -> segments.contains(fact.text());
                        });
                    }
                });
        if (!conversations.isEmpty()) {
            aggregate("conversations", "created_at", conversations, ids, now, zone, values);
        }
        if (!surveys.isEmpty()) {
            aggregate("surveys", "answered_at", surveys, ids, now, zone, values);
        }
        return new Facts(live, values);
    }

    /** One query over a table with a column per fact: {@code count(*) filter (where ...)} and the like. */
    private void aggregate(String table, String timeColumn, List<FactRef> facts, UUID[] ids, Instant now, ZoneId zone,
                           Map<FactRef, Map<UUID, Object>> values) {
        StringBuilder sql = new StringBuilder("select customer_id");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            FactRef fact = facts.get(i);
            String since = timeColumn + " >= ?";
            sql.append(", ").append(switch (fact.fact()) {
                case CONVERSATIONS -> "count(*) filter (where " + since + ")";
                case OPEN_CONVERSATIONS -> "count(*) filter (where status in ('open', 'pending'))";
                case BREACHES -> "count(*) filter (where (first_response_breached or resolution_breached) and " + since + ")";
                case COMPLAINTS -> "count(*) filter (where complaint_at >= ?)";
                case OPEN_COMPLAINTS -> "count(*) filter (where complaint_at is not null and status in ('open', 'pending'))";
                case CSAT_AVG -> "avg(csat) filter (where csat is not null and " + since + ")";
                case CSAT_LAST -> "(array_agg(csat order by answered_at desc) filter (where csat is not null))[1]";
                default -> throw new IllegalStateException(fact.fact().name());
            }).append(" as f").append(i);
            if (fact.days() >= 0) {
                params.add(Timestamp.from(since(fact, now, zone)));
            }
        }
        sql.append(" from ").append(table).append(" where customer_id = any(?)");
        if (table.equals("surveys")) {
            sql.append(" and answered_at is not null");
        }
        sql.append(" group by customer_id");
        params.add(ids);
        jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
            UUID id = rs.getObject("customer_id", UUID.class);
            for (int i = 0; i < facts.size(); i++) {
                BigDecimal value = rs.getBigDecimal("f" + i);
                values.get(facts.get(i)).put(id, value == null ? null : value.stripTrailingZeros());
            }
        });
    }

    private void events(UUID[] ids, FactRef fact, Instant since, Map<UUID, Object> into) {
        String measure = fact.fact() == Fact.EVENTS ? "count(*)"
                // A value that is no number (a typo in a feed) is left out of the sum, never an error for the whole batch.
                : "coalesce(sum(case when jsonb_typeof(attributes -> ?) = 'number' then (attributes ->> ?)::numeric"
                + " when attributes ->> ? ~ '^-{0,1}[0-9]{1,15}(\\.[0-9]{1,10}){0,1}$' then (attributes ->> ?)::numeric end), 0)";
        List<Object> params = new ArrayList<>();
        if (fact.fact() == Fact.EVENT_SUM) {
            params.addAll(Arrays.asList(fact.attribute(), fact.attribute(), fact.attribute(), fact.attribute()));
        }
        StringBuilder sql = new StringBuilder("select customer_id, ").append(measure)
                .append(" from customer_events where customer_id = any(?) and type = ? and occurred_at >= ?");
        params.addAll(List.of(ids, fact.text(), Timestamp.from(since)));
        if (!fact.filters().isEmpty()) {
            sql.append(" and attributes @> ?::jsonb");
            Map<String, Object> filters = new LinkedHashMap<>(fact.filters());
            params.add(json.writeValueAsString(filters));
        }
        sql.append(" group by customer_id");
        jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
            into.put(rs.getObject(1, UUID.class), rs.getBigDecimal(2).stripTrailingZeros());
        });
    }

    /** Where a fact's period starts: the start of today in the organisation's zone, or so many days ago. */
    static Instant since(FactRef fact, Instant now, ZoneId zone) {
        if (fact.days() == 0) {
            return now.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        }
        return now.minus(Duration.ofDays(Math.max(fact.days(), 0)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
