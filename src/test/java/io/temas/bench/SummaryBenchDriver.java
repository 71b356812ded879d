package io.temas.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Response times of {@code GET /api/v1/customers/{id}/summary} (what an IVR, an ATM or a branch screen calls) at a
 * million customers, over HTTP against the packaged jar.
 *
 * <p>Starts {@code java -jar target/temas-*.jar} as a process of its own on a fresh, durable data directory (the demo
 * organisation, a generated API token), then fills its embedded PostgreSQL with {@code generate_series} through the
 * password Temas keeps in its data directory: {@code bench.customers} customers with stages, segments and preferred
 * channels; a conversation for every fourth customer (a fifth of them open); a value score for each and a risk score for
 * every fourth; an open alert for
 * one in twenty (and a cleared one for as many); {@code bench.events-per-customer} events each; one customer in a
 * hundred merged into another. Then, one request at a time after {@code bench.warmup} unmeasured ones, it asks for
 * {@code bench.requests} summaries of live customers picked at random, then as many again with {@code bench.clients}
 * clients at once, then merged ids (the survivor's summary) and unknown ids (404). Every answer is read whole and its
 * status checked. It prints p50, p95, p99 and the maximum, the load average before and after, and the plan of the
 * summary's statement for one customer. Last, the 360 of {@code bench.heavy} customers given
 * {@code bench.interactions} interactions each (see {@link #heavyCustomers}).
 *
 * <pre>
 * bench.jar                   the packaged jar                 (newest target/temas-*.jar)
 * bench.jvm-args              JVM options of the Temas process ()
 * bench.customers             customers to create              (1000000)
 * bench.events-per-customer   customer events each             (1)
 * bench.requests              measured requests per phase      (5000)
 * bench.warmup                requests before those            (2000)
 * bench.clients               concurrent clients, second phase (4)
 * bench.heavy                 customers given many interactions;
 *                             0: none                          (20)
 * bench.interactions          interactions each                (10000)
 * bench.heavy-requests        measured requests per 360 view   (1000)
 * bench.keep-data             keep the data directory          (false)
 * </pre>
 */
public final class SummaryBenchDriver {

    private static final PrintStream OUT = System.out;

    private final int customers = Integer.getInteger("bench.customers", 1_000_000);
    private final int eventsEach = Integer.getInteger("bench.events-per-customer", 1);
    private final int requests = Integer.getInteger("bench.requests", 5_000);
    private final int warmup = Integer.getInteger("bench.warmup", 2_000);
    private final int clients = Integer.getInteger("bench.clients", 4);
    private final int heavy = Integer.getInteger("bench.heavy", 20);
    private final int interactions = Integer.getInteger("bench.interactions", 10_000);
    private final int heavyRequests = Integer.getInteger("bench.heavy-requests", 1_000);
    private final String token = PackagedJar.secret();
    private final String adminPassword = PackagedJar.secret();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private String base;

    public static void main(String[] args) throws Exception {
        new SummaryBenchDriver().run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("temas-summary-bench");
        int dbPort = PackagedJar.freePort();
        int port = PackagedJar.freePort();
        base = "http://127.0.0.1:" + port;
        Path log = data.resolve("temas.log");
        Process temas = null;
        HikariDataSource pool = null;
        try {
            Path jar = PackagedJar.jar();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(PackagedJar.options("bench.jvm-args"));
            command.addAll(List.of("-jar", jar.toString(), "--temas.embedded-port=" + dbPort));
            OUT.printf("Starting %s on port %d (data %s)%n", jar.getFileName(), port, data);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.putAll(Map.of("TEMAS_DATA_DIR", data.toString(), "PORT", Integer.toString(port), "TEMAS_DEMO_DATA", "true",
                    "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", adminPassword, "TEMAS_BOOTSTRAP_API_TOKEN", token));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            long booting = System.nanoTime();
            temas = builder.start();
            PackagedJar.awaitHealth(temas, http, base);
            OUT.printf("Healthy after %.1f s; %d processors; JDK %s; load average %s%n", (System.nanoTime() - booting) / 1e9,
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), LoadSampler.now());

            pool = new HikariDataSource();
            pool.setJdbcUrl("jdbc:postgresql://localhost:" + dbPort + "/postgres");
            pool.setUsername("postgres");
            pool.setPassword(Files.readString(data.resolve("postgres-password")).strip());
            pool.setMaximumPoolSize(2);
            pool.setPoolName("bench");
            JdbcClient jdbc = JdbcClient.create(pool);
            OUT.println(jdbc.sql("select version()").query(String.class).single());
            fill(jdbc);

            List<UUID> live = jdbc.sql("select id from customers where merged_into is null and display_name like 'Özet %' order by random() limit ?")
                    .param(requests + warmup).query(UUID.class).list();
            List<UUID> merged = jdbc.sql("select id from customers where merged_into is not null order by random() limit ?")
                    .param(Math.min(requests, 2_000)).query(UUID.class).list();
            UUID sample = live.getFirst();
            OUT.println("Plan of the summary's statement for one customer:");
            String sql = summarySql(jdbc);
            if (sql != null) {
                jdbc.sql("explain (analyze, buffers, costs off) " + sql).params(sample, 5).query(String.class).list()
                        .forEach(line -> OUT.println("  " + line));
            }

            OUT.printf("%nWarm-up: %,d requests%n", warmup);
            sequential(live.subList(requests, requests + warmup), 200);
            OUT.printf("Load average before the measured requests: %s%n", LoadSampler.now());
            report("live customers, 1 client", sequential(live.subList(0, requests), 200));
            report("live customers, " + clients + " clients", concurrent(live.subList(0, requests), clients));
            report("merged ids (survivor's summary)", sequential(merged, 200));
            List<UUID> unknown = new ArrayList<>();
            for (int i = 0; i < Math.min(requests, 2_000); i++) {
                unknown.add(UUID.randomUUID());
            }
            report("unknown ids (404)", sequential(unknown, 404));
            if (heavy > 0) {
                heavyCustomers(jdbc, port);
            }
            OUT.printf("Load average after: %s%n", LoadSampler.now());
        } finally {
            if (pool != null) {
                pool.close();
            }
            if (temas != null) {
                temas.destroy();
                if (!temas.waitFor(60, TimeUnit.SECONDS)) {
                    temas.destroyForcibly();
                }
            }
            if (Boolean.getBoolean("bench.keep-data")) {
                OUT.println("Data directory kept: " + data);
            } else {
                FileSystemUtils.deleteRecursively(data);
            }
        }
    }

    private void fill(JdbcClient jdbc) {
        long t0 = System.nanoTime();
        jdbc.sql("""
                insert into customers (id, display_name, language, vip, segments, lifecycle_stage, preferred_channel, city, created_at, updated_at)
                select gen_random_uuid(), 'Özet ' || i, (array['tr', 'az', 'en'])[1 + i % 3], i % 50 = 0,
                       case i % 4 when 0 then '{gold}'::text[] when 1 then '{bireysel,kart}'::text[] else '{}'::text[] end,
                       (array['lead', 'prospect', 'customer', 'loyal', 'at_risk', 'lost'])[1 + i % 6],
                       (array['email', 'sms', 'voice', 'chat'])[1 + i % 4], 'Şehir ' || (i % 81), now(), now()
                from generate_series(1, ?) i""").param(customers).update();
        step("customers", t0);
        long t = System.nanoTime();
        jdbc.sql("""
                insert into conversations (id, reference, customer_id, channel, status, priority, created_at, last_message_at)
                select gen_random_uuid(), 'S-' || n, id, (array['email', 'sms', 'chat', 'voice'])[1 + n % 4],
                       case when n % 10 < 2 then 'open' else 'resolved' end, 'normal', now() - (n % 365) * interval '1 day',
                       now() - (n % 365) * interval '1 day' + interval '1 hour'
                from (select id, row_number() over () as n from customers where display_name like 'Özet %') c where n % 4 = 0""").update();
        step("conversations", t);
        t = System.nanoTime();
        jdbc.sql("""
                insert into customer_scores (customer_id, score, value, computed_at)
                select id, s, round((random() * 100)::numeric, 1), now()
                from (select id, row_number() over () as n from customers where display_name like 'Özet %') c,
                     unnest(array['value', 'risk']) s
                where s = 'value' or n % 4 = 0""").update();
        step("scores", t);
        t = System.nanoTime();
        jdbc.sql("""
                insert into customer_alerts (id, customer_id, rule_id, raised_at, cleared_at)
                select gen_random_uuid(), c.id, r.ids[k], now() - interval '1 day', case when k = 1 then now() end
                from customers c, generate_series(1, 2) k, (select array_agg(id order by id) as ids from alert_rules) r
                where c.display_name like 'Özet %' and random() < 0.05""").update();
        step("alerts", t);
        t = System.nanoTime();
        jdbc.sql("""
                insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                select gen_random_uuid(), id, (array['branch.visit', 'atm.withdrawal', 'mobile.signin', 'payment'])[1 + k % 4],
                       now() - random() * interval '365 days', 'bench-' || id || '-' || k, jsonb_build_object('channel', 'bench', 'n', k), now()
                from customers, generate_series(1, ?) k where display_name like 'Özet %'""").param(eventsEach).update();
        step("events", t);
        t = System.nanoTime();
        jdbc.sql("""
                update customers c set merged_into = s.survivor from (
                    select id, lead(id) over (order by id) as survivor, row_number() over (order by id) as n from customers
                    where display_name like 'Özet %') s
                where c.id = s.id and s.n % 100 = 1 and s.survivor is not null""").update();
        step("merges", t);
        t = System.nanoTime();
        jdbc.sql("vacuum analyze").update();
        step("vacuum analyze", t);
        OUT.printf("Filled in %.0f s: %,d customers, %,d conversations, %,d scores, %,d alerts, %,d events%n", (System.nanoTime() - t0) / 1e9,
                count(jdbc, "customers"), count(jdbc, "conversations"), count(jdbc, "customer_scores"), count(jdbc, "customer_alerts"),
                count(jdbc, "customer_events"));
    }

    /**
     * The 360 of customers with {@code bench.interactions} interactions each: that many timeline entries (received
     * messages), a conversation for every four (one in fifty still open) and an event from another system for every
     * five, over three years. Then, one request at a time, round the {@code bench.heavy} customers: the API's 360
     * ({@code GET /api/v1/customers/{id}}: the profile, identities, the 200 newest timeline entries, merges), the
     * summary, and the console's customer page as a signed-in admin reads it.
     */
    private void heavyCustomers(JdbcClient jdbc, int port) throws Exception {
        long t0 = System.nanoTime();
        List<UUID> chosen = jdbc.sql("select id from customers where merged_into is null and display_name like 'Özet %' order by random() limit ?")
                .param(heavy).query(UUID.class).list();
        UUID[] ids = chosen.toArray(UUID[]::new);
        int conversationsEach = Math.max(1, interactions / 4);
        jdbc.sql("""
                insert into conversations (id, reference, customer_id, channel, status, priority, first_response_breached, created_at,
                                           last_message_at)
                select gen_random_uuid(), 'H-' || substr(md5(c::text || n), 1, 12), c, (array['email', 'sms', 'chat', 'voice'])[1 + n % 4],
                       case when n % 50 = 0 then 'open' else 'resolved' end, 'normal', n % 20 = 0,
                       now() - (n * 1095.0 / ?) * interval '1 day', now() - (n * 1095.0 / ?) * interval '1 day' + interval '1 hour'
                from unnest(?::uuid[]) c, generate_series(1, ?) n""").params(conversationsEach, conversationsEach, ids, conversationsEach).update();
        jdbc.sql("""
                insert into timeline_entries (id, customer_id, occurred_at, kind, channel, summary, conversation_id)
                select gen_random_uuid(), c.customer_id, c.created_at + (k * interval '10 minutes'), 'message.received', c.channel,
                       'Message: ' || c.reference, c.id
                from conversations c, generate_series(0, 3) k where c.customer_id = any(?) and c.reference like 'H-%'""").param(ids).update();
        jdbc.sql("""
                insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                select gen_random_uuid(), c, (array['branch.visit', 'atm.withdrawal', 'mobile.signin', 'payment'])[1 + k % 4],
                       now() - random() * interval '1095 days', 'heavy-' || c || '-' || k, jsonb_build_object('channel', 'bench', 'n', k), now()
                from unnest(?::uuid[]) c, generate_series(1, ?) k""").params(ids, Math.max(1, interactions / 5)).update();
        jdbc.sql("analyze conversations").update();
        jdbc.sql("analyze timeline_entries").update();
        jdbc.sql("analyze customer_events").update();
        OUT.printf("%n%,d customers given %,d timeline entries, %,d conversations and %,d events each in %.0f s%n", chosen.size(),
                jdbc.sql("select count(*) from timeline_entries where customer_id = ?").param(ids[0]).query(Long.class).single(),
                jdbc.sql("select count(*) from conversations where customer_id = ?").param(ids[0]).query(Long.class).single(),
                jdbc.sql("select count(*) from customer_events where customer_id = ?").param(ids[0]).query(Long.class).single(),
                (System.nanoTime() - t0) / 1e9);

        io.temas.support.Console console = io.temas.support.Console.signIn(port, "admin", adminPassword);
        Map<String, View> views = new java.util.LinkedHashMap<>();
        views.put("API 360 (GET /api/v1/customers/{id})", id -> send("/api/v1/customers/" + id).statusCode());
        views.put("summary", id -> send("/api/v1/customers/" + id + "/summary").statusCode());
        views.put("console customer page", id -> console.get("/console/customers/" + id).status());
        for (Map.Entry<String, View> view : views.entrySet()) {
            for (int i = 0; i < Math.min(200, heavyRequests); i++) {
                view.getValue().status(chosen.get(i % chosen.size()));
            }
            long[] times = new long[heavyRequests];
            for (int i = 0; i < heavyRequests; i++) {
                UUID id = chosen.get(i % chosen.size());
                long start = System.nanoTime();
                int status = view.getValue().status(id);
                times[i] = System.nanoTime() - start;
                if (status != 200) {
                    throw new IllegalStateException(view.getKey() + " of " + id + " answered " + status);
                }
            }
            report(view.getKey() + ", " + interactions + " interactions", times);
        }
    }

    /** A 360 view's request: the status it answered, the answer read whole. */
    private interface View {
        int status(UUID customer) throws Exception;
    }

    /** The statement the server runs, read from its class so the plan is of the real thing; null when it cannot be read. */
    private static String summarySql(JdbcClient jdbc) {
        try {
            java.lang.reflect.Field field = Class.forName("io.temas.customers.CustomerSummaries").getDeclaredField("SQL");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private long[] sequential(List<UUID> ids, int status) throws Exception {
        long[] times = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            times[i] = get(ids.get(i), status);
        }
        return times;
    }

    private long[] concurrent(List<UUID> ids, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            int slice = ids.size() / threads;
            for (int t = 0; t < threads; t++) {
                List<UUID> mine = ids.subList(t * slice, t == threads - 1 ? ids.size() : (t + 1) * slice);
                parts.add(pool.submit(() -> sequential(mine, 200)));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> part : parts) {
                Arrays.stream(part.get()).forEach(all::add);
            }
            return all.stream().mapToLong(Long::longValue).toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    private long get(UUID id, int status) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = send("/api/v1/customers/" + id + "/summary");
        long took = System.nanoTime() - start;
        if (response.statusCode() != status) {
            throw new IllegalStateException("summary of " + id + ": " + response.statusCode() + " " + response.body());
        }
        return took;
    }

    /** A GET with the API token, the answer read whole. */
    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        OUT.printf("%-36s n=%,6d  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", what, sorted.length, pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static void step(String what, long since) {
        OUT.printf("  %-16s %6.1f s (load average %s)%n", what, (System.nanoTime() - since) / 1e9, LoadSampler.now());
    }

}
