package io.temas.customers;

import io.temas.customers.identity.NormalisedIdentifier;
import io.temas.shared.Language;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The start of a transaction's first statement ({@link IdentityResolver#lockAhead}): the identifier locks ({@code l},
 * {@link Customers#LOCKS}), and once it holds them, a customer for each person of the transaction none of whose identifiers
 * anybody holds, with those identifiers, if the statement admits one of its messages (its receipts' {@code r}). The
 * statement that took the locks creates the customers its messages' resolutions would create one statement each.
 *
 * <p>Who holds an identifier is read in the statement's snapshot, taken before it waited for the locks: a transaction that
 * attached one of them and committed in between is not seen by that look-up, but by the identifiers' insert ({@code on
 * conflict} sees committed rows). A customer created so, without every one of its identifiers, is removed again
 * ({@link #settle}), and its person is resolved one statement at a time, as without this.
 */
final class CreatedAhead implements IdentityResolver.Locks {

    /**
     * A person to create: the key of its identifiers as a whole (sorted, whatever their order), what it is created with,
     * and its messages (channel and external id), one of which the statement must admit.
     */
    record Person(String whole, UUID id, String displayName, Language language, Language detected, List<NormalisedIdentifier> identifiers,
                  UUID[] identityIds, List<String[]> messages) {
    }

    private final String[] keys;
    private final List<Person> people;
    private final Instant now;
    private final Customers customers;
    private UUID[] created = new UUID[0];
    private Set<UUID> attached = Set.of();

    CreatedAhead(String[] keys, List<Person> people, Instant now, Customers customers) {
        this.keys = keys;
        this.people = people;
        this.now = now;
        this.customers = customers;
    }

    @Override
    public String with() {
        return "l as (" + Customers.LOCKS + ")";
    }

    @Override
    public Object[] params() {
        return new Object[] {keys};
    }

    @Override
    public String after() {
        if (people.isEmpty()) {
            return "";
        }
        return """
                , held as (select distinct t.n from unnest(?::int[], ?::text[], ?::text[]) as t(n, type, value)
                         join identities i on i.type = t.type and i.value = t.value),
                ahead_customers as (insert into customers (id, display_name, language, detected_language, created_at, updated_at)
                         select p.id, p.name, p.language, p.detected, ?, ?
                         from unnest(?::int[], ?::uuid[], ?::text[], ?::text[], ?::text[]) as p(n, id, name, language, detected)
                         join l on l.taken >= 0
                         where not exists (select from held h where h.n = p.n)
                           and exists (select from unnest(?::int[], ?::text[], ?::text[]) as m(n, channel, external_id)
                                       join r on r.channel = m.channel and r.external_id = m.external_id where m.n = p.n)
                         returning id),
                ahead_identities as (insert into identities (id, customer_id, type, value, original, created_at)
                         select t.id, t.customer, t.type, t.value, t.original, ?
                         from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                              with ordinality as t(id, customer, type, value, original, o)
                         join ahead_customers c on c.id = t.customer
                         order by t.o
                         on conflict (type, value) do nothing returning id)""";
    }

    @Override
    public Object[] afterParams() {
        if (people.isEmpty()) {
            return new Object[0];
        }
        int size = people.stream().mapToInt(p -> p.identifiers().size()).sum();
        Integer[] person = new Integer[size];
        UUID[] identity = new UUID[size];
        UUID[] customer = new UUID[size];
        String[] type = new String[size];
        String[] value = new String[size];
        String[] original = new String[size];
        Integer[] n = new Integer[people.size()];
        UUID[] id = new UUID[people.size()];
        String[] name = new String[people.size()];
        String[] language = new String[people.size()];
        String[] detected = new String[people.size()];
        int at = 0;
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            n[i] = i;
            id[i] = p.id();
            name[i] = p.displayName();
            language[i] = p.language() == null ? null : p.language().code();
            detected[i] = p.detected() == null ? null : p.detected().code();
            for (int j = 0; j < p.identifiers().size(); j++, at++) {
                NormalisedIdentifier identifier = p.identifiers().get(j);
                person[at] = i;
                identity[at] = p.identityIds()[j];
                customer[at] = p.id();
                type[at] = identifier.type().code();
                value[at] = identifier.value();
                original[at] = identifier.original();
            }
        }
        int count = people.stream().mapToInt(p -> p.messages().size()).sum();
        Integer[] of = new Integer[count];
        String[] channel = new String[count];
        String[] externalId = new String[count];
        int m = 0;
        for (int i = 0; i < people.size(); i++) {
            for (String[] message : people.get(i).messages()) {
                of[m] = i;
                channel[m] = message[0];
                externalId[m++] = message[1];
            }
        }
        Timestamp at0 = Timestamp.from(now);
        return new Object[] {person, type, value, at0, at0, n, id, name, language, detected, of, channel, externalId, at0, identity,
                customer, type, value, original};
    }

    @Override
    public String columns() {
        return people.isEmpty() ? "" : "array(select id from ahead_customers) as ahead_customers, "
                + "array(select id from ahead_identities) as ahead_identities";
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        if (!people.isEmpty()) {
            created = (UUID[]) row.getArray("ahead_customers").getArray();
            attached = new HashSet<>(Arrays.asList((UUID[]) row.getArray("ahead_identities").getArray()));
        }
    }

    /**
     * The customers the statement created with all their identifiers, by the key of those as a whole; one created without
     * them all (someone attached one meanwhile) is removed again, and its person left to be resolved as usual.
     */
    Map<String, Customers.Created> settle() {
        Set<UUID> made = Set.of(created);
        Map<String, Customers.Created> settled = new LinkedHashMap<>();
        List<CustomerId> partial = new ArrayList<>();
        for (Person p : people) {
            if (!made.contains(p.id())) {
                continue;
            }
            if (Arrays.stream(p.identityIds()).allMatch(attached::contains)) {
                Set<String> keys = new HashSet<>();
                p.identifiers().forEach(n -> keys.add(n.key()));
                settled.put(p.whole(), new Customers.Created(new Customer(new CustomerId(p.id()), p.displayName(), p.language(), false,
                        List.of(), null, now, p.detected()), Set.copyOf(keys)));
            } else {
                partial.add(new CustomerId(p.id()));
            }
        }
        partial.forEach(customers::discard);
        settled.values().forEach(c -> customers.createdHere(c.attached()));
        return settled;
    }
}
