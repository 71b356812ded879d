package io.temas.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.temas.TemasApplication;
import io.temas.inbound.InboundPipeline;
import io.temas.channels.InboundRejected;
import io.temas.channels.Receipt;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load driver for the inbound pipeline. Boots the application in this JVM on a fresh temporary
 * embedded PostgreSQL with the demo organisation ({@code bench.target=inprocess}), or starts the
 * packaged jar as a process of its own on a fresh durable data directory or a given one
 * ({@code bench.target=jar}), then pushes a reproducible mix of messages through the in-process
 * pipeline ({@link InboundPipeline#receive}) and/or {@code POST /api/v1/inbound} on 127.0.0.1,
 * either with a fixed number of calls in flight (closed loop: virtual threads behind a semaphore)
 * or at a fixed rate whatever the answers (open loop, {@code bench.rate}). Latency is the time
 * until the call returned, that is until the message was committed, counted in the open loop
 * from the moment the message was due. Prints throughput and latency percentiles per phase,
 * what the server's metrics and {@code /proc} say about where the time went (CPU per message of
 * Temas and of PostgreSQL, the pipeline's steps, the pool), and the row counts afterwards.
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
 * bench.target       inprocess (this JVM) | jar (the packaged
 *                    jar in a process of its own)            (inprocess)
 * bench.jar          the jar                (newest target/temas-*.jar)
 * bench.data-dir     jar: run on this data directory, kept
 *                    afterwards (else a fresh one, deleted)
 * bench.jvm-args     jar: JVM options of the Temas process,
 *                    blank-separated                         ()
 * bench.shape        mixed | new (every message from one of
 *                    bench.senders senders, no retries or
 *                    replies: mostly new conversations)      (mixed)
 * bench.senders      senders of shape new                    (50000)
 * bench.rate         messages a second, open loop; 0 closed
 *                    loop with bench.concurrency             (0)
 * bench.max-in-flight open loop: calls in flight at most     (4096)
 * bench.sms-provider-ms jar: send SMS to a provider of the
 *                    generic format that answers after this
 *                    many ms; -1 leaves SMS unsent           (-1)
 * bench.statements   the database's N costliest statements of
 *                    each measured phase (pg_stat_statements,
 *                    preloaded through temas.postgres.server.*,
 *                    planning tracked too);
 *                    0 leaves the server as it is            (0)
 * bench.resolutions  conversations agents resolve a second
 *                    through the API during each phase,
 *                    oldest assignment first                 (0)
 * </pre>
 * Application settings can be passed the same way, e.g. {@code -Dtemas.pool-size=40} (jar:
 * {@code -Dbench.jvm-args=-Dtemas.pool-size=40}).
 */
public final class PipelineLoadDriver {

    private static final int MAX_MESSAGES = 2_000_000;
    private static final int MAX_ROUNDS = 100;
    private static final int MAX_CONCURRENCY = 1024;
    /** Open loop: a message sent this much after its slot counts as late (the driver or the in-flight bound held it back). */
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final String PRELOAD = "temas.postgres.server.shared-preload-libraries";
    /** pg_stat_statements' count of plans and their time, which it leaves out unless told. */
    private static final String TRACK_PLANNING = "temas.postgres.server.pg-stat-statements.track-planning";

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

    /** Where Temas runs: in this JVM, or the packaged jar as a process of its own. */
    enum Where {
        INPROCESS, JAR
    }

    record Settings(int messages, int concurrency, List<Mode> modes, int warmup, int rounds, long seed, Traffic.Mix mix,
                    Duration maxPhase, int sampleMillis, Where target, Path dataDir, List<String> jvmArgs, int senders, int rate,
                    int maxInFlight, int smsProviderMillis, int statements, int resolutions) {

        static Settings fromSystemProperties() {
            int messages = bounded("bench.messages", 20_000, 1, MAX_MESSAGES);
            int concurrency = bounded("bench.concurrency", 32, 1, MAX_CONCURRENCY);
            int warmup = bounded("bench.warmup", 2_000, 0, MAX_MESSAGES);
            int rounds = bounded("bench.rounds", 1, 1, MAX_ROUNDS);
            long seed = Long.getLong("bench.seed", 42L);
            String where = System.getProperty("bench.target", "inprocess").trim().toLowerCase(Locale.ROOT);
            Where target = switch (where) {
                case "inprocess", "in-process" -> Where.INPROCESS;
                case "jar" -> Where.JAR;
                default -> throw new IllegalArgumentException("bench.target must be inprocess or jar, not '" + where + "'");
            };
            String mode = System.getProperty("bench.mode", target == Where.JAR ? "http" : "both").trim().toLowerCase(Locale.ROOT);
            List<Mode> modes = switch (mode) {
                case "inprocess", "in-process" -> List.of(Mode.INPROCESS);
                case "http" -> List.of(Mode.HTTP);
                case "both" -> List.of(Mode.INPROCESS, Mode.HTTP);
                default -> throw new IllegalArgumentException("bench.mode must be inprocess, http or both, not '" + mode + "'");
            };
            if (target == Where.JAR && modes.contains(Mode.INPROCESS)) {
                throw new IllegalArgumentException("bench.target=jar reaches Temas over HTTP only: bench.mode=http");
            }
            String shape = System.getProperty("bench.shape", "mixed").trim().toLowerCase(Locale.ROOT);
            int senders = switch (shape) {
                case "mixed" -> 0;
                case "new" -> bounded("bench.senders", 50_000, 1, 100_000_000);
                default -> throw new IllegalArgumentException("bench.shape must be mixed or new, not '" + shape + "'");
            };
            Traffic.Mix mix = senders > 0 ? new Traffic.Mix(1, 0, 0, 0)
                    : new Traffic.Mix(share("bench.new-senders", 0.35), share("bench.hot-senders", 0.15),
                            share("bench.retries", 0.02), share("bench.replies", 0.25));
            Duration maxPhase = Duration.ofSeconds(bounded("bench.max-seconds", 900, 1, 24 * 3600));
            int sampleMillis = bounded("bench.sample-ms", 50, 0, 10_000);
            String dir = System.getProperty("bench.data-dir", "").strip();
            Path dataDir = dir.isEmpty() ? null : Path.of(dir).toAbsolutePath().normalize();
            if (dataDir != null && target != Where.JAR) {
                throw new IllegalArgumentException("bench.data-dir needs bench.target=jar (in-process runs use temas.data-dir)");
            }
            List<String> jvmArgs = PackagedJar.options("bench.jvm-args");
            int rate = bounded("bench.rate", 0, 0, 100_000);
            int maxInFlight = bounded("bench.max-in-flight", 4096, 1, 20_000);
            int smsProviderMillis = bounded("bench.sms-provider-ms", -1, -1, 10_000);
            if (smsProviderMillis >= 0 && target != Where.JAR) {
                throw new IllegalArgumentException("bench.sms-provider-ms needs bench.target=jar");
            }
            int statements = bounded("bench.statements", 0, 0, 200);
            int resolutions = bounded("bench.resolutions", 0, 0, 1_000);
            if (statements > 0) {
                jvmArgs = new ArrayList<>(jvmArgs);
                jvmArgs.add("-D" + PRELOAD + "=pg_stat_statements");
                jvmArgs.add("-D" + TRACK_PLANNING + "=on");
            }
            return new Settings(messages, concurrency, modes, warmup, rounds, seed, mix, maxPhase, sampleMillis, target, dataDir,
                    List.copyOf(jvmArgs), senders, rate, maxInFlight, smsProviderMillis, statements, resolutions);
        }

        String load() {
            return rate > 0 ? "open loop, " + rate + " msg/s (at most " + maxInFlight + " in flight)"
                    : "closed loop, " + concurrency + " in flight";
        }

        String shape() {
            return senders > 0 ? String.format("new: every message from one of %,d senders, no retries, no replies", senders)
                    : String.format("mixed: new senders %.2f, hot senders %.2f, retries %.2f, e-mail replies %.2f", mix.newSenders(),
                            mix.hotSenders(), mix.retries(), mix.emailReplies());
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
                       long messagesBefore, WaitSampler.Picture waits, int late, Tail tail) {

        double throughput() {
            return ok / (nanos / 1e9);
        }
    }

    private void run() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            if (settings.target() == Where.JAR) {
                runJar(http);
            } else {
                runInProcess(http);
            }
        } finally {
            http.close();
        }
    }

    private void runInProcess(HttpClient http) throws Exception {
        String token = "bench-" + HexFormat.of().formatHex(randomBytes(16));
        long bootStart = System.nanoTime();
        Map<String, Object> properties = applicationDefaults();
        if (settings.statements() > 0) {
            properties.put(PRELOAD, "pg_stat_statements");
            properties.put(TRACK_PLANNING, "on");
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(properties)
                .logStartupInfo(false)
                .run(applicationArguments(token));
        long bootMillis = (System.nanoTime() - bootStart) / 1_000_000;
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            InboundPipeline pipeline = app.getBean(InboundPipeline.class);
            DataSource dataSource = app.getBean(DataSource.class);
            HikariDataSource pool = dataSource instanceof HikariDataSource hikari && settings.sampleMillis() > 0 ? hikari : null;
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            header(jdbc, String.format("in this JVM (%s), started in %d ms, connection pool %s", System.getProperty("java.version"),
                    bootMillis, app.getEnvironment().getProperty("temas.pool-size", "20")));

            Map<Mode, Target> targets = new LinkedHashMap<>();
            targets.put(Mode.INPROCESS, inProcess(pipeline));
            targets.put(Mode.HTTP, overHttp(http, URI.create(base + "/api/v1/inbound"), token));
            ServerMetrics metrics = new ServerMetrics(http, base, token, ProcessHandle.current().pid(), postmaster(jdbc));
            drive(jdbc, targets, metrics, () -> WaitSampler.start(pool, dataSource, settings.sampleMillis()),
                    () -> AgentsResolving.start(http, base, token, jdbc, settings.resolutions()));
        } finally {
            app.close();
        }
    }

    /**
     * The packaged jar, as users run it: {@code java [bench.jvm-args] -jar temas.jar} with the demo
     * organisation on a fresh durable data directory (deleted afterwards) or on
     * {@code bench.data-dir} (kept), its log in a file of its own. The driver reads the embedded
     * database's port and password from the data directory for its own few queries.
     */
    private void runJar(HttpClient http) throws Exception {
        Path jar = PackagedJar.jar();
        boolean given = settings.dataDir() != null;
        Path data = given ? settings.dataDir() : Files.createTempDirectory("temas-pipeline-bench");
        Path log = Files.createTempFile("temas-pipeline-bench", ".log");
        int port = PackagedJar.freePort();
        String token = PackagedJar.secret();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of("TEMAS_DATA_DIR", data.toString(), "PORT", Integer.toString(port), "TEMAS_DEMO_DATA", "true",
                "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", PackagedJar.secret(), "TEMAS_BOOTSTRAP_API_TOKEN", token));
        SmsProviderStandIn sms = settings.smsProviderMillis() >= 0 ? new SmsProviderStandIn(settings.smsProviderMillis()) : null;
        if (sms != null) {
            env.putAll(sms.environment());
            out.printf("SMS go to a provider that answers after %d ms%n", settings.smsProviderMillis());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmArgs());
        command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1"));
        out.printf("Starting %s on port %d (data %s%s, log %s)%n  %s%n", jar.getFileName(), port, data, given ? ", kept" : "", log,
                String.join(" ", command.subList(1, command.size())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long bootStart = System.nanoTime();
        Process temas;
        try {
            temas = builder.start();
        } catch (IOException e) {
            if (sms != null) {
                sms.close();
            }
            throw e;
        }
        HikariDataSource database = null;
        try {
            String base = "http://127.0.0.1:" + port;
            PackagedJar.awaitHealth(temas, http, base);
            long bootMillis = (System.nanoTime() - bootStart) / 1_000_000;
            database = database(data);
            JdbcClient jdbc = JdbcClient.create(database);
            header(jdbc, String.format("packaged jar %s, pid %d, healthy after %d ms; JVM options %s", jar.getFileName(), temas.pid(),
                    bootMillis, settings.jvmArgs().isEmpty() ? "none" : String.join(" ", settings.jvmArgs())));
            Map<Mode, Target> targets = Map.of(Mode.HTTP, overHttp(http, URI.create(base + "/api/v1/inbound"), token));
            ServerMetrics metrics = new ServerMetrics(http, base, token, temas.pid(), postmaster(jdbc));
            HikariDataSource sampling = database;
            // The sampler's own connection; the pool it would watch is the jar's, which the metrics report shows.
            drive(jdbc, targets, metrics, () -> WaitSampler.start(settings.sampleMillis() > 0 ? sampling : null, null,
                    settings.sampleMillis()), () -> AgentsResolving.start(http, base, token, jdbc, settings.resolutions()));
        } finally {
            if (sms != null) {
                out.printf("The SMS provider took %,d sends%n", sms.taken());
                sms.close();
            }
            if (database != null) {
                database.close();
            }
            temas.destroy();
            if (!temas.waitFor(120, TimeUnit.SECONDS)) {
                temas.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            if (temas.exitValue() != 0 && temas.exitValue() != 143) {
                out.printf("Temas ended with exit %d; its log: %s%n", temas.exitValue(), log);
            } else {
                Files.deleteIfExists(log);
            }
            if (!given) {
                delete(data);
            }
        }
    }

    /** A small pool of the driver's own on the jar's embedded PostgreSQL (port from postmaster.pid, password from its file). */
    private static HikariDataSource database(Path data) throws IOException {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres");
        database.setUsername("postgres");
        database.setPassword(Files.readString(data.resolve("postgres-password")).strip());
        database.setMaximumPoolSize(2);
        database.setPoolName("bench-driver");
        return database;
    }

    /** The embedded PostgreSQL's postmaster: the parent of a backend. */
    private static long postmaster(JdbcClient jdbc) {
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Warm-up, then the measured rounds, each with the server's own account before and after; then the reports. */
    private void drive(JdbcClient jdbc, Map<Mode, Target> targets, ServerMetrics metrics, Supplier<WaitSampler> sampling,
                       Supplier<AgentsResolving> agents) throws InterruptedException {
        Traffic traffic = new Traffic(settings.seed(), Long.toString(System.currentTimeMillis(), 36), settings.mix(), settings.senders());
        List<PhaseResult> results = new ArrayList<>();
        for (Mode mode : settings.modes()) {
            if (settings.warmup() > 0) {
                PhaseResult result = phase("warm-up", mode, targets.get(mode), traffic, settings.warmup(), jdbc, null, agents);
                results.add(result);
                progress(result);
            }
        }
        List<String> accounts = new ArrayList<>();
        if (settings.statements() > 0) {
            jdbc.sql("create extension if not exists pg_stat_statements").update();
        }
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Mode mode : settings.modes()) {
                if (settings.statements() > 0) {
                    jdbc.sql("select pg_stat_statements_reset()").query().singleValue();
                }
                Writes writesBefore = Writes.read(jdbc);
                Map<String, Long> pagesBefore = pagesByRelation(jdbc);
                ServerMetrics.Snapshot before = metrics.snapshot();
                PhaseResult result = phase(settings.rounds() == 1 ? "measured" : "round " + round, mode, targets.get(mode), traffic,
                        settings.messages(), jdbc, sampling, agents);
                ServerMetrics.Snapshot after = metrics.snapshot();
                Writes writesAfter = Writes.read(jdbc);
                Map<String, Long> pagesAfter = pagesByRelation(jdbc);
                results.add(result);
                progress(result);
                java.io.ByteArrayOutputStream account = new java.io.ByteArrayOutputStream();
                try (PrintStream into = new PrintStream(account, true, StandardCharsets.UTF_8)) {
                    metrics.print(into, result.phase() + " " + result.mode().label, result.ok(), before, after);
                    writesAfter.printSince(writesBefore, into, result.ok());
                    printPagesByRelation(into, pagesBefore, pagesAfter, result.ok());
                    if (settings.statements() > 0) {
                        statements(into, jdbc, result.ok());
                    }
                }
                accounts.add(account.toString(StandardCharsets.UTF_8));
            }
        }
        report(results);
        breakdown(results);
        accounts.forEach(out::print);
        if (settings.resolutions() > 0) {
            order(jdbc);
        }
        tables(jdbc);
    }

    /**
     * Whether freed room went to those who waited longest: of the conversations given an agent as they opened (assigned when
     * they were acknowledged, so not by a later offer), how many passed over an older conversation of the same queue and
     * channel that was still waiting then and the same agent could have taken (its required skills among the agent's), and
     * how long the oldest one passed over had waited. One that arrived a moment earlier may still have been in a batch that
     * had not committed, and no opening can see it; one that had waited over a second was passed over. The demo data's
     * conversations, dated in the past and assigned as they are written, are no openings and not counted.
     */
    private void order(JdbcClient jdbc) {
        var row = jdbc.sql("""
                        with opened as (
                            select c.id, c.queue_id, c.channel, c.created_at, c.assigned_at, a.skills from conversations c
                            join agents a on a.id = c.assignee_id
                            where c.assigned_at = c.last_ack_at and c.assigned_at < c.created_at + interval '1 second'),
                        passes as (
                            select (select max(extract(epoch from o.assigned_at - w.created_at)) from conversations w
                                    where w.queue_id = o.queue_id and w.channel = o.channel and w.created_at < o.created_at
                                      and (w.assignee_id is null or w.assigned_at > o.assigned_at)
                                      and (w.resolved_at is null or w.resolved_at > o.assigned_at)
                                      and w.required_skills <@ o.skills) as waited
                            from opened o)
                        select count(*), count(waited), count(*) filter (where waited > 1),
                               coalesce(percentile_cont(0.5) within group (order by waited), 0), coalesce(max(waited), 0)
                        from passes""")
                .query((rs, n) -> new double[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5)})
                .single();
        out.printf("%nOrder of the queues: %,d conversations were given an agent as they opened, %,d of them (%.1f %%) while an"
                        + " older one the agent could take still waited in the same queue on the same channel, %,d (%.1f %%) while one"
                        + " had waited over a second; the oldest passed over had waited %.1f s (median), %.1f s at most%n",
                (long) row[0], (long) row[1], percent(row[1], row[0]), (long) row[2], percent(row[2], row[0]), row[3], row[4]);
    }

    private static double percent(double part, double whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
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
                              Supplier<WaitSampler> sampling, Supplier<AgentsResolving> agents) throws InterruptedException {
        traffic.replyTargets(replyTargets(jdbc));
        long messagesBefore = jdbc.sql("select count(*) from messages").query(Long.class).single();
        List<LoadMessage> batch = traffic.next(count);
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1);
        long[] began = new long[count];
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        boolean open = settings.rate() > 0;
        Semaphore inFlight = new Semaphore(open ? settings.maxInFlight() : settings.concurrency());
        long interval = open ? 1_000_000_000L / settings.rate() : 0;
        long deadline = System.nanoTime() + settings.maxPhase().toNanos();
        boolean timedOut = false;
        int sent = 0;
        int late = 0;
        WaitSampler sampler = sampling == null ? null : sampling.get();
        AgentsResolving resolving = agents.get();
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                long due;
                if (open) {
                    // Open loop: the message is due at its slot whatever earlier ones did; its latency counts from then.
                    due = start + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!inFlight.tryAcquire()) {
                        inFlight.acquire();
                    }
                    if (System.nanoTime() - due > LATE_NANOS) {
                        late++;
                    }
                } else {
                    inFlight.acquire();
                    due = 0;
                }
                int index = i;
                LoadMessage message = batch.get(i);
                sent++;
                threads.execute(() -> {
                    try {
                        long t0 = open ? due : System.nanoTime();
                        began[index] = t0;
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
        if (resolving != null) {
            resolving.close();
            out.printf("  %-9s agents resolved %,d conversations, %.1f a second (%d refused)%n", name, resolving.resolved(),
                    resolving.resolved() / (nanos / 1e9), resolving.refused());
        }
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
                sortedAll(kinds), List.copyOf(errors), timedOut, messagesBefore, waits, late,
                Tail.of(latencies, began, sent, start, startedAt));
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

    private void header(JdbcClient jdbc, String temas) {
        String postgres = jdbc.sql("show server_version").query(String.class).single();
        out.printf("%nTemas pipeline load driver%n");
        out.printf("  driver JVM %s (%s), %d processors, max heap %d MiB; load average %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), loadAverage());
        out.printf("  Temas %s%n", temas);
        out.printf("  PostgreSQL %s (embedded), %,d messages in the database%n", postgres,
                jdbc.sql("select count(*) from messages").query(Long.class).single());
        out.printf("  messages %d per phase, warm-up %d per mode, rounds %d, %s, modes %s, seed %d%n",
                settings.messages(), settings.warmup(), settings.rounds(), settings.load(),
                settings.modes().stream().map(m -> m.label).toList(), settings.seed());
        out.printf("  shape %s%n%n", settings.shape());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private void progress(PhaseResult r) {
        out.printf("  %-9s %-10s %7d msgs %9.1f msg/s  p50 %7.1f ms  p99 %7.1f ms%s%n", r.phase(), r.mode().label, r.ok(),
                r.throughput(), millis(percentile(r.latencies(), 50)), millis(percentile(r.latencies(), 99)),
                (r.failed() > 0 ? "  (" + r.failed() + " failed)" : "") + (r.late() > 0 ? "  (" + r.late() + " sent late)" : ""));
    }

    private void report(List<PhaseResult> results) {
        out.printf("%nResults (latency = until the call returned, i.e. the message was committed, %s;"
                + " db msgs = rows in messages, inbound and acknowledgements, before the phase)%n",
                settings.rate() > 0 ? "counted from the moment the message was due (open loop)" : "counted from the call");
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
            Tail tail = r.tail();
            out.printf("Messages over %d ms: %d (%.2f %%), sent in %d of the phase's %d seconds%n", Tail.SLOW_MILLIS, tail.over(),
                    r.ok() == 0 ? 0 : 100.0 * tail.over() / r.ok(), tail.seconds(), tail.span());
            for (Tail.Second s : tail.worst()) {
                out.printf("  %s UTC  %5d of %5d over, slowest %8.1f ms%n", s.clock(), s.slow(), s.sent(), s.worst());
            }
            if (r.waits() != null && r.waits().samples() > 0) {
                WaitSampler.Picture w = r.waits();
                out.printf("Database sessions of %s %s, %d samples: on average %.1f active%s%n", r.phase(), r.mode().label, w.samples(),
                        w.activeSessions(), settings.target() == Where.JAR ? ""
                                : String.format(", %.1f callers waiting for a pooled connection", w.waitingForConnection()));
                for (Map.Entry<String, Double> e : WaitSampler.top(w, 8)) {
                    out.printf("  %-40s %5.1f sessions (%4.1f%%)%n", e.getKey(), e.getValue(),
                            w.activeSessions() == 0 ? 0 : 100 * e.getValue() / w.activeSessions());
                }
            }
        }
    }

    /**
     * What the database wrote to its write-ahead log, which every commit waits to reach the disk (pg_stat_wal): records,
     * whole pages (a page's first change after a checkpoint is logged whole), bytes, and the checkpoints that began; and
     * the pages its statements found in its shared buffers and those it had to read in (pg_stat_database); and the size
     * of the database on disk.
     */
    record Writes(long records, long fullPages, long bytes, long checkpoints, long hits, long reads, long size) {

        static Writes read(JdbcClient jdbc) {
            return jdbc.sql("select w.wal_records, w.wal_fpi, w.wal_bytes::bigint, c.num_timed + c.num_requested, d.blks_hit, d.blks_read, "
                            + "pg_database_size(current_database()) "
                            + "from pg_stat_wal w, pg_stat_checkpointer c, pg_stat_database d where d.datname = current_database()")
                    .query((rs, n) -> new Writes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7))).single();
        }

        void printSince(Writes before, PrintStream into, int messages) {
            long bytes = this.bytes - before.bytes;
            into.printf("  WAL (pg_stat_wal): %.1f KB a message, %.1f records and %.2f whole pages a message, %d checkpoints began%n",
                    bytes / 1024.0 / messages, (double) (records - before.records) / messages,
                    (double) (fullPages - before.fullPages) / messages, checkpoints - before.checkpoints);
            into.printf("  pages (pg_stat_database): %.1f found in shared buffers and %.2f read in a message; the database grew by"
                            + " %.1f KB a message, to %,d MB%n", (double) (hits - before.hits) / messages,
                    (double) (reads - before.reads) / messages, (size - before.size) / 1024.0 / messages, size / (1024 * 1024));
        }
    }

    /**
     * The pages each table and each index was read or written through (found in shared buffers or read in), from
     * pg_statio_user_tables and pg_statio_user_indexes: a new row costs a descent into every index it goes into, and a
     * row updated other than in place goes into them all again.
     */
    private static Map<String, Long> pagesByRelation(JdbcClient jdbc) {
        Map<String, Long> pages = new HashMap<>();
        jdbc.sql("select relname, coalesce(heap_blks_hit, 0) + coalesce(heap_blks_read, 0) from pg_statio_user_tables "
                        + "union all select relname || ' ' || indexrelname, idx_blks_hit + idx_blks_read from pg_statio_user_indexes")
                .query((ResultSet rs) -> {
                    pages.put(rs.getString(1), rs.getLong(2));
                });
        return pages;
    }

    private static void printPagesByRelation(PrintStream into, Map<String, Long> before, Map<String, Long> after, int messages) {
        List<Map.Entry<String, Long>> grown = after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .toList();
        long total = grown.stream().mapToLong(Map.Entry::getValue).sum();
        into.printf("  pages by table and index (pg_statio_user_tables, pg_statio_user_indexes): %.1f a message%n",
                (double) total / messages);
        grown.stream().limit(30).forEach(e -> into.printf("    %8.2f a message  %s%n", (double) e.getValue() / messages, e.getKey()));
    }

    /**
     * The phase's costliest statements as the database counted them (each top-level statement with what it set off:
     * triggers, foreign-key checks), per message; the driver's own look-ups left out. Time is the time in the executor,
     * waits for locks and for the CPU included; planning is counted apart: a statement the server has no plan for, each
     * time it is sent (a text not prepared on its connection), is planned again.
     */
    private void statements(PrintStream into, JdbcClient jdbc, int messages) {
        String notTheDrivers = "query not like '%pg_stat_activity%' and query not like '%pg_stat_statements%'"
                + " and query not like '%pg_stat_user_tables%' and query <> 'select count(*) from messages'";
        List<Map<String, Object>> rows = jdbc.sql("select calls, total_exec_time as ms, max_exec_time as most, rows, plans, "
                + "total_plan_time as plan_ms, wal_bytes, shared_blks_hit + shared_blks_read as pages, "
                + "regexp_replace(query, '\\s+', ' ', 'g') as q from pg_stat_statements where toplevel and " + notTheDrivers
                + " order by total_exec_time desc limit " + settings.statements())
                .query().listOfRows();
        Map<String, Object> all = jdbc.sql("select coalesce(sum(calls), 0) as calls, coalesce(sum(total_exec_time), 0) as ms, "
                + "coalesce(sum(plans), 0) as plans, coalesce(sum(total_plan_time), 0) as plan_ms "
                + "from pg_stat_statements where toplevel and " + notTheDrivers).query().singleRow();
        double total = ((Number) all.get("ms")).doubleValue();
        into.printf("  statements (pg_stat_statements): %.1f a message, %.3f ms of execution a message; %.1f plans a message, "
                        + "%.3f ms of planning a message%n", ((Number) all.get("calls")).doubleValue() / messages, total / messages,
                ((Number) all.get("plans")).doubleValue() / messages, ((Number) all.get("plan_ms")).doubleValue() / messages);
        into.printf("  %10s %9s %9s %9s %7s %9s %9s %9s %9s  %s%n", "per msg", "mean ms", "max ms", "ms/msg", "share", "rows/call",
                "plans/call", "WAL B/msg", "pages/msg", "statement");
        for (Map<String, Object> row : rows) {
            long calls = ((Number) row.get("calls")).longValue();
            double ms = ((Number) row.get("ms")).doubleValue();
            String query = (String) row.get("q");
            into.printf("  %10.3f %9.3f %9.1f %9.3f %6.1f%% %9.1f %9.2f %9.0f %9.1f  %s%n", (double) calls / messages, ms / calls,
                    ((Number) row.get("most")).doubleValue(), ms / messages,
                    total == 0 ? 0 : 100 * ms / total, ((Number) row.get("rows")).doubleValue() / calls,
                    ((Number) row.get("plans")).doubleValue() / calls, ((Number) row.get("wal_bytes")).doubleValue() / messages,
                    ((Number) row.get("pages")).doubleValue() / messages, query.length() > 150 ? query.substring(0, 150) + "…" : query);
        }
    }

    /**
     * Row counts of every table, and how the tables were read: sequential scans, and the rows they
     * read, point at a missing index or at a plan made while the table was nearly empty; and its
     * updates, with those made in place (HOT: the new version on the same page, no index touched).
     */
    private void tables(JdbcClient jdbc) {
        List<String> names = jdbc.sql("select tablename from pg_tables where schemaname = 'public' order by tablename")
                .query(String.class).list();
        out.printf("%nDatabase afterwards%n");
        String format = "%-28s %10s %12s %16s %14s %12s %12s%n";
        out.printf(format, "table", "rows", "seq scans", "rows they read", "index scans", "updates", "in place");
        for (String table : names) {
            long rows = jdbc.sql("select count(*) from \"" + table.replace("\"", "\"\"") + "\"").query(Long.class).single();
            Map<String, Object> stats = jdbc.sql("select coalesce(seq_scan, 0) as seq, coalesce(seq_tup_read, 0) as seq_rows, "
                            + "coalesce(idx_scan, 0) as idx, n_tup_upd as upd, n_tup_hot_upd as hot "
                            + "from pg_stat_user_tables where schemaname = 'public' and relname = ?")
                    .param(table).query().singleRow();
            out.printf(format, table, rows, stats.get("seq"), stats.get("seq_rows"), stats.get("idx"), stats.get("upd"), stats.get("hot"));
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
