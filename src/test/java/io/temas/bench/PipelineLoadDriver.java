package io.temas.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.temas.TemasApplication;
import io.temas.inbound.InboundPipeline;
import io.temas.channels.InboundRejected;
import io.temas.channels.Receipt;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load driver for the inbound pipeline. Boots the application in this JVM on a fresh temporary
 * embedded PostgreSQL with the demo organisation, then pushes a reproducible mix of messages
 * through the in-process pipeline ({@link InboundPipeline#receive}) and/or
 * {@code POST /api/v1/inbound} on 127.0.0.1, with a fixed number of calls in flight (virtual
 * threads behind a semaphore). Latency is the time until the call returned, that is until the
 * message was committed. Prints throughput and latency percentiles per phase and the row counts
 * afterwards.
 *
 * <p>System properties (all optional):
 * <pre>
 * bench.messages     messages per measured phase            (20000)
 * bench.concurrency  calls in flight                         (32)
 * bench.mode         inprocess | http | both                 (both)
 * bench.warmup       messages per mode before measuring      (2000)
 * bench.rounds       measured rounds; the data grows from
 *                    round to round                          (1)
 * bench.seed         seed of the traffic generator           (42)
 * bench.new-senders  share of messages from new senders      (0.35)
 * bench.hot-senders  share of returning senders picked from
 *                    the 40 most active ones                 (0.15)
 * bench.retries      share of repeated external ids          (0.02)
 * bench.replies      share of e-mails answering an
 *                    earlier acknowledgement                 (0.25)
 * bench.max-seconds  time limit per phase; a phase that hits
 *                    it stops sending and reports what it did (900)
 * bench.sample-ms    how often to sample pg_stat_activity during
 *                    measured phases; 0 turns it off          (50)
 * </pre>
 * Application settings can be passed the same way, e.g. {@code -Dtemas.pool-size=40}.
 */
public final class PipelineLoadDriver {

    private static final int MAX_MESSAGES = 2_000_000;
    private static final int MAX_ROUNDS = 100;
    private static final int MAX_CONCURRENCY = 1024;

    private final Settings settings;
    private final PrintStream out = System.out;

    private PipelineLoadDriver(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new PipelineLoadDriver(Settings.fromSystemProperties()).run();
    }

    enum Mode {
        INPROCESS("in-process"), HTTP("http");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    record Settings(int messages, int concurrency, List<Mode> modes, int warmup, int rounds, long seed, Traffic.Mix mix,
                    Duration maxPhase, int sampleMillis) {

        static Settings fromSystemProperties() {
            int messages = bounded("bench.messages", 20_000, 1, MAX_MESSAGES);
            int concurrency = bounded("bench.concurrency", 32, 1, MAX_CONCURRENCY);
            int warmup = bounded("bench.warmup", 2_000, 0, MAX_MESSAGES);
            int rounds = bounded("bench.rounds", 1, 1, MAX_ROUNDS);
            long seed = Long.getLong("bench.seed", 42L);
            String mode = System.getProperty("bench.mode", "both").trim().toLowerCase(Locale.ROOT);
            List<Mode> modes = switch (mode) {
                case "inprocess", "in-process" -> List.of(Mode.INPROCESS);
                case "http" -> List.of(Mode.HTTP);
                case "both" -> List.of(Mode.INPROCESS, Mode.HTTP);
                default -> throw new IllegalArgumentException("bench.mode must be inprocess, http or both, not '" + mode + "'");
            };
            Traffic.Mix mix = new Traffic.Mix(share("bench.new-senders", 0.35), share("bench.hot-senders", 0.15),
                    share("bench.retries", 0.02), share("bench.replies", 0.25));
            Duration maxPhase = Duration.ofSeconds(bounded("bench.max-seconds", 900, 1, 24 * 3600));
            int sampleMillis = bounded("bench.sample-ms", 50, 0, 10_000);
            return new Settings(messages, concurrency, modes, warmup, rounds, seed, mix, maxPhase, sampleMillis);
        }

        private static int bounded(String name, int fallback, int min, int max) {
            String value = System.getProperty(name);
            int result = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim().replace("_", ""));
            if (result < min || result > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + result);
            }
            return result;
        }

        private static double share(String name, double fallback) {
            String value = System.getProperty(name);
            double result = value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
            if (result < 0 || result > 1) {
                throw new IllegalArgumentException(name + " must be between 0 and 1, not " + result);
            }
            return result;
        }
    }

    /** Where a phase sends its messages. */
    interface Target {
        /** Sends one message; answers whether it was a retry the application recognised. */
        boolean send(LoadMessage message) throws Exception;
    }

    /** What one phase measured. */
    record PhaseResult(String phase, Mode mode, int sent, int ok, int failed, int duplicates, long nanos, long[] latencies,
                       Map<String, long[]> byChannel, Map<String, long[]> byKind, List<String> errors, boolean timedOut,
                       long messagesBefore, WaitSampler.Picture waits) {

        double throughput() {
            return ok / (nanos / 1e9);
        }
    }

    private void run() throws Exception {
        String token = "bench-" + HexFormat.of().formatHex(randomBytes(16));
        long bootStart = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(applicationDefaults())
                .logStartupInfo(false)
                .run(applicationArguments(token));
        long bootMillis = (System.nanoTime() - bootStart) / 1_000_000;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            InboundPipeline pipeline = app.getBean(InboundPipeline.class);
            DataSource dataSource = app.getBean(DataSource.class);
            HikariDataSource pool = dataSource instanceof HikariDataSource hikari && settings.sampleMillis() > 0 ? hikari : null;
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            URI inbound = URI.create("http://127.0.0.1:" + port + "/api/v1/inbound");
            header(jdbc, bootMillis, app.getEnvironment().getProperty("temas.pool-size", "20"));

            Map<Mode, Target> targets = new LinkedHashMap<>();
            targets.put(Mode.INPROCESS, inProcess(pipeline));
            targets.put(Mode.HTTP, overHttp(http, inbound, token));

            Traffic traffic = new Traffic(settings.seed(), Long.toString(System.currentTimeMillis(), 36), settings.mix());
            List<PhaseResult> results = new ArrayList<>();
            for (Mode mode : settings.modes()) {
                if (settings.warmup() > 0) {
                    results.add(phase("warm-up", mode, targets.get(mode), traffic, settings.warmup(), jdbc, null));
                }
            }
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Mode mode : settings.modes()) {
                    PhaseResult result = phase(settings.rounds() == 1 ? "measured" : "round " + round, mode, targets.get(mode), traffic,
                            settings.messages(), jdbc, () -> WaitSampler.start(pool, dataSource,
                                    settings.sampleMillis()));
                    results.add(result);
                    progress(result);
                }
            }
            report(results);
            breakdown(results);
            tables(jdbc);
        } finally {
            http.close();
            app.close();
        }
    }

    /** Defaults; system properties ({@code -Dtemas.pool-size=40}) override them. */
    private static Map<String, Object> applicationDefaults() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.springdoc", "ERROR");
        // The API authenticates bearer tokens only; the generated form-login password is noise here.
        properties.put("logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration", "ERROR");
        return properties;
    }

    /** What the driver needs whatever else is configured: a fresh database, the demo data, its token, a free local port. */
    private static String[] applicationArguments(String token) {
        return new String[] {
                "--temas.ephemeral=true",
                "--temas.demo-data=true",
                "--temas.bootstrap.api-token=" + token,
                "--server.port=0",
                "--server.address=127.0.0.1"};
    }

    private Target inProcess(InboundPipeline pipeline) {
        return message -> {
            Receipt receipt = pipeline.receive(message.toInbound(message.jsonBytes(), Instant.now()));
            return receipt.duplicate();
        };
    }

    private Target overHttp(HttpClient http, URI inbound, String token) {
        return message -> {
            HttpRequest request = HttpRequest.newBuilder(inbound)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message.json(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            return response.statusCode() == 200;
        };
    }

    private PhaseResult phase(String name, Mode mode, Target target, Traffic traffic, int count, JdbcClient jdbc,
                              Supplier<WaitSampler> sampling) throws InterruptedException {
        traffic.replyTargets(replyTargets(jdbc));
        long messagesBefore = jdbc.sql("select count(*) from messages").query(Long.class).single();
        List<LoadMessage> batch = traffic.next(count);
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(settings.concurrency());
        long deadline = System.nanoTime() + settings.maxPhase().toNanos();
        boolean timedOut = false;
        int sent = 0;
        WaitSampler sampler = sampling == null ? null : sampling.get();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                inFlight.acquire();
                int index = i;
                LoadMessage message = batch.get(i);
                sent++;
                threads.execute(() -> {
                    try {
                        long t0 = System.nanoTime();
                        boolean duplicate = target.send(message);
                        latencies[index] = System.nanoTime() - t0;
                        if (duplicate) {
                            duplicates.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(message.channel().code() + " " + message.externalId() + ": " + describe(e));
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        long nanos = System.nanoTime() - start;
        WaitSampler.Picture waits = null;
        if (sampler != null) {
            waits = sampler.picture();
            sampler.close();
        }
        Map<String, List<Long>> channels = new TreeMap<>();
        Map<String, List<Long>> kinds = new TreeMap<>();
        List<Long> all = new ArrayList<>(count);
        for (int i = 0; i < sent; i++) {
            if (latencies[i] >= 0) {
                all.add(latencies[i]);
                channels.computeIfAbsent(batch.get(i).channel().code(), k -> new ArrayList<>()).add(latencies[i]);
                kinds.computeIfAbsent(batch.get(i).kind(), k -> new ArrayList<>()).add(latencies[i]);
            }
        }
        return new PhaseResult(name, mode, sent, all.size(), failed.get(), duplicates.get(), nanos, sorted(all), sortedAll(channels),
                sortedAll(kinds), List.copyOf(errors), timedOut, messagesBefore, waits);
    }

    /** Recent e-mail acknowledgements, so that some e-mails can answer them. */
    private static List<Traffic.ReplyTarget> replyTargets(JdbcClient jdbc) {
        return jdbc.sql("""
                        select m.recipient, m.header_id, c.reference, c.subject
                        from messages m join conversations c on c.id = m.conversation_id
                        where m.direction = 'outbound' and m.channel = 'email' and m.header_id is not null and m.recipient is not null
                        order by m.created_at desc limit 2000""")
                .query((rs, n) -> new Traffic.ReplyTarget(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private void header(JdbcClient jdbc, long bootMillis, String poolSize) {
        String postgres = jdbc.sql("show server_version").query(String.class).single();
        out.printf("%nTemas pipeline load driver%n");
        out.printf("  JVM %s (%s), %d processors, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.printf("  PostgreSQL %s (embedded), connection pool %s%n", postgres, poolSize);
        out.printf("  application started in %d ms%n", bootMillis);
        out.printf("  messages %d per phase, warm-up %d per mode, rounds %d, concurrency %d, modes %s, seed %d%n",
                settings.messages(), settings.warmup(), settings.rounds(), settings.concurrency(),
                settings.modes().stream().map(m -> m.label).toList(), settings.seed());
        out.printf("  mix: new senders %.2f, hot senders %.2f, retries %.2f, e-mail replies %.2f%n%n", settings.mix().newSenders(),
                settings.mix().hotSenders(), settings.mix().retries(), settings.mix().emailReplies());
    }

    private void progress(PhaseResult r) {
        out.printf("  %-9s %-10s %7d msgs %9.1f msg/s  p50 %7.1f ms  p99 %7.1f ms%s%n", r.phase(), r.mode().label, r.ok(),
                r.throughput(), millis(percentile(r.latencies(), 50)), millis(percentile(r.latencies(), 99)),
                r.failed() > 0 ? "  (" + r.failed() + " failed)" : "");
    }

    private void report(List<PhaseResult> results) {
        out.printf("%nResults (latency = until the call returned, i.e. the message was committed;"
                + " db msgs = rows in messages, inbound and acknowledgements, before the phase)%n");
        String format = "%-9s %-10s %9s %8s %6s %5s %8s %9s %8s %8s %8s %8s %9s%n";
        out.printf(format, "phase", "mode", "db msgs", "sent", "failed", "dup", "seconds", "msg/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "");
        for (PhaseResult r : results) {
            out.printf(format, r.phase(), r.mode().label, r.messagesBefore(), r.sent(), r.failed(), r.duplicates(),
                    String.format("%.1f", r.nanos() / 1e9), String.format("%.1f", r.throughput()),
                    String.format("%.1f", millis(percentile(r.latencies(), 50))), String.format("%.1f", millis(percentile(r.latencies(), 95))),
                    String.format("%.1f", millis(percentile(r.latencies(), 99))), String.format("%.1f", millis(max(r.latencies()))),
                    r.timedOut() ? "TIME LIMIT" : "");
        }
        for (PhaseResult r : results) {
            for (String error : r.errors()) {
                out.printf("  error in %s %s: %s%n", r.phase(), r.mode().label, error);
            }
        }
    }

    /** Latency by channel and by kind of message, for the last measured phase of each mode. */
    private void breakdown(List<PhaseResult> results) {
        Map<Mode, PhaseResult> last = new LinkedHashMap<>();
        for (PhaseResult r : results) {
            if (!r.phase().equals("warm-up")) {
                last.put(r.mode(), r);
            }
        }
        String format = "%-10s %-18s %7s %8s %8s %8s%n";
        for (PhaseResult r : last.values()) {
            out.printf("%nBreakdown of %s %s%n", r.phase(), r.mode().label);
            out.printf(format, "by", "value", "msgs", "p50 ms", "p95 ms", "p99 ms");
            r.byChannel().forEach((k, v) -> out.printf(format, "channel", k, v.length, fmt(percentile(v, 50)), fmt(percentile(v, 95)),
                    fmt(percentile(v, 99))));
            r.byKind().forEach((k, v) -> out.printf(format, "kind", k, v.length, fmt(percentile(v, 50)), fmt(percentile(v, 95)),
                    fmt(percentile(v, 99))));
            if (r.waits() != null && r.waits().samples() > 0) {
                WaitSampler.Picture w = r.waits();
                out.printf("Database sessions of %s %s, %d samples: on average %.1f active, %.1f callers waiting for a pooled connection%n",
                        r.phase(), r.mode().label, w.samples(), w.activeSessions(), w.waitingForConnection());
                for (Map.Entry<String, Double> e : WaitSampler.top(w, 8)) {
                    out.printf("  %-40s %5.1f sessions (%4.1f%%)%n", e.getKey(), e.getValue(),
                            w.activeSessions() == 0 ? 0 : 100 * e.getValue() / w.activeSessions());
                }
            }
        }
    }

    /** Row counts of every table, and how the tables were read (sequential scans point at missing indexes). */
    private void tables(JdbcClient jdbc) {
        List<String> names = jdbc.sql("select tablename from pg_tables where schemaname = 'public' order by tablename")
                .query(String.class).list();
        out.printf("%nDatabase afterwards%n");
        String format = "%-28s %10s %12s %14s%n";
        out.printf(format, "table", "rows", "seq scans", "index scans");
        for (String table : names) {
            long rows = jdbc.sql("select count(*) from \"" + table.replace("\"", "\"\"") + "\"").query(Long.class).single();
            Map<String, Object> stats = jdbc.sql("select coalesce(seq_scan, 0) as seq, coalesce(idx_scan, 0) as idx "
                            + "from pg_stat_user_tables where schemaname = 'public' and relname = ?")
                    .param(table).query().singleRow();
            out.printf(format, table, rows, stats.get("seq"), stats.get("idx"));
        }
        out.printf("%n");
        jdbc.sql("select status, count(*) from outbox group by status order by status")
                .query((rs, n) -> String.format("  outbox %s: %d", rs.getString(1), rs.getLong(2))).list().forEach(out::println);
        jdbc.sql("""
                        select count(*) filter (where assignee_id is not null), count(*) filter (where assignee_id is null and status = 'open')
                        from conversations""")
                .query((rs, n) -> String.format("  conversations assigned %d, waiting in queue %d", rs.getLong(1), rs.getLong(2)))
                .list().forEach(out::println);
        jdbc.sql("select count(*) from merges").query(Long.class).list()
                .forEach(n -> out.printf("  customer merges %d, merge candidates %d%n", n,
                        jdbc.sql("select count(*) from merge_candidates").query(Long.class).single()));
    }

    private static long[] sorted(List<Long> values) {
        long[] result = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(result);
        return result;
    }

    private static Map<String, long[]> sortedAll(Map<String, List<Long>> values) {
        Map<String, long[]> result = new TreeMap<>();
        values.forEach((k, v) -> result.put(k, sorted(v)));
        return result;
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    private static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    private static String fmt(long nanos) {
        return String.format("%.1f", millis(nanos));
    }

    private static String describe(Exception e) {
        if (e instanceof InboundRejected rejected) {
            return "rejected: " + abbreviate(rejected.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage()));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
