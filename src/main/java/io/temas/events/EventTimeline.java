package io.temas.events;

import io.temas.customers.CustomerId;
import io.temas.customers.TimelineEntry;
import io.temas.customers.TimelineSource;
import io.temas.shared.ReasonCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events from other systems on the customer's timeline, read from {@code customer_events} itself rather than copied
 * into the timeline's table: an import of a million events writes a million rows, not two million. The sentence is
 * made when the timeline is read: the type's words and the place, amount and outcome the attributes name.
 */
@Component
class EventTimeline implements TimelineSource {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventTimeline(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<TimelineEntry> recent(CustomerId customer, int limit) {
        return jdbc.sql("select id, customer_id, type, occurred_at, attributes from customer_events where customer_id = ? order by occurred_at desc, id desc limit ?")
                .params(customer.value(), limit)
                .query((rs, n) -> entry(rs.getObject("id", UUID.class), new CustomerId(rs.getObject("customer_id", UUID.class)),
                        rs.getString("type"), rs.getTimestamp("occurred_at").toInstant(), attributes(rs.getString("attributes"))))
                .list();
    }

    static TimelineEntry entry(UUID id, CustomerId customer, String type, java.time.Instant at, Map<String, Object> attributes) {
        String details = String.join(" · ", Stream.of(EventTypes.place(attributes), EventTypes.amount(attributes),
                EventTypes.outcome(attributes)).filter(Objects::nonNull).toList());
        boolean known = EventTypes.KNOWN.contains(type);
        String key = "events.detail." + (known ? type : "other") + (details.isEmpty() ? ".bare" : "");
        ReasonCode detail;
        if (details.isEmpty()) {
            detail = known ? ReasonCode.of(key) : ReasonCode.of(key, type);
        } else {
            detail = known ? ReasonCode.of(key, details) : ReasonCode.of(key, type, details);
        }
        String summary = type.replace('_', ' ') + (details.isEmpty() ? "" : ": " + details);
        return new TimelineEntry(id, customer, at, EventTypes.timelineKind(type), null, summary, null, null, detail);
    }

    private Map<String, Object> attributes(String text) {
        return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }
}
