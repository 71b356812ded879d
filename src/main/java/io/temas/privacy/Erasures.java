package io.temas.privacy;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.customers.PersonalData;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erases a person: every {@link PersonalData} part of every profile in the person's merge group, in one transaction,
 * with an audit record ({@link Erasure}) written in the same transaction, so an erasure is whole and recorded or did
 * not happen. Erasing a person again answers the first erasure.
 *
 * <p>A merge group is one person by the merges' own decision: erasing any profile of it (the live one or one merged
 * into it) erases them all, since the absorbed profile's conversations and identities now live in the survivor.
 */
@Service
public class Erasures {

    private static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final List<PersonalData> parts;
    private final PrivacyKeys keys;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;

    Erasures(JdbcClient jdbc, Customers customers, List<PersonalData> parts, PrivacyKeys keys, JsonMapper json, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.parts = parts.stream().sorted(Comparator.comparingInt(PersonalData::order).thenComparing(PersonalData::kind)).toList();
        this.keys = keys;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Erases the person behind {@code id}.
     *
     * @param reason why (a request's reference, the law's ground); required; the person's addresses are taken out of it
     * @param actor  who asked: the console user or the API token's name
     * @throws io.temas.customers.CustomerNotFound when no customer has the id
     * @throws InvalidInput                         when the reason is missing or breaks the text rules
     */
    @Transactional
    public Erasure erase(CustomerId id, String reason, String actor) {
        String why = reason == null ? "" : TextInput.check("reason", reason, false).strip();
        if (why.isEmpty()) {
            throw new InvalidInput("reason", "reason is required: say why this person is erased (e.g. the request's reference)");
        }
        customers.get(id);
        List<CustomerId> group = person(id);
        jdbc.sql("select id from customers where id = any(?) order by id for update")
                .param(group.stream().map(CustomerId::value).toArray(UUID[]::new)).query(UUID.class).list();
        Optional<Erasure> earlier = of(id);
        if (earlier.isPresent()) {
            return earlier.get().again();
        }
        List<String> hashes = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        for (CustomerId member : group) {
            for (Identity identity : customers.identities(member)) {
                hashes.add(keys.hash(identity.type().name().toLowerCase(Locale.ROOT), identity.value()));
            }
            forms.addAll(customers.addressForms(member));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PersonalData part : parts) {
            int held = 0;
            for (CustomerId member : group) {
                held += part.export(member).size();
                part.erase(member);
            }
            counts.merge(part.kind(), held, Integer::sum);
        }
        UUID erasureId = ids.next();
        Instant now = clock.instant();
        String cleanReason = withoutAddresses(why, forms);
        jdbc.sql("""
                        insert into erasures (id, customer_id, customers, actor, reason, parts, identifier_hashes, erased_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(erasureId, id.value(), group.stream().map(CustomerId::value).toArray(UUID[]::new), actor, cleanReason,
                        json.writeValueAsString(counts), hashes.stream().distinct().toArray(String[]::new), Timestamp.from(now))
                .update();
        return new Erasure(erasureId, id.value(), group.stream().map(CustomerId::value).toList(), actor, cleanReason, counts, now, false);
    }

    /**
     * Every profile that is the person behind {@code id}: its merge group, and the profiles the parts relate to it
     * ({@link PersonalData#related}) with their merge groups; the live profile of the merge group first.
     */
    List<CustomerId> person(CustomerId id) {
        java.util.LinkedHashSet<CustomerId> group = new java.util.LinkedHashSet<>(customers.mergeGroup(id));
        for (CustomerId member : List.copyOf(group)) {
            for (PersonalData part : parts) {
                for (CustomerId related : part.related(member)) {
                    if (!group.contains(related) && customers.find(related).isPresent()) {
                        group.addAll(customers.mergeGroup(related));
                    }
                }
            }
        }
        return List.copyOf(group);
    }

    /** What an erasure of the person behind {@code id} would reach: the profiles, and how many records each part holds. */
    public record Preview(List<UUID> customers, Map<String, Integer> parts) {

        public int total() {
            return parts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * What {@link #erase} would remove, counted without removing it, for the confirmation page.
     *
     * @throws io.temas.customers.CustomerNotFound when no customer has the id
     */
    @Transactional(readOnly = true)
    public Preview preview(CustomerId id) {
        customers.get(id);
        List<CustomerId> group = person(id);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PersonalData part : parts) {
            int held = 0;
            for (CustomerId member : group) {
                held += part.export(member).size();
            }
            counts.merge(part.kind(), held, Integer::sum);
        }
        return new Preview(group.stream().map(CustomerId::value).toList(), counts);
    }

    /** The erasure that covered this profile, if any. */
    public Optional<Erasure> of(CustomerId customer) {
        return jdbc.sql("select * from erasures where customers @> array[?]::uuid[] order by erased_at limit 1")
                .param(customer.value()).query(this::erasure).optional();
    }

    public Erasure get(UUID erasureId) {
        return jdbc.sql("select * from erasures where id = ?").param(erasureId).query(this::erasure).optional()
                .orElseThrow(() -> new ErasureNotFound(erasureId));
    }

    /** The latest erasures first, {@code limit} of them from {@code offset}. */
    public List<Erasure> recent(int offset, int limit) {
        return jdbc.sql("select * from erasures order by erased_at desc, id desc offset ? limit ?")
                .params(Math.max(0, offset), Math.clamp(limit, 1, 500)).query(this::erasure).list();
    }

    /**
     * The latest erasure of a person who held one of {@code customer}'s identifiers: someone who asked to be forgotten
     * and has written (or been imported) again, which an admin should know before using the new profile. Empty when
     * nobody was ever erased, without making the installation's key.
     */
    public Optional<Erasure> erasedBefore(CustomerId customer) {
        if (!jdbc.sql("select exists (select 1 from erasures)").query(Boolean.class).single()) {
            return Optional.empty();
        }
        String[] hashes = customers.identities(customer).stream()
                .map(i -> keys.hash(i.type().name().toLowerCase(Locale.ROOT), i.value())).toArray(String[]::new);
        return hashes.length == 0 ? Optional.empty() : jdbc.sql("""
                        select * from erasures where identifier_hashes && ?::text[] and not (?::uuid = any(customers))
                        order by erased_at desc limit 1""")
                .params(hashes, customer.value()).query(this::erasure).optional();
    }

    /** The parts an erasure would reach, in the order it runs them. */
    public List<String> kinds() {
        return parts.stream().map(PersonalData::kind).distinct().toList();
    }

    static String withoutAddresses(String text, List<String> forms) {
        String clean = text;
        for (String form : forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (form.length() >= 3) {
                clean = Pattern.compile(Pattern.quote(form), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(clean)
                        .replaceAll(ERASED);
            }
        }
        return clean;
    }

    private Erasure erasure(ResultSet rs, int row) throws SQLException {
        Map<String, Integer> counts = json.readValue(rs.getString("parts"), new TypeReference<LinkedHashMap<String, Integer>>() {
        });
        return new Erasure(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                Arrays.asList((UUID[]) rs.getArray("customers").getArray()), rs.getString("actor"), rs.getString("reason"), counts,
                rs.getTimestamp("erased_at").toInstant(), false);
    }
}
