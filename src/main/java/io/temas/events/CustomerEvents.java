package io.temas.events;

import io.temas.customers.CustomerEventRecorded;
import io.temas.customers.CustomerId;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * through the identity graph and stored once per source id (the customer's timeline shows it from there, see
 * {@link EventTimeline}); a refused line is kept with its raw text and the reason. Batches are stored with a few statements whatever their size.
 */
@Service
public class CustomerEvents {

    /** One line of a body or a file, numbered from 1. */
    public record Line(int number, String raw) {
    }

    /**
     * Identity resolution that creates or merges customers runs in transactions of at most this many events, so none
     * holds too many identifier locks (each is an entry of the server's shared lock table).
     */
    private static final int RESOLVE_BATCH = 250;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final IdentityResolver identities;
    private final EventParser parser;
    private final JsonMapper json;
    private final EventsSettings settings;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separate;

    CustomerEvents(JdbcClient jdbc, IdentityResolver identities, JsonMapper json, EventsSettings settings,
                   Ids ids, Clock clock, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.identities = identities;
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
                refused.add(new EventRefusal(line.number(), e.field, e.getMessage(), EventParser.storable(line.raw()), e.code));
            }
        }
        Map<Integer, CustomerId> resolved = resolve(parsed, refused);
        return transaction.execute(status -> store(parsed, resolved, refused, null));
    }

    /**
     * Resolves the customers of well-formed events: those whose identifiers all belong to one customer already are
     * found in one query; the others (new people, new identifiers, merges) go through {@link IdentityResolver#resolveAll}
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
                        EventParser.storable(p.raw()), io.temas.shared.ReasonCode.of("events.refused.identifiers.unusable")));
            } else {
                unknown.add(p);
            }
        }
        for (int from = 0; from < unknown.size(); from += RESOLVE_BATCH) {
            List<EventParser.Parsed> batch = unknown.subList(from, Math.min(unknown.size(), from + RESOLVE_BATCH));
            // New people in bulk; the rest one by one under the merge rules (IdentityResolver.resolveAll). Every
            // identifier lock of the batch is taken at once, in one order, as the pipeline's batches take them: two
            // imports (or an import and the pipeline) never wait for each other in a ring.
            List<CustomerId> owners = separate.execute(status -> identities.resolveAll(batch.stream().map(EventParser.Parsed::identifiers).toList()));
            for (int i = 0; i < batch.size(); i++) {
                customers.put(batch.get(i).line(), owners.get(i));
            }
        }
        parsed.removeIf(p -> !customers.containsKey(p.line()));
        return customers;
    }

    /**
     * Stores resolved events (a source id already stored, or earlier in the batch, counts as repeated) and the refused
     * lines, inside the caller's transaction.
     */
    EventOutcome store(List<EventParser.Parsed> parsed, Map<Integer, CustomerId> customers, List<EventRefusal> refused, UUID jobId) {
        Instant now = clock.instant();
        settle(parsed, customers);
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
        // The owner of each event inserted: a source id twice in one batch is inserted once (one taken, one repeated).
        List<UUID> owners = n == 0 ? List.of() : jdbc.sql("""
                        insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                        select id, customer_id, type, occurred_at::timestamptz, source_id, attributes::jsonb, ?
                        from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as e(id, customer_id, type, occurred_at, source_id, attributes)
                        on conflict (source_id) do nothing
                        returning customer_id""")
                .params(Timestamp.from(now), id, customer, type, at, source, attributes)
                .query(UUID.class).list();
        // One notice per customer and batch, so a million imported events do not make a million.
        new HashSet<>(owners).forEach(owner -> events.publishEvent(new CustomerEventRecorded(owner)));
        refuse(refused, jobId, now);
        return new EventOutcome(owners.size(), n - owners.size(), List.copyOf(refused));
    }

    /**
     * Customers resolved before the storing transaction may have been merged or erased since (an import resolves a
     * chunk while the one before is stored): a merged customer's events go to the one it was merged into, and an
     * erased person's lines are left out, as the erasure blanks the lines of an import not yet run.
     */
    private void settle(List<EventParser.Parsed> parsed, Map<Integer, CustomerId> customers) {
        for (int hop = 0; hop < 8; hop++) {
            UUID[] owners = customers.values().stream().map(CustomerId::value).distinct().toArray(UUID[]::new);
            Map<UUID, UUID> changed = new HashMap<>();
            // Share-locked until the events are stored: a merge (which locks the rows for update) or an erasure (which
            // updates them) cannot commit between this look and the insert.
            jdbc.sql("""
                            select id, merged_into, erased_at is not null from customers where id = any(?) order by id for share""")
                    .param(owners).query((java.sql.ResultSet rs) -> {
                        if (rs.getBoolean(3)) {
                            changed.put(rs.getObject(1, UUID.class), null);
                        } else if (rs.getObject(2) != null) {
                            changed.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                        }
                    });
            if (changed.isEmpty()) {
                return;
            }
            customers.replaceAll((line, owner) -> {
                if (!changed.containsKey(owner.value())) {
                    return owner;
                }
                UUID into = changed.get(owner.value());
                return into == null ? null : new CustomerId(into);
            });
            customers.values().removeIf(java.util.Objects::isNull);
            parsed.removeIf(p -> !customers.containsKey(p.line()));
        }
    }

    void refuse(List<EventRefusal> refused, UUID jobId, Instant now) {
        if (refused.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into customer_event_refusals (job_id, line_no, reason, field, raw, refused_at, reason_key, reason_args)
                        select ?, line_no, reason, field, raw, ?, reason_key, case when reason_key is null then null else string_to_array(reason_args, chr(30)) end
                        from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as r(line_no, reason, field, raw, reason_key, reason_args)""")
                .params(jobId, Timestamp.from(now), refused.stream().map(EventRefusal::line).toArray(Integer[]::new),
                        refused.stream().map(EventRefusal::reason).toArray(String[]::new),
                        refused.stream().map(EventRefusal::field).toArray(String[]::new),
                        refused.stream().map(EventRefusal::raw).toArray(String[]::new),
                        refused.stream().map(r -> r.code() == null ? null : r.code().key()).toArray(String[]::new),
                        // Arguments travel joined by a record separator, a control character no refused line's argument carries.
                        refused.stream().map(r -> r.code() == null ? null : String.join("\u001E", r.code().args())).toArray(String[]::new))
                .update();
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
