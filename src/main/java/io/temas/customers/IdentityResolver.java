package io.temas.customers;

import io.temas.customers.identity.IdentifierNormaliser;
import io.temas.customers.identity.IdentitySettings;
import io.temas.customers.identity.MergeDecision;
import io.temas.customers.identity.MergePolicy;
import io.temas.customers.identity.NormalisedIdentifier;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.Ids;
import io.temas.shared.Language;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the one customer behind a message's identifiers, creating, extending or merging
 * profiles by the identity rules. Runs inside the caller's transaction.
 */
@Service
public class IdentityResolver {

    /**
     * The outcome: whose message it is, the profile as the resolution left it (no need to read it again), whether it is new,
     * and what was done and why.
     *
     * @param created  whether this resolution created the profile
     * @param attached the keys ({@link NormalisedIdentifier#key()}) of the identifiers the new profile was created with;
     *                 empty when it existed before
     */
    public record Resolution(CustomerId customerId, List<String> notes, Customer profile, boolean created, Set<String> attached) {

        public Resolution {
            attached = attached == null ? Set.of() : Set.copyOf(attached);
        }
    }

    private static final int ATTEMPTS = 5;

    private final Customers customers;
    private final Merges merges;
    private final IdentifierNormaliser normaliser;
    private final IdentitySettings settings;
    private final MergePolicy policy;
    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** The identifiers whose locks {@link #lockAhead} took in the transaction, to take them only once. */
    private final TransactionKeys<Boolean> lockedAhead;
    /** The customers {@link #lockAhead} created in the transaction that no resolution has taken yet, by {@link #whole}. */
    private final TransactionKeys<Customers.Created> createdAhead;
    private final TransactionTemplate transactions;

    IdentityResolver(Customers customers, Merges merges, IdentifierNormaliser normaliser, IdentitySettings settings,
                     JdbcClient jdbc, Ids ids, Clock clock, ApplicationEventPublisher events, javax.sql.DataSource dataSource,
                     TransactionTemplate transactions) {
        this.lockedAhead = new TransactionKeys<>("lockedAhead", dataSource);
        this.createdAhead = new TransactionKeys<>("createdAhead", dataSource);
        this.transactions = transactions;
        this.customers = customers;
        this.merges = merges;
        this.normaliser = normaliser;
        this.settings = settings;
        this.policy = new MergePolicy(settings);
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Runs work in the caller's transaction, or in one of its own when there is none: what {@code @Transactional} would
     * do, without making this class a proxy through which every call (the pipeline's many) goes by reflection.
     */
    private <T> T transactional(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /** Refuses to run outside the caller's transaction: the locks it takes must last until that commits. */
    private static void requireTransaction(String method) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(method + " runs inside the caller's transaction, and there is none");
        }
    }

    /** The canonical, de-duplicated, non-blocked identifiers, most trusted first. */
    public List<NormalisedIdentifier> normalise(List<Identifier> identifiers) {
        Map<String, NormalisedIdentifier> unique = new LinkedHashMap<>();
        for (Identifier identifier : identifiers) {
            normaliser.normalise(identifier).ifPresent(n -> unique.putIfAbsent(n.key(), n));
        }
        return unique.values().stream().sorted(Comparator.comparingInt(n -> settings.rank(n.type()))).toList();
    }

    /** The identifier's canonical value (a phone number in E.164, say), or empty when it is no usable identifier. */
    public java.util.Optional<String> canonical(Identifier identifier) {
        return normalise(List.of(identifier)).stream().findFirst().map(NormalisedIdentifier::value);
    }

    /**
     * Whether the identifier became known with this resolution: it is one the profile the resolution created was created
     * with, so until this transaction no customer held it.
     */
    public boolean firstHeard(Resolution resolution, Identifier identifier) {
        return resolution.created() && normaliser.normalise(identifier).map(n -> resolution.attached().contains(n.key())).orElse(false);
    }

    /** Whether any of these identifiers is usable (not blank, not a placeholder, well formed): {@link #resolve} would not refuse them. */
    public boolean usable(List<Identifier> identifiers) {
        return !normalise(identifiers).isEmpty();
    }

    /**
     * For callers resolving many at once (events from other systems, imports): for each list of identifiers, the one
     * customer who already holds every usable identifier in it, in one query for the whole batch, or null where
     * {@link #resolve} has more to do (a new person, a new identifier, identifiers of two customers, nothing usable).
     * It changes nothing and takes no lock: where it answers a customer, {@code resolve} would answer the same one
     * and write nothing.
     */
    public List<CustomerId> known(List<List<Identifier>> batch) {
        List<List<NormalisedIdentifier>> normalised = batch.stream().map(this::normalise).toList();
        Map<String, NormalisedIdentifier> all = new LinkedHashMap<>();
        normalised.forEach(list -> list.forEach(n -> all.putIfAbsent(n.key(), n)));
        Map<String, CustomerId> owners = customers.owners(all.values());
        List<CustomerId> found = new ArrayList<>(batch.size());
        for (List<NormalisedIdentifier> list : normalised) {
            CustomerId owner = list.isEmpty() ? null : owners.get(list.getFirst().key());
            for (NormalisedIdentifier n : list) {
                if (owner != null && !owner.equals(owners.get(n.key()))) {
                    owner = null;
                }
            }
            found.add(owner);
        }
        return found;
    }

    /**
     * Resolves many lists of identifiers at once, as an import of people does, inside the caller's transaction: every
     * identifier lock of the batch is taken first, in one order; a list none of whose identifiers belongs to anyone
     * becomes a new customer, all of them created with two statements (the same list twice in the batch is one
     * person); every other list (a known person, a new identifier of one, identifiers of two customers, a list sharing
     * only some identifiers with another new one) goes through {@link #resolve} after them, which applies the merge
     * rules one by one. Answers the customer of each list, in order; a list with no usable identifier answers null.
     */
    public List<CustomerId> resolveAll(List<List<Identifier>> batch) {
        requireTransaction("resolveAll");
        List<List<NormalisedIdentifier>> normalised = batch.stream().map(this::normalise).toList();
        Map<String, NormalisedIdentifier> all = new LinkedHashMap<>();
        normalised.forEach(list -> list.forEach(n -> all.putIfAbsent(n.key(), n)));
        if (!all.isEmpty()) {
            lock(List.copyOf(all.values()));
        }
        Map<String, CustomerId> owners = customers.owners(all.values());
        // A new person is a list of identifiers nobody holds, within the per-type limits, whose identifiers appear in
        // no other list of the batch except the very same list.
        Map<String, String> listOfKey = new java.util.HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        for (List<NormalisedIdentifier> list : normalised) {
            String whole = list.stream().map(NormalisedIdentifier::key).sorted().toList().toString();
            for (NormalisedIdentifier n : list) {
                String before = listOfKey.putIfAbsent(n.key(), whole);
                if (before != null && !before.equals(whole)) {
                    shared.add(n.key());
                }
            }
        }
        Map<String, List<NormalisedIdentifier>> fresh = new LinkedHashMap<>();
        for (List<NormalisedIdentifier> list : normalised) {
            if (!list.isEmpty() && list.stream().noneMatch(n -> owners.containsKey(n.key()) || shared.contains(n.key())) && withinLimits(list)) {
                fresh.putIfAbsent(listOfKey.get(list.getFirst().key()), list);
            }
        }
        Map<String, CustomerId> created = new java.util.HashMap<>();
        if (!fresh.isEmpty()) {
            List<CustomerId> made = customers.createAll(List.copyOf(fresh.values()));
            int i = 0;
            for (String whole : fresh.keySet()) {
                created.put(whole, made.get(i++));
            }
            made.forEach(customer -> events.publishEvent(new CustomerCreated(customer)));
        }
        List<CustomerId> answer = new ArrayList<>(batch.size());
        for (int i = 0; i < normalised.size(); i++) {
            List<NormalisedIdentifier> list = normalised.get(i);
            CustomerId made = list.isEmpty() ? null : created.get(listOfKey.get(list.getFirst().key()));
            if (list.isEmpty()) {
                answer.add(null);
            } else if (made != null) {
                answer.add(made);
            } else {
                answer.add(resolve(batch.get(i), null, null).customerId());
            }
        }
        return answer;
    }

    private boolean withinLimits(List<NormalisedIdentifier> list) {
        Map<IdentifierType, Integer> counts = new EnumMap<>(IdentifierType.class);
        for (NormalisedIdentifier n : list) {
            if (counts.merge(n.type(), 1, Integer::sum) > settings.limit(n.type())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves identifiers to one customer.
     *
     * @throws InvalidIdentifier when no usable identifier is left after normalising
     */
    public Resolution resolve(List<Identifier> identifiers, String displayName, Language language) {
        return resolve(identifiers, displayName, language, null);
    }

    /**
     * Resolves identifiers to one customer, noting {@code detected} as the language their messages are written in (null:
     * not recognised): a customer it creates starts with it, a known one's is set to it.
     *
     * @throws InvalidIdentifier when no usable identifier is left after normalising
     */
    public Resolution resolve(List<Identifier> identifiers, String displayName, Language language, Language detected) {
        return transactional(() -> {
            List<NormalisedIdentifier> normalised = normalise(identifiers);
            if (normalised.isEmpty()) {
                throw new InvalidIdentifier("the sender has no usable identifier (blank or a placeholder value)");
            }
            lock(normalised);
            NewProfile profile = newProfile(normalised);
            for (int attempt = 1; ; attempt++) {
                Customers.OwnersOrCreated found = attempt == 1 ? createdAhead(normalised) : null;
                if (found == null) {
                    found = customers.ownersOrCreate(normalised, displayName, language, detected, profile.attach());
                }
                Resolution resolution = found.created() != null
                        ? createdOrRetry(normalised, profile, found.created())
                        : extend(normalised, found.owners(), found.known(), displayName, language, detected);
                if (resolution != null) {
                    return resolution;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("identifiers kept changing owner while resolving " + normalised);
                }
            }
        });
    }

    /**
     * Resolves identifiers no one has verified (a public contact form, where anybody can type
     * anybody's address): the first identifier, the one the customer is answered on, alone decides
     * whose message it is; the others are added to that customer only when they belong to nobody.
     * Such a message never merges two customers: an identifier owned by someone else stays on the
     * message only.
     *
     * @throws InvalidIdentifier when the first identifier is not usable
     */
    public Resolution resolveUnverified(List<Identifier> identifiers, String displayName, Language language) {
        return resolveUnverified(identifiers, displayName, language, null);
    }

    /** {@link #resolveUnverified(List, String, Language)}, noting {@code detected} on the customer as {@link #resolve} does. */
    public Resolution resolveUnverified(List<Identifier> identifiers, String displayName, Language language, Language detected) {
        return transactional(() -> {
            List<NormalisedIdentifier> normalised = unverified(identifiers);
            if (normalised.isEmpty()) {
                throw new InvalidIdentifier("the sender has no usable identifier to be answered on");
            }
            NormalisedIdentifier anchor = normalised.getFirst();
            lock(normalised);
            NewProfile profile = newProfile(normalised);
            for (int attempt = 1; ; attempt++) {
                // Nobody holding any of them is the commonest case, and then all are free: the look-up creates the profile.
                Customers.OwnersOrCreated found = attempt == 1 ? createdAhead(normalised) : null;
                if (found == null) {
                    found = customers.ownersOrCreate(normalised, displayName, language, detected, profile.attach());
                }
                Map<String, CustomerId> owners = found.owners();
                CustomerId owner = owners.get(anchor.key());
                List<NormalisedIdentifier> free = normalised.stream()
                        .filter(n -> n == anchor || !owners.containsKey(n.key())).toList();
                Resolution resolution = found.created() != null ? createdOrRetry(normalised, profile, found.created())
                        : owner == null ? createOrRetry(free, displayName, language, detected)
                        : extend(free, Map.of(anchor.key(), owner), found.known(), displayName, language, detected);
                if (resolution != null) {
                    normalised.stream().filter(n -> !free.contains(n))
                            .forEach(n -> resolution.notes().add("kept " + n.key() + " on the message only: it belongs to another customer"));
                    return resolution;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("identifiers kept changing owner while resolving " + normalised);
                }
            }
        });
    }

    /**
     * The identifiers {@link #resolveUnverified} resolves, the one answered on (the first given) first; none when that one
     * is not usable.
     */
    private List<NormalisedIdentifier> unverified(List<Identifier> identifiers) {
        NormalisedIdentifier anchor = identifiers.isEmpty() ? null : normaliser.normalise(identifiers.getFirst()).orElse(null);
        if (anchor == null) {
            return List.of();
        }
        List<NormalisedIdentifier> normalised = new ArrayList<>(normalise(identifiers));
        normalised.removeIf(n -> n.key().equals(anchor.key()));
        normalised.addFirst(anchor);
        return normalised;
    }

    /**
     * The start of a statement that takes the identifier locks of {@link #lockAhead}, and creates, once it holds them, the
     * customers of people none of whose identifiers anybody holds.
     */
    public interface Locks {

        /**
         * The statement's first common table expression, {@code l}: it answers one row, with the column {@code taken}, once
         * it has taken every lock. The statement writes nothing of its own before it joins {@code l}.
         */
        String with();

        /** Its parameters, the statement's first. */
        Object[] params();

        /** Common table expressions to follow the statement's own, each after a comma; empty when none. */
        String after();

        /** Their parameters, after the statement's own. */
        Object[] afterParams();

        /** What the statement's answer row, its one row, must select besides its own columns; empty or ending without a comma. */
        String columns();

        /** Reads those columns from the answer row. */
        void read(java.sql.ResultSet row) throws java.sql.SQLException;
    }

    /**
     * A statement of the caller's own that takes the identifier locks of {@link #lockAhead} as it does its own work.
     */
    @FunctionalInterface
    public interface WithLocks<T> {

        /**
         * Runs the statement. It must begin with {@link Locks#with()}, end its common table expressions with {@link
         * Locks#after()}, evaluate {@code l} whatever else it does, before anything that needs the locks, select {@link
         * Locks#columns()} in its one answer row and hand that row to {@link Locks#read}. When the caller names newcomers,
         * the statement's common table expression {@code r} answers the messages it admits ({@code channel}, {@code
         * external_id}); only theirs are created.
         */
        T run(Locks locks);
    }

    /**
     * Someone whose message (by its channel's code and its external id) this transaction will resolve ({@link #resolve},
     * or {@link #resolveUnverified} when {@code unverified}), with what that call will be given.
     */
    public record Newcomer(String channel, String externalId, List<Identifier> identifiers, boolean unverified, String displayName,
                           Language language, Language detected) {
    }

    /**
     * Takes at once, in the fixed order, the locks that resolving all these identifiers will take one message at a
     * time, in the caller's statement ({@link WithLocks}), which runs with or without locks to take. A transaction
     * resolving several messages (a batch of the inbound pipeline) calls it first, so it never waits for an identifier
     * while holding another one, or anything locked after them, and two such transactions cannot deadlock over
     * identifiers. The locks last until the transaction ends; taking one again costs nothing.
     *
     * <p>The same statement creates the customers of the {@code newcomers} it finds nobody holds any identifier of
     * ({@link CreatedAhead}), which their resolutions then answer without a statement of their own: a message from someone
     * new, the commonest kind at a busy door, costs one statement fewer. A person whose identifiers another newcomer of the
     * transaction shares in part, or over a type's limit, is resolved as usual. A newcomer's customer is created only when
     * the statement admits one of its messages: its common table expression {@code r} answers those the statement admits
     * (the receipts it stored), by {@code channel} and {@code external_id}; a repeat creates no one.
     */
    public <T> T lockAhead(List<Identifier> identifiers, List<Newcomer> newcomers, WithLocks<T> statement) {
        requireTransaction("lockAhead");
        List<NormalisedIdentifier> normalised = normalise(identifiers);
        // Microseconds, as the database keeps it: the profile the resolution carries says what a read would.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        CreatedAhead ahead = customers.ahead(normalised, people(newcomers), now);
        T result = statement.run(ahead);
        lockedAhead.add(normalised.stream().map(NormalisedIdentifier::key).toList(), Boolean.TRUE);
        ahead.settle().forEach(createdAhead::put);
        return result;
    }

    /** Takes the identifier locks of {@link #lockAhead} in the caller's statement, creating no customer. */
    public <T> T lockAhead(List<Identifier> identifiers, WithLocks<T> statement) {
        return lockAhead(identifiers, List.of(), statement);
    }

    /**
     * The newcomers a customer may be created for ahead: the first of each set of identifiers, if it has any usable one,
     * none over its type's limit, and none another newcomer's set holds too.
     */
    private List<CreatedAhead.Person> people(List<Newcomer> newcomers) {
        // Each set of identifiers as a whole, with its newcomers in order: the first is the one created with.
        Map<String, List<Newcomer>> byWhole = new LinkedHashMap<>();
        Map<String, List<NormalisedIdentifier>> lists = new java.util.HashMap<>();
        Map<String, String> wholeOfKey = new java.util.HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        for (Newcomer newcomer : newcomers) {
            List<NormalisedIdentifier> list = newcomer.unverified() ? unverified(newcomer.identifiers())
                    : normalise(newcomer.identifiers());
            if (list.isEmpty()) {
                continue;
            }
            String whole = whole(list);
            lists.putIfAbsent(whole, list);
            byWhole.computeIfAbsent(whole, w -> new ArrayList<>()).add(newcomer);
            for (NormalisedIdentifier n : list) {
                String before = wholeOfKey.putIfAbsent(n.key(), whole);
                if (before != null && !before.equals(whole)) {
                    shared.add(before);
                    shared.add(whole);
                }
            }
        }
        List<CreatedAhead.Person> people = new ArrayList<>();
        byWhole.forEach((whole, messages) -> {
            List<NormalisedIdentifier> list = lists.get(whole);
            if (!shared.contains(whole) && withinLimits(list)) {
                Newcomer n = messages.getFirst();
                UUID[] identityIds = new UUID[list.size()];
                for (int i = 0; i < identityIds.length; i++) {
                    identityIds[i] = ids.next();
                }
                people.add(new CreatedAhead.Person(whole, ids.next(), n.displayName(), n.language(), n.detected(), list, identityIds,
                        messages.stream().map(m -> new String[] {m.channel(), m.externalId()}).toList()));
            }
        });
        return people;
    }

    /** The key of a set of identifiers as a whole, whatever their order. */
    private static String whole(List<NormalisedIdentifier> list) {
        return list.stream().map(NormalisedIdentifier::key).sorted().collect(java.util.stream.Collectors.joining("\n"));
    }

    /**
     * What resolving these identifiers found ahead ({@link #lockAhead}): the customer created for them, taken once; null
     * when none was.
     */
    private Customers.OwnersOrCreated createdAhead(List<NormalisedIdentifier> normalised) {
        Customers.Created created = createdAhead.remove(whole(normalised));
        return created == null ? null : new Customers.OwnersOrCreated(Map.of(), created, null);
    }

    /**
     * Messages carrying the same identifiers resolve one after the other, so two of them never
     * create the same person twice or merge the same profiles at once. Locks in a fixed order; a lock
     * this transaction took ahead, at its start, is not asked for again (a statement saved a message).
     */
    private void lock(List<NormalisedIdentifier> normalised) {
        List<NormalisedIdentifier> missing = normalised.stream().filter(n -> !lockedAhead.contains(n.key())).toList();
        if (!missing.isEmpty()) {
            customers.lockIdentifiers(missing);
        }
    }

    /** The identifiers a new profile is created with, each type's first ones up to its limit, and notes on those kept out. */
    private record NewProfile(List<NormalisedIdentifier> attach, List<String> notes) {
    }

    private NewProfile newProfile(List<NormalisedIdentifier> normalised) {
        List<String> notes = new ArrayList<>();
        Map<IdentifierType, Integer> counts = new EnumMap<>(IdentifierType.class);
        List<NormalisedIdentifier> attach = new ArrayList<>();
        for (NormalisedIdentifier identifier : normalised) {
            if (counts.merge(identifier.type(), 1, Integer::sum) > settings.limit(identifier.type())) {
                notes.add("kept out " + identifier.key() + ": over the limit for its type");
            } else {
                attach.add(identifier);
            }
        }
        return new NewProfile(List.copyOf(attach), List.copyOf(notes));
    }

    private Resolution createOrRetry(List<NormalisedIdentifier> normalised, String displayName, Language language, Language detected) {
        NewProfile profile = newProfile(normalised);
        // One statement for the profile and its identifiers; one another customer holds is left out, as by attaching them one by one.
        return createdOrRetry(normalised, profile, customers.create(displayName, language, detected, profile.attach()));
    }

    /** The resolution to a profile just created; null (after removing it) when someone else registered the same person a moment ago. */
    private Resolution createdOrRetry(List<NormalisedIdentifier> normalised, NewProfile profile, Customers.Created created) {
        CustomerId customer = created.profile().id();
        if (!profile.attach().isEmpty() && !created.attached().contains(profile.attach().getFirst().key())) {
            // Someone else registered the same person a moment ago: use theirs.
            customers.discard(customer);
            return null;
        }
        List<String> notes = new ArrayList<>(profile.notes());
        notes.add("new customer from " + normalised.getFirst().key());
        events.publishEvent(new CustomerCreated(customer));
        return new Resolution(customer, notes, created.profile(), true, created.attached());
    }

    /**
     * The resolution to the known customers {@code owners} names: merged, extended by the free identifiers, and filled in. {@code
     * known}, when not null, is the profile of the one customer who held every identifier, already filled in by the look-up
     * ({@link Customers#ownersOrCreate}): with nothing to merge or attach, it is the answer as it stands.
     */
    private Resolution extend(List<NormalisedIdentifier> normalised, Map<String, CustomerId> owners, Customer known,
                              String displayName, Language language, Language detected) {
        // The most trusted identifier decides whose message this is.
        CustomerId primary = null;
        Set<CustomerId> others = new LinkedHashSet<>();
        for (NormalisedIdentifier identifier : normalised) {
            CustomerId owner = owners.get(identifier.key());
            if (owner == null) {
                continue;
            }
            if (primary == null) {
                primary = owner;
            } else if (!owner.equals(primary)) {
                others.add(owner);
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("known customer by " + normalised.stream().filter(n -> owners.containsKey(n.key())).findFirst().orElseThrow().key());
        for (CustomerId other : others) {
            MergeDecision decision = policy.decide(customers.normalisedIdentities(primary), customers.normalisedIdentities(other));
            switch (decision) {
                case MergeDecision.Allowed allowed -> {
                    try {
                        merges.merge(primary, other, "one message carried identifiers of both: " + allowed.reason(), "system");
                    } catch (MergeConflict concurrentlyMerged) {
                        // Another message merged one of them a moment ago (nothing was written): look again.
                        return null;
                    }
                    notes.add("merged " + other + " into " + primary + ": " + allowed.reason());
                }
                case MergeDecision.Refused refused -> {
                    flagCandidate(primary, other, refused);
                    notes.add("merge with " + other + " left to an agent: " + refused.reason());
                }
            }
        }
        for (NormalisedIdentifier identifier : normalised) {
            if (owners.containsKey(identifier.key())) {
                continue;
            }
            if (customers.count(primary, identifier.type()) >= settings.limit(identifier.type())) {
                notes.add("kept out " + identifier.key() + ": the customer has the most " + identifier.type().code() + " identifiers allowed");
                continue;
            }
            if (!customers.attach(primary, identifier)) {
                return null;
            }
            notes.add("added " + identifier.key());
        }
        // One customer held every identifier, so nothing was merged or attached: the look-up's fill-in stands.
        Customer profile = known != null ? known : customers.fillIn(primary, displayName, language, detected);
        return new Resolution(primary, notes, profile, false, Set.of());
    }

    /** Flags the pair for a person, unless it already waits for one or a person dismissed it (the unique index says). */
    private void flagCandidate(CustomerId a, CustomerId b, MergeDecision.Refused refused) {
        UUID id = ids.next();
        int inserted = jdbc.sql("""
                        insert into merge_candidates (id, customer_a, customer_b, reason, reason_key, reason_args, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(id, a.value(), b.value(), refused.reason(), refused.code() == null ? null : refused.code().key(),
                        refused.code() == null ? null : refused.code().storedArgs(), Timestamp.from(clock.instant()))
                .update();
        if (inserted == 1) {
            events.publishEvent(new MergeCandidateFlagged(id, a, b, refused.reason()));
        }
    }
}
