package io.temas.customers;

import io.temas.customers.identity.IdentifierNormaliser;
import io.temas.customers.identity.NormalisedIdentifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.Ids;
import io.temas.shared.Language;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The customer profiles and their identities. */
@Component
public class Customers {

    private final JdbcClient jdbc;
    private final IdentifierNormaliser normaliser;
    private final Ids ids;
    private final Clock clock;

    /**
     * Whether mail to an identifier is known to bounce, where this transaction knows: false for the identifiers it created,
     * none of which can be known to bounce before it ends (a bounce is recorded in a transaction of its own), and as its
     * look-up read it ({@link #ownersOrCreate}, under the identifiers' locks) for one someone held. {@link #isUndeliverable}
     * answers from it without asking: a new sender's acknowledgement asks about the address it just brought, a known sender's
     * about the address its look-up read a moment before. {@link #markUndeliverable} here takes the note back.
     */
    private final TransactionKeys<Boolean> undeliverable;
    private final TransactionTemplate transactions;

    Customers(JdbcClient jdbc, IdentifierNormaliser normaliser, Ids ids, Clock clock, DataSource dataSource,
              TransactionTemplate transactions) {
        this.undeliverable = new TransactionKeys<>("undeliverable", dataSource);
        this.jdbc = jdbc;
        this.normaliser = normaliser;
        this.ids = ids;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Runs work in the caller's transaction, or in one of its own when there is none: what {@code @Transactional} would
     * do, without making this class a proxy through which every call (the pipeline's many) goes by reflection.
     */
    private <T> T transactional(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    public Optional<Customer> find(CustomerId id) {
        return jdbc.sql("select * from customers where id = ?").param(id.value()).query(Customers::customer).optional();
    }

    public Customer get(CustomerId id) {
        return find(id).orElseThrow(() -> new CustomerNotFound(id));
    }

    /** The live profile behind an id, following merges. */
    public Customer current(CustomerId id) {
        Customer customer = get(id);
        int hops = 0;
        while (customer.isMerged() && hops++ < 100) {
            customer = get(new CustomerId(customer.mergedInto()));
        }
        return customer;
    }

    /** The live profile behind a requested id and that profile's first phone number (in the order {@link #identities} lists them). */
    public record LivePhone(CustomerId live, Optional<String> phone) {
    }

    /**
     * {@link #current} and the first phone number for many ids: the answer maps every requested id
     * to its live profile. Two statements, each one pass over its ids, so the cost stays linear
     * whatever the planner believes of tables just filled by an import.
     *
     * @throws CustomerNotFound naming the first id that is no customer
     */
    public Map<UUID, LivePhone> livePhones(Collection<UUID> requested) {
        Map<UUID, CustomerId> live = new HashMap<>();
        if (requested.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("""
                        with recursive walk (requested, id, merged_into, hops) as (
                            select c.id, c.id, c.merged_into, 0 from customers c where c.id = any(?)
                            union all
                            select w.requested, c.id, c.merged_into, w.hops + 1 from walk w join customers c on c.id = w.merged_into
                            where w.hops < 100)
                        select requested, id from walk where merged_into is null or hops = 100""")
                .param(requested.toArray(UUID[]::new))
                .query((rs, n) -> live.put(rs.getObject(1, UUID.class), new CustomerId(rs.getObject(2, UUID.class)))).list();
        for (UUID id : requested) {
            if (!live.containsKey(id)) {
                throw new CustomerNotFound(new CustomerId(id));
            }
        }
        Map<UUID, String> phones = new HashMap<>();
        jdbc.sql("""
                        select distinct on (customer_id) customer_id, value from identities where customer_id = any(?) and type = 'phone'
                        order by customer_id, created_at, id""")
                .param(live.values().stream().map(CustomerId::value).distinct().toArray(UUID[]::new))
                .query((rs, n) -> phones.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        Map<UUID, LivePhone> found = new HashMap<>();
        live.forEach((id, profile) -> found.put(id, new LivePhone(profile, Optional.ofNullable(phones.get(profile.value())))));
        return found;
    }

    public List<Identity> identities(CustomerId id) {
        return jdbc.sql("select * from identities where customer_id = ? order by created_at, id")
                .param(id.value()).query(Customers::identity).list();
    }

    /**
     * Every customer that is one person with {@code id} through merges: the live profile behind it and
     * every profile merged into that one, directly or through another (the live one first).
     */
    public List<CustomerId> mergeGroup(CustomerId id) {
        Customer live = current(id);
        return jdbc.sql("""
                        with recursive grp(id, depth) as (
                            select id, 0 from customers where id = ?
                            union
                            select c.id, g.depth + 1 from customers c join grp g on c.merged_into = g.id where g.depth < 100)
                        select id from grp order by depth, id""")
                .param(live.id().value()).query(UUID.class).list().stream().map(CustomerId::new).toList();
    }

    /**
     * The customer's identifiers in every spelling they may have been stored in elsewhere (raw payloads, message
     * headers, outbox recipients): as normalised, as first written, lower-cased, and a phone number without its plus.
     */
    public List<String> addressForms(CustomerId id) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (Identity identity : identities(id)) {
            for (String form : List.of(identity.value(), identity.original())) {
                if (form == null || form.isBlank()) {
                    continue;
                }
                forms.add(form);
                forms.add(form.toLowerCase(java.util.Locale.ROOT));
                if (identity.type() == IdentifierType.PHONE && form.startsWith("+")) {
                    forms.add(form.substring(1));
                }
            }
        }
        return List.copyOf(forms);
    }

    /** Marks a profile erased: its name and segments go, the row stays for the figures and records that point at it. */
    public void markErased(CustomerId id) {
        jdbc.sql("""
                        update customers set display_name = null, segments = '{}', erased_at = coalesce(erased_at, ?), updated_at = ?
                        where id = ?""")
                .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), id.value()).update();
    }

    /**
     * Finds the customer behind an identifier written in any common spelling: the owner of the first of its readings
     * ({@link IdentifierNormaliser#candidates}) that someone holds, all of them looked up in one statement. A number
     * nobody holds (a new sender's, the common case on a campaign's keyword or a call) costs one look-up, not one for
     * each of its four readings.
     */
    public Optional<Customer> findByIdentifier(String freeForm) {
        List<NormalisedIdentifier> candidates = normaliser.candidates(freeForm);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select i.customer_id from unnest(?::text[], ?::text[]) with ordinality as k(type, value, n)
                        join identities i on i.type = k.type and i.value = k.value order by k.n limit 1""")
                .params(candidates.stream().map(c -> c.type().code()).toArray(String[]::new),
                        candidates.stream().map(NormalisedIdentifier::value).toArray(String[]::new))
                .query(UUID.class).optional()
                .map(owner -> current(new CustomerId(owner)));
    }

    /** Which customer owns each of these identifiers, keyed by {@link NormalisedIdentifier#key()}. */
    Map<String, CustomerId> owners(Collection<NormalisedIdentifier> identifiers) {
        Map<String, CustomerId> owners = new LinkedHashMap<>();
        if (identifiers.isEmpty()) {
            return owners;
        }
        String[] types = identifiers.stream().map(i -> i.type().code()).toArray(String[]::new);
        String[] values = identifiers.stream().map(NormalisedIdentifier::value).toArray(String[]::new);
        jdbc.sql("""
                        select i.type || ':' || i.value as key, i.customer_id from unnest(?::text[], ?::text[]) as k(type, value)
                        join identities i on i.type = k.type and i.value = k.value""")
                .params(types, values)
                .query((rs, n) -> owners.put(rs.getString("key"), new CustomerId(rs.getObject("customer_id", UUID.class))))
                .list();
        return owners;
    }

    List<NormalisedIdentifier> normalisedIdentities(CustomerId id) {
        return identities(id).stream()
                .map(i -> new NormalisedIdentifier(i.type(), i.value(), i.original()))
                .toList();
    }

    /** A customer just created, and the keys ({@link NormalisedIdentifier#key()}) of the identifiers attached to it. */
    record Created(Customer profile, Set<String> attached) {
    }

    /**
     * Creates a customer, with the language its first message was recognised in (null: none), and attaches these
     * identifiers to it, in order, in one statement instead of one for the customer and one for each identifier; an
     * identifier another customer already holds is left out (see {@link #attach}).
     */
    Created create(String displayName, Language language, Language detected, List<NormalisedIdentifier> identifiers) {
        UUID id = ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        UUID[] identity = new UUID[identifiers.size()];
        String[] type = new String[identity.length];
        String[] value = new String[identity.length];
        String[] original = new String[identity.length];
        for (int i = 0; i < identity.length; i++) {
            NormalisedIdentifier n = identifiers.get(i);
            identity[i] = ids.next();
            type[i] = n.type().code();
            value[i] = n.value();
            original[i] = n.original();
        }
        Created created = jdbc.sql("""
                        with c as (insert into customers (id, display_name, language, detected_language, created_at, updated_at)
                                   values (?, ?, ?, ?, ?, ?) returning *),
                             i as (insert into identities (id, customer_id, type, value, original, created_at)
                                   select t.id, ?, t.type, t.value, t.original, ?
                                   from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) with ordinality as t(id, type, value, original, n)
                                   order by t.n
                                   on conflict (type, value) do nothing returning id)
                        select c.*, array(select id from i) as attached from c""")
                .params(id, displayName, language == null ? null : language.code(), detected == null ? null : detected.code(), now, now,
                        id, now, identity, type, value, original)
                .query((rs, n) -> new Created(customer(rs, n), attachedOf(rs, identity, identifiers)))
                .single();
        createdHere(created.attached());
        return created;
    }

    /**
     * Who holds these identifiers ({@code owners}, keyed as {@link #owners} keys them); or, when nobody holds any of them, a new
     * customer created with {@code attach} as {@link #create} creates one ({@code created}, null otherwise); or, when one
     * customer holds all of them, that customer's profile filled in with the name and languages as {@link #fillIn} fills it
     * ({@code known}, null otherwise). One statement where a look-up and then a creation or a fill-in took two: a message
     * from someone new, the commonest kind at a busy door, and one from someone known ask once. The caller holds the
     * identifiers' locks, so nobody can take one between the look-up and the creation. Whether mail to each identifier someone
     * held bounced is read on the way and noted for the transaction ({@link #undeliverable}).
     */
    OwnersOrCreated ownersOrCreate(Collection<NormalisedIdentifier> identifiers, String displayName, Language language, Language detected,
                                   List<NormalisedIdentifier> attach) {
        UUID id = ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        UUID[] identity = new UUID[attach.size()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = ids.next();
        }
        OwnersOrCreated found = jdbc.sql(OWNERS_OR_CREATE)
                .params(identifiers.stream().map(n -> n.type().code()).toArray(String[]::new),
                        identifiers.stream().map(NormalisedIdentifier::value).toArray(String[]::new),
                        id, displayName, language == null ? null : language.code(), detected == null ? null : detected.code(), now, now,
                        now, identity, attach.stream().map(n -> n.type().code()).toArray(String[]::new),
                        attach.stream().map(NormalisedIdentifier::value).toArray(String[]::new),
                        attach.stream().map(NormalisedIdentifier::original).toArray(String[]::new), identifiers.size())
                .params(fillInParams(displayName, language, detected))
                .query((rs, n) -> {
                    String[] owned = (String[]) rs.getArray("owned").getArray();
                    UUID[] owner = (UUID[]) rs.getArray("owners").getArray();
                    Map<String, CustomerId> owners = new LinkedHashMap<>();
                    for (int i = 0; i < owned.length; i++) {
                        owners.put(owned[i], new CustomerId(owner[i]));
                    }
                    Set<String> bounced = Set.copyOf(java.util.Arrays.asList((String[]) rs.getArray("bounced").getArray()));
                    owners.keySet().forEach(key -> undeliverable.put(key, bounced.contains(key)));
                    if (rs.getObject("id") == null) {
                        return new OwnersOrCreated(owners, null, null);
                    }
                    return rs.getBoolean("made") ? new OwnersOrCreated(owners, new Created(customer(rs, n), attachedOf(rs, identity, attach)), null)
                            : new OwnersOrCreated(owners, null, customer(rs, n));
                })
                .single();
        if (found.created() != null) {
            createdHere(found.created().attached());
        }
        return found;
    }

    /**
     * The update of {@link #fillIn}, of the customer its one placeholder ({@code %s}) names, after {@link #fillInParams}:
     * it answers the row only when it changed it.
     */
    private static final String FILL_IN = """
            update customers set display_name = coalesce(display_name, ?::text), language = coalesce(language, ?::text),
                   detected_language = coalesce(?::text, detected_language),
                   updated_at = case when display_name is null and ?::text is not null or language is null and ?::text is not null
                                     then ?::timestamptz else updated_at end
            where (display_name is null and ?::text is not null or language is null and ?::text is not null
                   or detected_language is distinct from coalesce(?::text, detected_language)) and id = %s
            returning *""";

    /** The statement of {@link #ownersOrCreate}. */
    private static final String OWNERS_OR_CREATE = """
            with o as (select i.type || ':' || i.value as key, i.customer_id, i.undeliverable_at is not null as bounced
                       from unnest(?::text[], ?::text[]) as k(type, value) join identities i on i.type = k.type and i.value = k.value),
                 c as (insert into customers (id, display_name, language, detected_language, created_at, updated_at)
                       select ?, ?, ?, ?, ?, ? where not exists (select from o) returning *),
                 i as (insert into identities (id, customer_id, type, value, original, created_at)
                       select t.id, c.id, t.type, t.value, t.original, ?
                       from c, unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) with ordinality as t(id, type, value, original, n)
                       order by t.n
                       on conflict (type, value) do nothing returning id),
                 k as (select (array_agg(customer_id))[1] as id from o having count(distinct customer_id) = 1 and count(*) = ?),
                 u as (%s),
                 p as (select * from c union all select * from u
                       union all select * from customers where id = (select id from k) and not exists (select from u))
            select array(select key from o) as owned, array(select customer_id from o) as owners,
                   array(select key from o where bounced) as bounced, p.*,
                   array(select id from i) as attached, exists (select from c) as made
            from (select) as one left join p on true""".formatted(FILL_IN.formatted("(select id from k)"));

    /**
     * Who held the identifiers; the customer created because nobody did (null when someone did); and the profile of the one
     * customer who held them all, filled in (null when nobody or more than one did, or when some were free).
     */
    record OwnersOrCreated(Map<String, CustomerId> owners, Created created, Customer known) {
    }

    /** The keys of the identifiers the statement's {@code attached} column says it inserted, of those offered in this order. */
    private static Set<String> attachedOf(ResultSet rs, UUID[] identity, List<NormalisedIdentifier> identifiers) throws SQLException {
        Set<UUID> inserted = Set.of((UUID[]) rs.getArray("attached").getArray());
        Set<String> attached = new HashSet<>();
        for (int i = 0; i < identity.length; i++) {
            if (inserted.contains(identity[i])) {
                attached.add(identifiers.get(i).key());
            }
        }
        return Set.copyOf(attached);
    }

    /** Removes a customer just created, and the identifiers attached to it, when someone else registered the same person. */
    void discard(CustomerId id) {
        jdbc.sql("delete from identities where customer_id = ?").param(id.value()).update();
        jdbc.sql("delete from customers where id = ?").param(id.value()).update();
    }

    /**
     * Creates one customer for each list of identifiers and attaches them, with one statement for the customers and one
     * for the identifiers. The caller holds the identifiers' locks and has checked that nobody holds any of them.
     */
    List<CustomerId> createAll(List<List<NormalisedIdentifier>> people) {
        Instant now = clock.instant();
        UUID[] customer = new UUID[people.size()];
        List<UUID> owner = new ArrayList<>();
        List<UUID> identity = new ArrayList<>();
        List<String> type = new ArrayList<>();
        List<String> value = new ArrayList<>();
        List<String> original = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            customer[i] = ids.next();
            for (NormalisedIdentifier n : people.get(i)) {
                owner.add(customer[i]);
                identity.add(ids.next());
                type.add(n.type().code());
                value.add(n.value());
                original.add(n.original());
            }
        }
        jdbc.sql("insert into customers (id, created_at, updated_at) select id, ?, ? from unnest(?::uuid[]) as c(id)")
                .params(Timestamp.from(now), Timestamp.from(now), customer).update();
        jdbc.sql("""
                        insert into identities (id, customer_id, type, value, original, created_at)
                        select id, customer_id, type, value, original, ? from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                             as i(id, customer_id, type, value, original)""")
                .params(Timestamp.from(now), identity.toArray(UUID[]::new), owner.toArray(UUID[]::new), type.toArray(String[]::new),
                        value.toArray(String[]::new), original.toArray(String[]::new))
                .update();
        return java.util.Arrays.stream(customer).map(CustomerId::new).toList();
    }

    /**
     * A query taking the locks of the identifiers' keys (its one parameter, a text array) until the transaction ends, in
     * one fixed order, and answering one row: how many it took. Whoever creates or attaches an identifier holds its lock,
     * so two never decide on the same identifier at once.
     */
    static final String LOCKS = "select count(*) as taken from (select pg_advisory_xact_lock(h) from "
            + "(select distinct hashtext(k) as h from unnest(?::text[]) k order by 1) l) locked";

    /**
     * Notes identifiers this transaction created (here, or the customer of with {@link CreatedAhead}): none of them can be
     * known to bounce before it ends ({@link #undeliverable}).
     */
    void createdHere(Set<String> keys) {
        undeliverable.add(keys, Boolean.FALSE);
    }

    /** The start of a transaction's first statement: the identifiers' locks, and the people to create once it holds them. */
    CreatedAhead ahead(Collection<NormalisedIdentifier> identifiers, List<CreatedAhead.Person> people, Instant now) {
        return new CreatedAhead(keys(identifiers), people, now, this);
    }

    static String[] keys(Collection<NormalisedIdentifier> identifiers) {
        return identifiers.stream().map(NormalisedIdentifier::key).toArray(String[]::new);
    }

    /** Takes the identifiers' locks ({@link #LOCKS}). */
    void lockIdentifiers(Collection<NormalisedIdentifier> identifiers) {
        jdbc.sql(LOCKS).param(keys(identifiers)).query().singleRow();
    }

    /** Attaches an identifier; false when another customer already holds it. */
    boolean attach(CustomerId customer, NormalisedIdentifier identifier) {
        boolean attached = jdbc.sql("""
                        insert into identities (id, customer_id, type, value, original, created_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (type, value) do nothing""")
                .params(ids.next(), customer.value(), identifier.type().code(), identifier.value(),
                        identifier.original(), Timestamp.from(clock.instant()))
                .update() == 1;
        if (attached) {
            createdHere(Set.of(identifier.key()));
        }
        return attached;
    }

    int count(CustomerId customer, IdentifierType type) {
        return jdbc.sql("select count(*) from identities where customer_id = ? and type = ?")
                .params(customer.value(), type.code()).query(Integer.class).single();
    }

    /**
     * Gives the customer the name and language a message brought where the profile has none, notes the language its
     * messages were recognised in ({@code detected}, null: none recognised; it never overrides a chosen language, it stands
     * in for one until somebody chooses), and answers the profile as it then stands: one statement, the update's row or,
     * when there was nothing to change, the row as it was.
     */
    Customer fillIn(CustomerId id, String displayName, Language language, Language detected) {
        return jdbc.sql(FILL_IN_ONE)
                .params(fillInParams(displayName, language, detected)).params(id.value(), id.value())
                .query(Customers::customer).optional().orElseThrow(() -> new CustomerNotFound(id));
    }

    private static final String FILL_IN_ONE = "with u as (" + FILL_IN.formatted("?") + ")\n"
            + "select * from u union all select * from customers where id = ? and not exists (select from u)";

    private Object[] fillInParams(String displayName, Language language, Language detected) {
        String code = language == null ? null : language.code();
        String recognised = detected == null ? null : detected.code();
        return new Object[] {displayName, code, recognised, displayName, code, Timestamp.from(clock.instant()), displayName, code,
                recognised};
    }

    /** Changes the profile's own attributes (an agent editing it, an import). */
    public Customer update(CustomerId id, String displayName, Language language, boolean vip, List<String> segments) {
        return transactional(() -> {
            get(id);
            jdbc.sql("update customers set display_name = ?, language = ?, vip = ?, segments = ?, updated_at = ? where id = ?")
                    .params(displayName, language == null ? null : language.code(), vip,
                            (segments == null ? List.<String>of() : segments).toArray(String[]::new), Timestamp.from(clock.instant()), id.value())
                    .update();
            return get(id);
        });
    }

    /** Customers found by an identifier in any spelling, or by the start of their name; at most {@code limit}. */
    public List<Customer> search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        List<Customer> found = new ArrayList<>(findByIdentifier(q).stream().toList());
        String prefix = q.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
        jdbc.sql("select * from customers where merged_into is null and lower(display_name) like ? order by display_name, id limit ?")
                .params(prefix, limit).query(Customers::customer).list().stream()
                .filter(c -> found.stream().noneMatch(f -> f.id().equals(c.id()))).forEach(found::add);
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** Display names of these customers (those without a name are left out). */
    public Map<UUID, String> names(Collection<UUID> customerIds) {
        Map<UUID, String> names = new HashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.sql("select id, display_name from customers where id = any(?) and display_name is not null")
                    .param(customerIds.toArray(UUID[]::new))
                    .query((rs, n) -> names.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        }
        return names;
    }

    /**
     * Adds an identifier an agent typed (an e-mail address, a phone number, {@code type:value}).
     *
     * @throws InvalidIdentifier when it is not a valid identifier
     * @throws IdentityTaken     when another customer holds it (merge the two instead)
     */
    public Identity addIdentity(CustomerId id, String freeForm) {
        return transactional(() -> {
            get(id);
            NormalisedIdentifier identifier = normaliser.candidates(freeForm).stream().findFirst()
                    .orElseThrow(() -> new InvalidIdentifier("'" + freeForm + "' is not an e-mail address, phone number or type:value"));
            // Under the identifier's lock, as resolution takes it: a bulk resolution that found it free creates it alone.
            lockIdentifiers(List.of(identifier));
            if (!attach(id, identifier)) {
                CustomerId owner = owners(List.of(identifier)).get(identifier.key());
                if (!id.equals(owner)) {
                    throw new IdentityTaken(identifier.key(), owner);
                }
            }
            return identities(id).stream().filter(i -> i.type() == identifier.type() && i.value().equals(identifier.value()))
                    .findFirst().orElseThrow();
        });
    }

    /** Removes one of the customer's identifiers; messages from it will then start a new profile. */
    public void removeIdentity(CustomerId id, UUID identityId) {
        transactions.executeWithoutResult(tx ->
                jdbc.sql("delete from identities where id = ? and customer_id = ?").params(identityId, id.value()).update());
    }

    /** Marks an identifier as unreachable (our mail to it bounced for good). */
    public void markUndeliverable(CustomerId customer, io.temas.shared.Identifier identifier, String reason) {
        transactions.executeWithoutResult(tx -> {
            normaliser.normalise(identifier).ifPresent(n -> {
                undeliverable.remove(n.key());
                jdbc.sql("""
                                update identities set undeliverable_at = ?, undeliverable_reason = ?
                                where customer_id = ? and type = ? and value = ?""")
                        .params(Timestamp.from(clock.instant()), reason, customer.value(), n.type().code(), n.value()).update();
            });
        });
    }

    /** Whether mail to this identifier is known to bounce (not asked where this transaction knows: see {@link #undeliverable}). */
    public boolean isUndeliverable(io.temas.shared.Identifier identifier) {
        return normaliser.normalise(identifier).map(n -> {
            Boolean known = undeliverable.get(n.key());
            return known != null ? known : jdbc.sql("""
                            select exists (select 1 from identities where type = ? and value = ? and undeliverable_at is not null)""")
                    .params(n.type().code(), n.value()).query(Boolean.class).single();
        }).orElse(false);
    }

    static Customer customer(ResultSet rs, int row) throws SQLException {
        String language = rs.getString("language");
        String detected = rs.getString("detected_language");
        return new Customer(
                new CustomerId(rs.getObject("id", UUID.class)),
                rs.getString("display_name"),
                language == null ? null : Language.parse(language).orElse(null),
                rs.getBoolean("vip"),
                strings(rs.getArray("segments")),
                rs.getObject("merged_into", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                detected == null ? null : Language.parse(detected).orElse(null));
    }

    static Identity identity(ResultSet rs, int row) throws SQLException {
        return new Identity(
                rs.getObject("id", UUID.class),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                IdentifierType.of(rs.getString("type")),
                rs.getString("value"),
                rs.getString("original"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("undeliverable_at") == null ? null : rs.getTimestamp("undeliverable_at").toInstant(),
                rs.getString("undeliverable_reason"));
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
