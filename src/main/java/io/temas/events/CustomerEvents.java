package io.temas.events;

import io.temas.customers.CustomerEventRecorded;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Ids;
import io.temas.shared.ReasonCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes events from other systems: each line is read and checked ({@link EventParser}), resolved to a customer
 * through the identity graph, stored once per source id, and put on the customer's timeline; a refused line is
 * kept with its raw text and the reason. Batches are stored with a few statements whatever their size.
 */
@Service
public class CustomerEvents {

    /** One line of a body or a file, numbered from 1. */
    public record Line(int number, String raw) {
    }

    /** Identity resolution that creates or merges customers runs in transactions of at most this many events, so none holds too many identifier locks. */
    private static final int RESOLVE_BATCH = 100;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final IdentityResolver identities;
    private final CustomerTimeline timeline;
    private final EventParser parser;
    private final JsonMapper json;
    private final EventsSettings settings;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separate;

    CustomerEvents(JdbcClient jdbc, IdentityResolver identities, CustomerTimeline timeline, JsonMapper json, EventsSettings settings,
                   Ids ids, Clock clock, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.identities = identities;
        this.timeline = timeline;
        this.parser = new EventParser(json, settings, clock);
        this.json = json;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    EventParser parser() {
        return parser;
    }

    /**
     * Takes JSON events, one per line (an NDJSON body, or a single event as a body of one line); blank lines are
     * skipped. Answers once everything taken and every refused line is committed.
     */
    public EventOutcome takeJson(List<Line> lines) {
        List<EventParser.Parsed> parsed = new ArrayList<>();
        List<EventRefusal> refused = new ArrayList<>();
        for (Line line : lines) {
            try {
                parsed.add(parser.json(line.number(), line.raw()));
            } catch (EventParser.LineRefused e) {
                refused.add(new EventRefusal(line.number(), e.field, e.getMessage(), EventParser.storable(line.raw())));
            }
        }
        Map<Integer, CustomerId> resolved = resolve(parsed, refused);
        return transaction.execute(status -> store(parsed, resolved, refused, null));
    }

    /**
     * Resolves the customers of well-formed events: those whose identifiers all belong to one customer already are
     * found in one query; the others (new people, new identifiers, merges) go through {@link IdentityResolver#resolve}
     * in small transactions of their own, committed before the events are stored (a retried batch finds them). An
     * event with no usable identifier is refused. Answers the customer by line number.
     */
    Map<Integer, CustomerId> resolve(List<EventParser.Parsed> parsed, List<EventRefusal> refused) {
        Map<Integer, CustomerId> customers = new LinkedHashMap<>();
        List<CustomerId> known = identities.known(parsed.stream().map(EventParser.Parsed::identifiers).toList());
        List<EventParser.Parsed> unknown = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            EventParser.Parsed p = parsed.get(i);
            if (known.get(i) != null) {
                customers.put(p.line(), known.get(i));
            } else if (!identities.usable(p.identifiers())) {
                refused.add(new EventRefusal(p.line(), "identifiers", "no usable identifier (blank, a placeholder or malformed)",
                        EventParser.storable(p.raw())));
            } else {
                unknown.add(p);
            }
        }
        for (int from = 0; from < unknown.size(); from += RESOLVE_BATCH) {
            List<EventParser.Parsed> batch = unknown.subList(from, Math.min(unknown.size(), from + RESOLVE_BATCH));
            separate.executeWithoutResult(status -> {
                // Every identifier lock of the batch at once, in one order, before the first resolve holds any, as the
                // pipeline's batches take them: two imports (or an import and the pipeline) never wait for each other in a ring.
                identities.lockAhead(batch.stream().flatMap(p -> p.identifiers().stream()).toList());
                for (EventParser.Parsed p : batch) {
                    customers.put(p.line(), identities.resolve(p.identifiers(), null, null).customerId());
                }
            });
        }
        parsed.removeIf(p -> !customers.containsKey(p.line()));
        return customers;
    }

    /**
     * Stores resolved events (a source id already stored, or earlier in the batch, counts as repeated), their
     * timeline entries and the refused lines, inside the caller's transaction.
     */
    EventOutcome store(List<EventParser.Parsed> parsed, Map<Integer, CustomerId> customers, List<EventRefusal> refused, UUID jobId) {
        Instant now = clock.instant();
        int n = parsed.size();
        UUID[] id = new UUID[n];
        UUID[] customer = new UUID[n];
        String[] type = new String[n];
        String[] at = new String[n];
        String[] source = new String[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            EventParser.Parsed p = parsed.get(i);
            id[i] = ids.next();
            customer[i] = customers.get(p.line()).value();
            type[i] = p.type();
            at[i] = p.at().toString();
            source[i] = p.sourceId();
            attributes[i] = p.attributesJson();
        }
        Set<String> inserted = new HashSet<>(n == 0 ? List.of() : jdbc.sql("""
                        insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                        select id, customer_id, type, occurred_at::timestamptz, source_id, attributes::jsonb, ?
                        from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as e(id, customer_id, type, occurred_at, source_id, attributes)
                        on conflict (source_id) do nothing
                        returning source_id""")
                .params(Timestamp.from(now), id, customer, type, at, source, attributes)
                .query(String.class).list());
        List<CustomerTimeline.Owned> entries = new ArrayList<>(inserted.size());
        Set<String> recorded = new HashSet<>();
        for (EventParser.Parsed p : parsed) {
            // A source id twice in one batch is inserted once; only its first line goes on the timeline.
            if (inserted.contains(p.sourceId()) && recorded.add(p.sourceId())) {
                entries.add(new CustomerTimeline.Owned(customers.get(p.line()), entry(p)));
            }
        }
        timeline.recordAll(entries);
        // One notice per customer and batch, so a million imported events do not make a million.
        parsed.stream().filter(p -> inserted.contains(p.sourceId())).map(p -> customers.get(p.line()).value()).distinct()
                .forEach(owner -> events.publishEvent(new CustomerEventRecorded(owner)));
        refuse(refused, jobId, now);
        return new EventOutcome(recorded.size(), n - recorded.size(), List.copyOf(refused));
    }

    void refuse(List<EventRefusal> refused, UUID jobId, Instant now) {
        if (refused.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into customer_event_refusals (job_id, line_no, reason, field, raw, refused_at)
                        select ?, line_no, reason, field, raw, ? from unnest(?::int[], ?::text[], ?::text[], ?::text[]) as r(line_no, reason, field, raw)""")
                .params(jobId, Timestamp.from(now), refused.stream().map(EventRefusal::line).toArray(Integer[]::new),
                        refused.stream().map(EventRefusal::reason).toArray(String[]::new),
                        refused.stream().map(EventRefusal::field).toArray(String[]::new),
                        refused.stream().map(EventRefusal::raw).toArray(String[]::new))
                .update();
    }

    private static CustomerTimeline.Entry entry(EventParser.Parsed p) {
        String details = String.join(" · ", java.util.stream.Stream.of(EventTypes.place(p.attributes()), EventTypes.amount(p.attributes()),
                EventTypes.outcome(p.attributes())).filter(java.util.Objects::nonNull).toList());
        boolean known = EventTypes.KNOWN.contains(p.type());
        String key = "events.detail." + (known ? p.type() : "other") + (details.isEmpty() ? ".bare" : "");
        ReasonCode detail = known ? ReasonCode.of(key, details) : ReasonCode.of(key, p.type(), details);
        if (details.isEmpty()) {
            detail = known ? ReasonCode.of(key) : ReasonCode.of(key, p.type());
        }
        String summary = p.type().replace('_', ' ') + (details.isEmpty() ? "" : ": " + details);
        return new CustomerTimeline.Entry(p.at(), EventTypes.timelineKind(p.type()), null, summary, null, null, detail);
    }

    /** The customer's latest events, newest first. */
    public List<CustomerEvent> recent(CustomerId customer, int limit) {
        return jdbc.sql("select * from customer_events where customer_id = ? order by occurred_at desc, id desc limit ?")
                .params(customer.value(), limit)
                .query((rs, n) -> new CustomerEvent(rs.getObject("id", UUID.class), new CustomerId(rs.getObject("customer_id", UUID.class)),
                        rs.getString("type"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("source_id"),
                        attributes(rs.getString("attributes")), rs.getTimestamp("received_at").toInstant()))
                .list();
    }


    Map<String, Object> attributes(String text) {
        return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }
}
