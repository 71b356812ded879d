package io.temas.calls;

import io.temas.shared.ReasonCode;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.routing.BusinessCalendars;
import io.temas.routing.BusinessHours;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.RoutingSettings;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import io.temas.shared.TextInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callbacks at a time the customer chooses: which slots are offered, and booking one.
 *
 * <p>Slots are {@link CallbackPolicy#slotLength()} long and lie within the business hours of the
 * entry point's queue (its zone, weekdays and holidays; around the clock for a queue without
 * hours), from {@link CallbackPolicy#leadTime()} after now up to {@link CallbackPolicy#daysAhead()}
 * days after today. A slot is offered while the callbacks booked in it are fewer than the queue's
 * callbacks per slot ({@link CallbackPolicies#capacity(UUID)}). Bookings for one slot are decided
 * one after the other under a lock on that slot, so the last place goes to exactly one of them.
 *
 * <p>The customer is found or created from the phone number (the number is theirs), the callback
 * goes on their timeline, and a confirmation in their language, with the slot in the queue's zone,
 * is queued in the outbox: by SMS to the number, or by e-mail when an address was given and no SMS
 * can be sent.
 */
@Service
public class Callbacks {

    /** How one slot of a day is loaded: booked callbacks against the queue's callbacks per slot. */
    public record SlotLoad(CallbackSlot slot, int booked, int capacity) {
    }

    /** Where callbacks for an entry point go: its queue, and the queue's business hours. */
    public record Target(EntryPoint entryPoint, Queue queue, BusinessHours hours) {

        public ZoneId zone() {
            return hours.zone();
        }
    }

    static final int NOTE_LIMIT = 2000;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{4,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** First key of the advisory lock a slot's bookings queue up on. */
    private static final int SLOT_LOCK = 0x43424b53;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;
    private final EntryPoints entryPoints;
    private final Queues queues;
    private final BusinessCalendars calendars;
    private final RoutingSettings routing;
    private final CallbackPolicies policies;
    private final CallbackSettings settings;
    private final IdentityResolver resolver;
    private final Customers customers;
    private final CustomerTimeline timeline;
    private final CallbackNotices notices;

    Callbacks(JdbcClient jdbc, TransactionTemplate tx, Ids ids, Clock clock, EntryPoints entryPoints, Queues queues,
              BusinessCalendars calendars, RoutingSettings routing, CallbackPolicies policies, CallbackSettings settings,
              IdentityResolver resolver, Customers customers, CustomerTimeline timeline, CallbackNotices notices) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.entryPoints = entryPoints;
        this.queues = queues;
        this.calendars = calendars;
        this.routing = routing;
        this.policies = policies;
        this.settings = settings;
        this.resolver = resolver;
        this.customers = customers;
        this.timeline = timeline;
        this.notices = notices;
    }

    /**
     * The slots offered on a day (in the queue's zone) for callbacks on an entry point.
     *
     * @param entryPoint the number, or null/blank for the default callback entry point
     * @throws InvalidInput when the entry point is not one of ours
     */
    public List<CallbackSlot> slots(LocalDate date, String entryPoint) {
        if (date == null) {
            throw new InvalidInput("date", "a date is required, as YYYY-MM-DD");
        }
        Target target = target(entryPoint);
        return load(target, date, policies.policy(), true).stream().map(SlotLoad::slot).toList();
    }

    /** The first slot offered from now on, if any within the booking horizon. */
    public Optional<CallbackSlot> nextSlot(String entryPoint) {
        Target target = target(entryPoint);
        CallbackPolicy policy = policies.policy();
        LocalDate today = LocalDate.ofInstant(clock.instant(), target.zone());
        for (int i = 0; i <= policy.daysAhead(); i++) {
            List<SlotLoad> free = load(target, today.plusDays(i), policy, true);
            if (!free.isEmpty()) {
                return Optional.of(free.getFirst().slot());
            }
        }
        return Optional.empty();
    }

    /** Every slot of a day within business hours with its load, offered or not (the supervisor's view). */
    public List<SlotLoad> load(LocalDate date, String entryPoint) {
        return load(target(entryPoint), date, policies.policy(), false);
    }

    /**
     * Books a callback in an offered slot.
     *
     * @throws InvalidInput   for a missing or unusable phone, note, e-mail, entry point or source
     * @throws SlotNotOffered when the slot is not offered: malformed, past, too soon, outside business hours,
     *                        beyond the booking horizon, or full
     */
    public Callback book(CallbackRequest request) {
        if (request == null) {
            throw new InvalidInput("a callback request is required");
        }
        String phone = phone(request.phone());
        String note = TextInput.check("note", request.note() == null || request.note().isBlank() ? null : request.note().strip(), true);
        if (note != null && note.length() > NOTE_LIMIT) {
            throw new InvalidInput("note", "a note is at most " + NOTE_LIMIT + " characters");
        }
        String email = TextInput.check("email", request.email() == null || request.email().isBlank() ? null : request.email().strip(), false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInput("email", "'" + TextInput.forLog(email) + "' is not an e-mail address");
        }
        if (request.source() == null) {
            throw new InvalidInput("source", "source is portal, chat, agent, ivr, api or rule");
        }
        if (request.slot() == null) {
            throw new InvalidInput("slot", "a slot is required: the start of one of the offered slots");
        }
        Target target = target(request.entryPoint());
        CallbackPolicy policy = policies.policy();
        CallbackSlot slot = offered(target, request.slot(), policy);
        int capacity = policies.capacity(target.queue().id()).perSlot();
        return tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
                    .params(SLOT_LOCK, target.queue().id() + "@" + slot.start()).query((rs, n) -> 1).list();
            int booked = jdbc.sql("select count(*) from callbacks where queue_id = ? and slot_start = ? and state <> 'cancelled'")
                    .params(target.queue().id(), Timestamp.from(slot.start())).query(Integer.class).single();
            if (booked >= capacity) {
                throw new SlotNotOffered("the slot starting " + slot.start() + " is full");
            }
            Customer customer = customer(request, phone, email);
            Language language = request.language() != null ? request.language()
                    : customer.preferredLanguage().orElse(Language.DEFAULT);
            UUID id = ids.next();
            Instant now = clock.instant();
            jdbc.sql("""
                            insert into callbacks (id, queue_id, entry_point, slot_start, slot_end, phone, email, customer_id, conversation_id,
                                                   note, language, source, state, attempts, due_at, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', 0, ?, ?, ?)""")
                    .params(id, target.queue().id(), target.entryPoint().address(), Timestamp.from(slot.start()), Timestamp.from(slot.end()),
                            phone, email, customer.id().value(), request.conversationId(), note, language.code(), request.source().code(),
                            Timestamp.from(slot.start()), Timestamp.from(now), Timestamp.from(now))
                    .update();
            event(id, "booked", null, request.source().code(), now);
            Callback callback = get(id);
            timeline.record(customer.id(), List.of(new CustomerTimeline.Entry(now, "callback.booked", ChannelType.VOICE.code(),
                    "Callback booked (" + request.source().code() + ") for " + slot.start() + " on " + phone
                            + (note == null ? "" : ": " + TextInput.forLog(note)), request.conversationId(), null,
                    note == null ? ReasonCode.of("timeline.callback.booked.detail", ReasonCode.key("callbacks.source." + request.source().code()),
                            ReasonCode.at(slot.start()), phone)
                            : ReasonCode.of("timeline.callback.booked.note.detail", ReasonCode.key("callbacks.source." + request.source().code()),
                            ReasonCode.at(slot.start()), phone, TextInput.forLog(note)))));
            notices.confirm(callback, target);
            return callback;
        });
    }

    public Callback get(UUID id) {
        return find(id).orElseThrow(() -> new NotFound("callback " + id + " not found"));
    }

    public Optional<Callback> find(UUID id) {
        return jdbc.sql("select * from callbacks where id = ?").param(id).query(Callbacks::row).optional();
    }

    /** The callbacks whose slots start on a day in a zone, by slot. */
    public List<Callback> ofDay(LocalDate date, ZoneId zone) {
        return jdbc.sql("select * from callbacks where slot_start >= ? and slot_start < ? order by slot_start, created_at")
                .params(Timestamp.from(date.atStartOfDay(zone).toInstant()), Timestamp.from(date.plusDays(1).atStartOfDay(zone).toInstant()))
                .query(Callbacks::row).list();
    }

    /** A customer's callbacks, newest slot first. */
    public List<Callback> ofCustomer(UUID customerId) {
        return jdbc.sql("select * from callbacks where customer_id = ? order by slot_start desc limit 50").param(customerId)
                .query(Callbacks::row).list();
    }

    /**
     * The queue, business hours and zone of an entry point's callbacks.
     *
     * @param entryPoint the number, or null/blank for the default callback entry point
     * @throws InvalidInput when it is not one of ours
     */
    public Target target(String entryPoint) {
        String address = TextInput.check("entryPoint", entryPoint == null || entryPoint.isBlank() ? null : entryPoint.strip(), false);
        EntryPoint found = address == null ? defaultEntryPoint()
                : entryPoints.find(address, ChannelType.VOICE).orElseThrow(() -> new InvalidInput("entryPoint",
                        "'" + TextInput.forLog(address) + "' is not one of our voice entry points"));
        Queue queue = queues.get(found.queueId());
        BusinessHours hours = queue.businessHoursId() == null ? BusinessHours.alwaysOpen(ZoneId.of(routing.zone()))
                : calendars.get(queue.businessHoursId());
        return new Target(found, queue, hours);
    }

    private EntryPoint defaultEntryPoint() {
        if (settings.portalEntryPoint() != null && !settings.portalEntryPoint().isBlank()) {
            return entryPoints.find(settings.portalEntryPoint(), ChannelType.VOICE).orElseThrow(() -> new InvalidInput("entryPoint",
                    "temas.callbacks.portal-entry-point names no voice entry point"));
        }
        return entryPoints.all().stream().filter(e -> ChannelType.VOICE.equals(e.channel())).findFirst()
                .or(() -> entryPoints.all().stream().filter(e -> e.channel() == null && PHONE.matcher(e.address()).matches()).findFirst())
                .orElseThrow(() -> new InvalidInput("entryPoint", "an entry point is required: no voice entry point is set up"));
    }

    /** The slot starting at {@code start}, when it is one offered apart from its load. */
    private CallbackSlot offered(Target target, Instant start, CallbackPolicy policy) {
        LocalDate day = LocalDate.ofInstant(start, target.zone());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, target.zone());
        if (start.isBefore(now)) {
            throw new SlotNotOffered("the slot starting " + start + " is in the past");
        }
        if (day.isAfter(today.plusDays(policy.daysAhead()))) {
            throw new SlotNotOffered("callbacks are booked at most " + policy.daysAhead() + " days ahead");
        }
        if (start.isBefore(now.plus(policy.leadTime()))) {
            throw new SlotNotOffered("the earliest callback starts " + policy.leadMinutes() + " minutes from now");
        }
        return candidates(target.hours(), day, policy).stream().filter(s -> s.start().equals(start)).findFirst()
                .orElseThrow(() -> new SlotNotOffered("no slot starts at " + start + ": it is outside business hours or not a slot start"));
    }

    private List<SlotLoad> load(Target target, LocalDate date, CallbackPolicy policy, boolean onlyOffered) {
        List<CallbackSlot> all = candidates(target.hours(), date, policy);
        if (all.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, target.zone());
        if (onlyOffered && (date.isBefore(today) || date.isAfter(today.plusDays(policy.daysAhead())))) {
            return List.of();
        }
        Map<Instant, Integer> booked = new HashMap<>();
        jdbc.sql("""
                        select slot_start, count(*) from callbacks where queue_id = ? and slot_start >= ? and slot_start < ?
                          and state <> 'cancelled' group by slot_start""")
                .params(target.queue().id(), Timestamp.from(all.getFirst().start()), Timestamp.from(all.getLast().end()))
                .query((rs, n) -> booked.put(rs.getTimestamp(1).toInstant(), rs.getInt(2))).list();
        int capacity = policies.capacity(target.queue().id()).perSlot();
        Instant earliest = now.plus(policy.leadTime());
        List<SlotLoad> result = new ArrayList<>();
        for (CallbackSlot slot : all) {
            int taken = booked.getOrDefault(slot.start(), 0);
            if (!onlyOffered || (!slot.start().isBefore(earliest) && taken < capacity)) {
                result.add(new SlotLoad(slot, taken, capacity));
            }
        }
        return result;
    }

    /** Every slot of a day within the business hours, ignoring load, lead time and horizon. */
    static List<CallbackSlot> candidates(BusinessHours hours, LocalDate day, CallbackPolicy policy) {
        if (hours.holidays().contains(day)) {
            return List.of();
        }
        List<BusinessHours.Interval> intervals = hours.isAlwaysOpen()
                ? List.of(new BusinessHours.Interval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))
                : hours.schedule().getOrDefault(day.getDayOfWeek(), List.of());
        List<CallbackSlot> slots = new ArrayList<>();
        for (BusinessHours.Interval interval : intervals) {
            ZonedDateTime open = day.atTime(interval.start()).atZone(hours.zone());
            ZonedDateTime close = interval.end().equals(LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay(hours.zone())
                    : day.atTime(interval.end()).atZone(hours.zone());
            for (ZonedDateTime s = open; !s.plus(policy.slotLength()).isAfter(close); s = s.plus(policy.slotLength())) {
                slots.add(new CallbackSlot(s.toInstant(), s.plus(policy.slotLength()).toInstant()));
            }
        }
        slots.sort(java.util.Comparator.comparing(CallbackSlot::start));
        return slots;
    }

    private Customer customer(CallbackRequest request, String phone, String email) {
        if (request.customerId() != null) {
            return customers.current(new CustomerId(request.customerId()));
        }
        List<Identifier> identifiers = new ArrayList<>();
        identifiers.add(Identifier.phone(phone));
        if (email != null) {
            identifiers.add(Identifier.email(email));
        }
        return customers.current(resolver.resolveUnverified(identifiers, null, request.language()).customerId());
    }

    private static String phone(String value) {
        String phone = TextInput.check("phone", value == null ? null : value.strip(), false);
        if (phone == null || phone.isEmpty()) {
            throw new InvalidInput("phone", "a phone number is required");
        }
        if (!PHONE.matcher(phone).matches()) {
            throw new InvalidInput("phone", "'" + TextInput.forLog(phone) + "' is not a telephone number");
        }
        return phone.replaceAll("[ ()./-]", "");
    }

    void event(UUID callbackId, String kind, UUID agentId, String detail, Instant at) {
        jdbc.sql("insert into callback_events (id, callback_id, kind, agent_id, detail, occurred_at) values (?, ?, ?, ?, ?, ?)")
                .params(ids.next(), callbackId, kind, agentId, detail, Timestamp.from(at)).update();
    }

    static Callback row(ResultSet rs, int n) throws SQLException {
        return new Callback(rs.getObject("id", UUID.class), rs.getObject("queue_id", UUID.class), rs.getString("entry_point"),
                new CallbackSlot(rs.getTimestamp("slot_start").toInstant(), rs.getTimestamp("slot_end").toInstant()), rs.getString("phone"),
                rs.getString("email"), rs.getObject("customer_id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getString("note"), rs.getString("language"), CallbackSource.of(rs.getString("source")), rs.getString("state"),
                rs.getInt("attempts"), instant(rs, "due_at"), rs.getObject("agent_id", UUID.class), instant(rs, "offered_at"),
                rs.getString("outcome"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
