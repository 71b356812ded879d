package io.temas.bench;

import io.temas.TemasApplication;
import io.temas.customers.CustomerId;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Identifier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Identity resolution on a graph of ten million identifiers. Boots the application in this JVM on a durable embedded
 * PostgreSQL ({@code temas.data-dir}, fsync and synchronous commit on, as in production); when the graph holds fewer
 * identifiers than asked, fills it with {@code generate_series}: half as many customers as identifiers, each with one
 * e-mail address ({@code c0000042@bench.example.com}) and one Turkish mobile number ({@code +90532…}), stored as the
 * normaliser stores them, ids in insertion order so the indexes fill from the right. Then it times
 * {@link IdentityResolver#resolve}, each call its own transaction with its commit, on three kinds of message:
 * <ul>
 *   <li><b>known</b>: the e-mail address and the phone number of one existing customer (a returning sender);</li>
 *   <li><b>new</b>: an address and a number nobody has (a new customer, two identities, {@code CustomerCreated});</li>
 *   <li><b>mixed</b>: a known phone number with a new e-mail address (the address is added to that customer).</li>
 * </ul>
 * Each sample picks its customer at random over the whole graph, so most look-ups miss the cache of a warm subset.
 * Latency is one call at a time (service time, p50/p99/max); throughput is {@code bench.threads} callers at once for
 * {@code bench.throughput} calls of each kind. The one-minute load average is sampled every second (the machine may
 * be shared).
 *
 * <p>System properties (all optional):
 * <pre>
 * temas.data-dir      the database                                 (./bench-data-identity)
 * bench.identifiers   identifiers to have in the graph             (10000000)
 * bench.samples       timed calls per kind, one at a time          (5000)
 * bench.warmup        untimed calls before that                    (2000)
 * bench.threads       callers at once for the throughput           (4)
 * bench.throughput    calls per kind for the throughput            (20000)
 * bench.bulk          customers whose identifiers are re-resolved
 *                     in bulk at the end; 0: none                  (all)
 * bench.bulk-batch    customers a bulk call                        (1000)
 * </pre>
 */
public final class IdentityGraphDriver {

    private static final String DOMAIN = "@bench.example.com";

    private final PrintStream out = System.out;
    private final long identifiers = Long.getLong("bench.identifiers", 10_000_000L);
    private final long customers = identifiers / 2;
    private final int samples = Integer.getInteger("bench.samples", 5000);
    private final int warmup = Integer.getInteger("bench.warmup", 2000);
    private final int threads = Integer.getInteger("bench.threads", 4);
    private final int throughputCalls = Integer.getInteger("bench.throughput", 20000);
    private final long bulk = Long.getLong("bench.bulk", Long.MAX_VALUE);
    private final int bulkBatch = Integer.getInteger("bench.bulk-batch", 1000);
    /** New identifiers are numbered above the filled ones, each used once. */
    private final AtomicInteger fresh = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        new IdentityGraphDriver().run();
    }

    private void run() throws Exception {
        String dataDir = System.getProperty("temas.data-dir", "./bench-data-identity");
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "WARN");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(defaults)
                .logStartupInfo(false)
                .run("--temas.data-dir=" + dataDir, "--temas.ephemeral=false", "--temas.demo-data=false",
                        "--server.port=0", "--server.address=127.0.0.1", "--temas.pool-size=" + Math.max(20, threads * 2));
        LoadSampler loads = LoadSampler.start();
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            IdentityResolver resolver = app.getBean(IdentityResolver.class);
            out.printf("Machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.vendor"),
                    System.getProperty("java.version"), jdbc.sql("select version()").query(String.class).single());
            loads.reset();
            fill(jdbc);
            out.printf("Graph: %,d identifiers, %,d customers; identities table and indexes %s (load during the fill: %s)%n",
                    jdbc.sql("select count(*) from identities").query(Long.class).single(),
                    jdbc.sql("select count(*) from customers").query(Long.class).single(),
                    jdbc.sql("select pg_size_pretty(pg_total_relation_size('identities'))").query(String.class).single(), loads.summary());
            // Numbers already given to new identifiers by an earlier run (one per new customer or added address).
            fresh.set(jdbc.sql("select count(*) from identities where type = 'email' and (value like 'n%' or value like 'm%')")
                    .query(Integer.class).single());

            SplittableRandom random = new SplittableRandom(42);
            Map<String, IntFunction<List<Identifier>>> kinds = new LinkedHashMap<>();
            kinds.put("known", n -> known(random));
            kinds.put("new", n -> brandNew());
            kinds.put("mixed", n -> mixed(random));

            loads.reset();
            for (int i = 0; i < warmup; i++) {
                resolver.resolve(kinds.get(i % 3 == 0 ? "known" : i % 3 == 1 ? "new" : "mixed").apply(i), null, null);
            }
            out.printf("Warm-up: %,d calls (load %s)%n", warmup, loads.summary());

            out.println();
            out.println("| kind | calls | p50 ms | p99 ms | max ms | load average (1 min) |");
            out.println("|---|---:|---:|---:|---:|---|");
            for (Map.Entry<String, IntFunction<List<Identifier>>> kind : kinds.entrySet()) {
                loads.reset();
                long[] took = new long[samples];
                for (int i = 0; i < samples; i++) {
                    List<Identifier> message = kind.getValue().apply(i);
                    long t0 = System.nanoTime();
                    resolver.resolve(message, null, null);
                    took[i] = System.nanoTime() - t0;
                }
                Arrays.sort(took);
                out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f | %s |%n", kind.getKey(), samples, ms(took, 0.50), ms(took, 0.99),
                        took[took.length - 1] / 1e6, loads.summary());
            }
            commitsAlone(jdbc, loads);

            out.println();
            out.println("| kind | callers | calls | per second | p50 ms | p99 ms | load average (1 min) |");
            out.println("|---|---:|---:|---:|---:|---:|---|");
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (Map.Entry<String, IntFunction<List<Identifier>>> kind : kinds.entrySet()) {
                    loads.reset();
                    long[] took = new long[throughputCalls];
                    AtomicInteger next = new AtomicInteger();
                    long t0 = System.nanoTime();
                    List<Future<?>> callers = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        callers.add(pool.submit(() -> {
                            for (int i = next.getAndIncrement(); i < throughputCalls; i = next.getAndIncrement()) {
                                List<Identifier> message;
                                synchronized (kinds) {
                                    message = kind.getValue().apply(i);
                                }
                                long s = System.nanoTime();
                                resolver.resolve(message, null, null);
                                took[i] = System.nanoTime() - s;
                            }
                            return null;
                        }));
                    }
                    for (Future<?> caller : callers) {
                        caller.get();
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    Arrays.sort(took);
                    out.printf(Locale.ROOT, "| %s | %d | %,d | %,.0f | %.2f | %.2f | %s |%n", kind.getKey(), threads, throughputCalls,
                            throughputCalls / seconds, ms(took, 0.50), ms(took, 0.99), loads.summary());
                }
            }
            if (bulk > 0) {
                reResolve(resolver, loads);
            }
        } finally {
            loads.close();
            app.close();
        }
    }

    /**
     * Every identifier of the first {@code bench.bulk} customers resolved again through the bulk path imports use
     * ({@link IdentityResolver#known}), {@code bench.bulk-batch} customers a call, {@code bench.threads} callers; each
     * answer is checked against the customer the fill gave those identifiers.
     */
    private void reResolve(IdentityResolver resolver, LoadSampler loads) throws Exception {
        long people = Math.min(bulk, customers);
        AtomicLong next = new AtomicLong(1);
        AtomicLong wrong = new AtomicLong();
        loads.reset();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(pool.submit(() -> {
                    for (long from = next.getAndAdd(bulkBatch); from <= people; from = next.getAndAdd(bulkBatch)) {
                        long to = Math.min(people, from + bulkBatch - 1);
                        List<List<Identifier>> batch = new ArrayList<>((int) (to - from + 1));
                        for (long i = from; i <= to; i++) {
                            batch.add(List.of(Identifier.email(email(i)), Identifier.phone(phone(i))));
                        }
                        List<CustomerId> owners = resolver.known(batch);
                        for (long i = from; i <= to; i++) {
                            CustomerId owner = owners.get((int) (i - from));
                            if (owner == null || !owner.value().equals(customerOf(i))) {
                                wrong.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> caller : callers) {
                caller.get();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println();
        out.println("| re-resolved in bulk | identifiers | customers a call | callers | seconds | identifiers a second | wrong or missing | load average (1 min) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        out.printf(Locale.ROOT, "| known, in numbered order | %,d | %,d | %d | %.1f | %,.0f | %,d | %s |%n", people * 2, bulkBatch, threads, seconds,
                people * 2 / seconds, wrong.get(), loads.summary());
    }

    /** What a durable commit costs on this disk by itself: a one-row insert in its own transaction, as often as a kind above. */
    private void commitsAlone(JdbcClient jdbc, LoadSampler loads) {
        jdbc.sql("create table if not exists bench_commits (id bigint generated always as identity primary key, at timestamptz not null)")
                .update();
        loads.reset();
        long[] took = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            jdbc.sql("insert into bench_commits (at) values (now())").update();
            took[i] = System.nanoTime() - t0;
        }
        Arrays.sort(took);
        out.printf(Locale.ROOT, "| (a one-row insert and its commit, nothing else) | %,d | %.2f | %.2f | %.2f | %s |%n", samples,
                ms(took, 0.50), ms(took, 0.99), took[took.length - 1] / 1e6, loads.summary());
    }

    private static UUID customerOf(long i) {
        return UUID.fromString("10000000-0000-4000-8000-%012x".formatted(i));
    }

    /** Customers and their two identifiers each, in numbered order; only what is missing. */
    private void fill(JdbcClient jdbc) {
        long have = jdbc.sql("select count(*) from identities where value like 'c%" + DOMAIN + "'").query(Long.class).single();
        if (have >= customers) {
            out.printf("The graph already holds %,d bench customers; using them.%n", have);
            return;
        }
        long t0 = System.nanoTime();
        long chunk = 1_000_000;
        for (long from = have + 1; from <= customers; from += chunk) {
            long to = Math.min(customers, from + chunk - 1);
            jdbc.sql("""
                    insert into customers (id, created_at, updated_at)
                    select ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, now(), now()
                    from generate_series(?::bigint, ?::bigint) i""").params(from, to).update();
            jdbc.sql("""
                    insert into identities (id, customer_id, type, value, original, created_at)
                    select ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           'email', 'c' || lpad(i::text, 8, '0') || ?, 'c' || lpad(i::text, 8, '0') || ?, now()
                    from generate_series(?::bigint, ?::bigint) i""").params(DOMAIN, DOMAIN, from, to).update();
            jdbc.sql("""
                    insert into identities (id, customer_id, type, value, original, created_at)
                    select ('30000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           'phone', '+90532' || lpad(i::text, 7, '0'), '0532 ' || lpad(i::text, 7, '0'), now()
                    from generate_series(?::bigint, ?::bigint) i""").params(from, to).update();
            out.printf("  filled customers %,d–%,d (%,d s)%n", from, to, (System.nanoTime() - t0) / 1_000_000_000);
        }
        jdbc.sql("analyze customers").update();
        jdbc.sql("analyze identities").update();
        out.printf("Filled in %,d s%n", (System.nanoTime() - t0) / 1_000_000_000);
    }

    private List<Identifier> known(SplittableRandom random) {
        long i = 1 + random.nextLong(customers);
        return List.of(Identifier.email(email(i)), Identifier.phone(phone(i)));
    }

    private List<Identifier> brandNew() {
        int n = fresh.incrementAndGet();
        return List.of(Identifier.email("n" + n + DOMAIN), Identifier.phone("+90533" + String.format("%07d", n)));
    }

    private List<Identifier> mixed(SplittableRandom random) {
        long i = 1 + random.nextLong(customers);
        return List.of(Identifier.phone(phone(i)), Identifier.email("m" + fresh.incrementAndGet() + DOMAIN));
    }

    private static String email(long i) {
        return "c" + String.format("%08d", i) + DOMAIN;
    }

    private static String phone(long i) {
        return "+90532" + String.format("%07d", i);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

}
