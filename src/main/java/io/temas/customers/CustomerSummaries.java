package io.temas.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link CustomerSummary} in one statement (one round trip): the merge chain is followed inside it, and every
 * part is an index lookup on the customer's id (open conversations from a partial index, the last contact and the
 * latest events from indexes ordered by time, scores and open alerts by their keys), so the cost does not grow with
 * the number of customers.
 */
@Service
public class CustomerSummaries {

    /** How many recent events a summary carries. */
    public static final int RECENT_EVENTS = 5;

    private static final String SQL = """
            with recursive chain (id, merged_into, hops) as (
                select id, merged_into, 0 from customers where id = ?
                union all
                select c.id, c.merged_into, chain.hops + 1 from customers c join chain on c.id = chain.merged_into where chain.hops < 100
            ), live as (select id from chain where merged_into is null limit 1)
            select c.*,
                   (select count(*) from conversations v where v.customer_id = c.id and v.status in ('open', 'pending')) as open_count,
                   (select json_build_object('at', v.last_message_at, 'channel', v.channel, 'id', v.id) from conversations v
                     where v.customer_id = c.id order by v.last_message_at desc limit 1)::text as last_contact,
                   (select json_agg(json_build_object('score', s.score, 'value', s.value, 'at', s.computed_at) order by s.score)
                      from customer_scores s where s.customer_id = c.id)::text as scores,
                   (select json_agg(json_build_object('id', a.id, 'rule', a.rule_id, 'at', a.raised_at, 'severity', r.severity,
                           'name', json_build_object('tr', r.name_tr, 'az', r.name_az, 'en', r.name_en),
                           'message', json_build_object('tr', r.message_tr, 'az', r.message_az, 'en', r.message_en)) order by a.raised_at desc)
                      from customer_alerts a join alert_rules r on r.id = a.rule_id
                     where a.customer_id = c.id and a.cleared_at is null)::text as alerts,
                   (select json_agg(json_build_object('type', e.type, 'at', e.occurred_at, 'source', e.source_id, 'attributes', e.attributes)
                           order by e.occurred_at desc)
                      from (select * from customer_events e where e.customer_id = c.id order by e.occurred_at desc limit ?) e)::text as events
            from customers c join live on live.id = c.id""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CustomerSummaries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The summary of the customer behind {@code id} (the survivor's, when it was merged); empty for an unknown id. */
    public Optional<CustomerSummary> of(CustomerId id) {
        return jdbc.sql(SQL).params(id.value(), RECENT_EVENTS).query((rs, n) -> new CustomerSummary(
                id.value(),
                Profiles.profile(rs, n),
                rs.getString("detected_language"),
                rs.getInt("open_count"),
                lastContact(rs.getString("last_contact")),
                list(rs.getString("scores")).stream().map(s -> new CustomerSummary.Score(s.get("score").asString(),
                        new BigDecimal(s.get("value").asString()), instant(s.get("at")))).toList(),
                list(rs.getString("alerts")).stream().map(a -> new CustomerSummary.Alert(UUID.fromString(a.get("id").asString()),
                        UUID.fromString(a.get("rule").asString()), a.get("severity").asString(), texts(a.get("name")),
                        texts(a.get("message")), instant(a.get("at")))).toList(),
                list(rs.getString("events")).stream().map(e -> new CustomerSummary.Event(e.get("type").asString(), instant(e.get("at")),
                        e.get("source").asString(), attributes(e.get("attributes")))).toList()))
                .optional();
    }

    private CustomerSummary.LastContact lastContact(String text) {
        if (text == null) {
            return null;
        }
        JsonNode node = json.readTree(text);
        return new CustomerSummary.LastContact(instant(node.get("at")), node.get("channel").asString(),
                UUID.fromString(node.get("id").asString()));
    }

    private List<JsonNode> list(String text) {
        List<JsonNode> items = new ArrayList<>();
        if (text != null) {
            json.readTree(text).forEach(items::add);
        }
        return items;
    }

    private Map<String, Object> attributes(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.treeToValue(node, LinkedHashMap.class);
        return map;
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> texts = new LinkedHashMap<>();
        node.properties().forEach(e -> texts.put(e.getKey(), e.getValue().asString()));
        return texts;
    }

    /** PostgreSQL's JSON timestamps ({@code 2026-12-03T09:00:00.123+00:00}). */
    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : OffsetDateTime.parse(node.asString()).toInstant();
    }
}
