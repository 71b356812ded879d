package io.temas.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.temas.TemasApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Measures the suppression promise under the load users have: a campaign answer on one channel
 * (an SMS keyword acceptance) takes the customer off every other channel's list, here a call
 * list a dialer works on, within 50 ms (p99) of the message's arrival.
 *
 * <p>By default ({@code bench.target=jar}) it starts the packaged jar ({@code java -jar
 * target/temas-*.jar}) as a process of its own on a fresh, durable data directory (fsync and
 * synchronous commit on) with the demo organisation and a generated admin password and API token;
 * {@code bench.target=inprocess} boots the application in the driver's JVM on such a directory
 * instead. The driver reaches the embedded PostgreSQL with the password Temas keeps in its data
 * directory, only to put the call list's customers in place with their consent to commercial calls
 * (set-based inserts, as a CRM import would) and to check entries after answers; everything else goes over HTTP on 127.0.0.1.
 *
 * <p>Set-up: the quiet hours and caps of SMS and voice are turned off (the run must not depend on
 * the time of day), a running campaign with an SMS keyword and the channels SMS and voice is
 * created through the API, and a call list of {@code bench.customers} customers, each with a
 * mobile number. Then, for the whole run:
 * <ul>
 *   <li>the call list's removal stream ({@code GET /api/v1/call-lists/{id}/removals}) is open, as a
 *       dialer that preloads numbers keeps it;</li>
 *   <li>{@code bench.dialers} dialers call {@code POST /api/v1/call-lists/{id}/next} in a loop
 *       ({@code bench.dial-pause-ms} between one dialer's calls), working from the front of the list;</li>
 *   <li>the burst: customers from the end of the list answer {@code KEYWORD EVET} by SMS
 *       ({@code POST /api/v1/inbound}) at {@code bench.answers-per-second};</li>
 *   <li>normal traffic at {@code bench.background-per-second}: e-mail to the demo's three addresses,
 *       SMS, web chat and the web form from many senders, mostly new ones, so most messages open a
 *       conversation ({@link Traffic}).</li>
 * </ul>
 * Both streams are open loop: message {@code i} of a stream is due at {@code start + i / rate} and
 * leaves then on a thread of its own, whether or not earlier ones have been answered; every time is
 * measured from the due time (the message's arrival), so neither a slow server nor a late driver
 * hides latency. First {@code bench.warmup} seconds of warm-up, whose answers are awaited (60 s at
 * most) before the {@code bench.seconds} measured ones start.
 *
 * <p>Measured per acceptance: arrival → 2xx (the removal commits in the response's transaction, so
 * this bounds arrival → gone from the list), arrival → the removal event read from the stream, and
 * 2xx → event; right after each 2xx the entry is looked up (it must not be pending); the 2xx must
 * name the customer the number belongs to. Every number a dialer was handed is checked against the
 * moments acceptances returned: a {@code next} that started after the customer's acceptance had
 * returned and still handed the customer out is a violation. Background messages: arrival → 2xx by
 * channel. After the run it prints the metrics the application exports at
 * {@code /actuator/prometheus} for the inbound pipeline and for suppression, those that exist,
 * with what changed over the measured phase.
 *
 * <pre>
 * bench.target               jar or inprocess                                  (jar)
 * bench.jar                  the packaged jar                                  (newest target/temas-*.jar)
 * bench.answers-per-second   campaign acceptances (SMS keyword) per second     (50)
 * bench.background-per-second other inbound messages per second                (150)
 * bench.seconds              measured seconds                                  (60)
 * bench.warmup               warm-up seconds before                            (15)
 * bench.dialers              dialers calling next meanwhile                    (2)
 * bench.dial-pause-ms        pause between one dialer's calls                  (10)
 * bench.customers            call-list size: the acceptances of the whole run
 *                            from its end, the rest the dialers' part; they
 *                            stop once they have taken all of it               (acceptances + 15000)
 * bench.new-senders          share of background messages from new senders     (0.8)
 * bench.in-flight            requests in flight beyond which one is not sent   (5000)
 * bench.seed                 seed of the background traffic                    (42)
 * bench.jvm-args             jar: JVM options of the Temas process, space
 *                            separated                                         ()
 * bench.server-args          extra arguments to the jar, space separated       ()
 * bench.keep-data            keep the data directory afterwards                (false)
 * </pre>
 */
public final class SuppressionLoadDriver {

    private static final PrintStream OUT = System.out;
    private static final Pattern CUSTOMER = Pattern.compile("\"customerId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STAT = Pattern.compile("\\) \\S+(?: \\S+){10} (\\d+) (\\d+)");
    private static final String SMS_NUMBER = "+908502220000";
    private static final List<String> METRICS = List.of("temas_inbound_messages", "temas_pipeline_step", "temas_pipeline_batch_size",
            "temas_pipeline_latency", "temas_campaigns_suppression");

    private final String target = System.getProperty("bench.target", "jar");
    private final int answerRate = Integer.getInteger("bench.answers-per-second", 50);
    private final int backgroundRate = Integer.getInteger("bench.background-per-second", 150);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 15);
    private final int dialers = Integer.getInteger("bench.dialers", 2);
    private final int dialPause = Integer.getInteger("bench.dial-pause-ms", 10);
    private final int answersInRun = answerRate * (warmup + seconds);
    private final int customers = Integer.getInteger("bench.customers", answersInRun + 15_000);
    /** The front of the list, the dialers' part: they stop once they have taken all of it, so they never reach those who answer. */
    private final int front = customers - answersInRun;
    private final double newSenders = Double.parseDouble(System.getProperty("bench.new-senders", "0.8"));
    private final int inFlightLimit = Integer.getInteger("bench.in-flight", 5_000);
    private final long seed = Long.getLong("bench.seed", 42);
    private final String apiToken = PackagedJar.secret();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();

    private Path data;
    private String base;
    private JdbcClient jdbc;
    private UUID callList;
    private String keyword;
    /** The call list's customers in list order, and their numbers. */
    private final List<UUID> ids = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    /** Index of the next customer to answer, counted from the end of the list. */
    private final AtomicInteger nextAnswer = new AtomicInteger();
    /** When the removal event of a customer was read from the stream. */
    private final Map<UUID, Long> streamed = new ConcurrentHashMap<>();
    /** When each acceptance's 2xx was read. */
    private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();
    /** When each acceptance was due. */
    private final Map<UUID, Long> arrivedAt = new ConcurrentHashMap<>();
    /** Numbers dialers were handed: customer and when the {@code next} call started. */
    private final ConcurrentLinkedQueue<Dialed> dialed = new ConcurrentLinkedQueue<>();
    /** The earliest start of a {@code next} call that handed out each customer. */
    private final Map<UUID, Long> firstDialed = new ConcurrentHashMap<>();
    private final AtomicInteger dialerCalls = new AtomicInteger();
    private final AtomicInteger handedOut = new AtomicInteger();
    private volatile long frontTakenAt;
    private long runStart;
    private final AtomicInteger dialerFailures = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        new SuppressionLoadDriver().run();
    }

    private record Dialed(UUID customer, long started) {
    }

    /** One acceptance: when it was due, when its 2xx came, whether the entry was still pending then, whom the 2xx named. */
    private record Answer(UUID customer, long due, long answered, boolean stillPending, boolean otherCustomer) {
    }

    /** One phase's figures (nanoseconds). */
    private static final class Phase {
        final String name;
        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final Map<String, ConcurrentLinkedQueue<Long>> background = new ConcurrentHashMap<>();
        final AtomicInteger answersSent = new AtomicInteger();
        final AtomicInteger backgroundSent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicLong maxLag = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start;
        long end;
        long lastAnswer;

        Phase(String name) {
            this.name = name;
        }

        void failure(String what) {
            failed.incrementAndGet();
            if (failures.size() < 5) {
                failures.add(what.substring(0, Math.min(300, what.length())));
            }
        }
    }

    private void run() throws Exception {
        if (!target.equals("jar") && !target.equals("inprocess")) {
            throw new IllegalArgumentException("bench.target is jar or inprocess, not " + target);
        }
        if (answersInRun >= customers) {
            throw new IllegalArgumentException("bench.customers (" + customers + ") must exceed the run's acceptances (" + answersInRun + ")");
        }
        data = Files.createTempDirectory("temas-suppression-bench");
        int dbPort = PackagedJar.freePort();
        int port = PackagedJar.freePort();
        base = "http://127.0.0.1:" + port;
        Process temas = null;
        ConfigurableApplicationContext app = null;
        HikariDataSource pool = null;
        Path log = data.resolve("temas.log");
        List<String> arguments = new ArrayList<>(List.of("--temas.embedded-port=" + dbPort));
        arguments.addAll(PackagedJar.options("bench.server-args"));
        long booting = System.nanoTime();
        try {
            if (target.equals("jar")) {
                Path jar = PackagedJar.jar();
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(PackagedJar.options("bench.jvm-args"));
                command.addAll(List.of("-jar", jar.toString()));
                command.addAll(arguments);
                OUT.printf("Starting %s on port %d (data %s, log %s)%n  %s%n", jar.getFileName(), port, data, log,
                        String.join(" ", command.subList(1, command.size())));
                Map<String, String> env = new HashMap<>(System.getenv());
                env.putAll(Map.of("TEMAS_DATA_DIR", data.toString(), "PORT", Integer.toString(port), "TEMAS_DEMO_DATA", "true",
                        "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", PackagedJar.secret(), "TEMAS_BOOTSTRAP_API_TOKEN", apiToken));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().clear();
                builder.environment().putAll(env);
                temas = builder.start();
                PackagedJar.awaitHealth(temas, http, base);
            } else {
                OUT.printf("Starting the application in this JVM on port %d (data %s)%n", port, data);
                List<String> args = new ArrayList<>(List.of("--temas.data-dir=" + data, "--temas.demo-data=true",
                        "--temas.bootstrap.api-token=" + apiToken, "--temas.bootstrap.admin-password=" + PackagedJar.secret(),
                        "--server.port=" + port, "--server.address=127.0.0.1"));
                args.addAll(arguments);
                app = new SpringApplicationBuilder(TemasApplication.class)
                        .properties(Map.of("spring.main.banner-mode", "off", "logging.level.root", "WARN", "logging.level.org.springdoc", "ERROR",
                                "logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration", "ERROR"))
                        .logStartupInfo(false).run(args.toArray(String[]::new));
            }
            OUT.printf("Healthy after %.1f s; %d processors; JDK %s; load average %s%n", (System.nanoTime() - booting) / 1e9,
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
            pool = database(dbPort);
            jdbc = JdbcClient.create(pool);
            setUp();
            listen();
            runStart = System.nanoTime();
            List<Thread> dialing = dial();
            Traffic traffic = new Traffic(seed, run, new Traffic.Mix(newSenders, 0.05, 0, 0));
            OUT.printf("%n%d acceptances/s and %d other messages/s, open loop; %d s warm-up, %d s measured; %d dialers, %d ms apart%n",
                    answerRate, backgroundRate, warmup, seconds, dialers, dialPause);
            Phase warm = new Phase("warm-up");
            Phase measured = new Phase("measured");
            phase(warm, warmup, traffic);
            long pause = System.nanoTime();
            awaitAnswers(60);
            OUT.printf("Warm-up: %s; its answers were in %.1f s after its end%n", brief(warm), (System.nanoTime() - pause) / 1e9);
            Map<String, Double> before = prometheus();
            long cpu = temas == null ? 0 : ticks(temas.pid());
            long postgres = postgresTicks();
            long cpuFrom = System.nanoTime();
            phase(measured, seconds, traffic);
            awaitAnswers(60);
            double cpuSeconds = (System.nanoTime() - cpuFrom) / 1e9;
            cpu = temas == null ? -1 : ticks(temas.pid()) - cpu;
            postgres = postgresTicks() - postgres;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (measured.answers.stream().anyMatch(a -> !a.stillPending() && !streamed.containsKey(a.customer()) && !dialedBefore(a))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, Double> after = prometheus();
            dialingDone.set(true);
            for (Thread t : dialing) {
                t.join();
            }
            report(measured);
            OUT.printf("   server CPU over the measured phase and its answers (%.1f s): %s, PostgreSQL %.0f %% of one core; load average %s%n",
                    cpuSeconds, cpu < 0 ? "driver and server share this JVM" : String.format("JVM %.0f %%", cpu / 100.0 / cpuSeconds * 100),
                    postgres / 100.0 / cpuSeconds * 100, loadAverage());
            metrics(before, after);
        } finally {
            dialingDone.set(true);
            if (pool != null) {
                pool.close();
            }
            if (temas != null) {
                temas.destroy();
                if (!temas.waitFor(60, TimeUnit.SECONDS)) {
                    temas.destroyForcibly();
                }
                serverLog(log);
            }
            if (app != null) {
                app.close();
            }
            senders.shutdownNow();
            if (Boolean.getBoolean("bench.keep-data")) {
                OUT.println("Data directory kept: " + data);
            } else {
                FileSystemUtils.deleteRecursively(data);
            }
        }
    }

    private final AtomicBoolean dialingDone = new AtomicBoolean();

    // ---- set-up --------------------------------------------------------------------------------

    /** A small pool on the embedded PostgreSQL, with the password Temas keeps in its data directory. */
    private HikariDataSource database(int dbPort) throws IOException {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://localhost:" + dbPort + "/postgres");
        pool.setUsername("postgres");
        pool.setPassword(Files.readString(data.resolve("postgres-password")).strip());
        pool.setMaximumPoolSize(4);
        pool.setPoolName("bench");
        return pool;
    }

    private void setUp() throws Exception {
        long start = System.nanoTime();
        for (String channel : List.of("voice", "sms")) {
            api("PUT", "/api/v1/contact-rules/" + channel, "{\"capWindowDays\":7}", 200);
        }
        keyword = "BENCH" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        String campaign = field(api("POST", "/api/v1/campaigns", """
                {"name":"Bench %s","code":"%s","offer":"Bench offer","channels":["sms","voice"],"smsKeyword":"%s","status":"running"}"""
                .formatted(keyword, keyword, keyword), 201), "id");
        // The customers the campaign reached: one insert, as an import from a CRM would put them in place.
        List<UUID> identityIds = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ids.add(UUID.randomUUID());
            identityIds.add(UUID.randomUUID());
            phones.add("+90537" + (1_000_000 + i));
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into customers (id, display_name, language, created_at, updated_at)
                        select c, 'Kampanya Müşterisi ' || n, 'tr', ?, ? from unnest(?::uuid[]) with ordinality as t(c, n)""")
                .params(now, now, ids.toArray(UUID[]::new)).update();
        jdbc.sql("""
                        insert into identities (id, customer_id, type, value, original, created_at)
                        select i, c, 'phone', p, p, ? from unnest(?::uuid[], ?::uuid[], ?::text[]) as t(i, c, p)""")
                .params(now, identityIds.toArray(UUID[]::new), ids.toArray(UUID[]::new), phones.toArray(String[]::new)).update();
        // With each customer the consent to commercial calls the CRM recorded: without one (temas.campaigns.require-consent)
        // the dialers' first request would take every entry off the list as "no consent recorded".
        jdbc.sql("""
                        insert into consents (id, customer_id, address, channel, purpose, granted, source, recorded_at)
                        select gen_random_uuid(), c, p, 'voice', 'commercial', true, 'crm import', ? from unnest(?::uuid[], ?::text[]) as t(c, p)""")
                .params(now, ids.toArray(UUID[]::new), phones.toArray(String[]::new)).update();
        StringBuilder list = new StringBuilder("{\"name\":\"bench\",\"customerIds\":[");
        for (int i = 0; i < ids.size(); i++) {
            list.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        long listStart = System.nanoTime();
        callList = UUID.fromString(field(api("POST", "/api/v1/campaigns/" + campaign + "/call-list", list.append("]}").toString(), 201),
                "callListId"));
        double listSeconds = (System.nanoTime() - listStart) / 1e9;
        OUT.printf("Set-up in %.1f s: campaign %s (SMS keyword %s, channels SMS and voice), a call list of %,d customers "
                        + "(built in %.2f s); %,d of them answer from its end, the dialers work from its front%n",
                (System.nanoTime() - start) / 1e9, campaign, keyword, customers, listSeconds, answersInRun);
    }

    /** Opens the call list's removal stream; answers once the server has said it is subscribed. */
    private void listen() throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/call-lists/" + callList + "/removals"))
                .header("Authorization", "Bearer " + apiToken).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the removal stream answered " + stream.statusCode());
        }
        CountDownLatch subscribed = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("removals").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    long now = System.nanoTime();
                    if (line.startsWith(":")) {
                        subscribed.countDown();
                    } else if (line.startsWith("data:")) {
                        Matcher m = CUSTOMER.matcher(line);
                        if (m.find()) {
                            streamed.putIfAbsent(UUID.fromString(m.group(1)), now);
                        }
                    }
                }
                OUT.println("   (the server ended the removal stream)");
            } catch (IOException e) {
                OUT.println("   (the removal stream failed: " + e + ")");
            }
        });
        if (!subscribed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the removal stream did not open");
        }
    }

    private List<Thread> dial() {
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < dialers; d++) {
            threads.add(Thread.ofVirtual().name("dialer-" + d).start(() -> {
                while (!dialingDone.get()) {
                    if (handedOut.get() >= front) {
                        if (frontTakenAt == 0) {
                            frontTakenAt = System.nanoTime();
                        }
                        return;
                    }
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> next = http.send(post("/api/v1/call-lists/" + callList + "/next", ""),
                                HttpResponse.BodyHandlers.ofString());
                        dialerCalls.incrementAndGet();
                        if (next.statusCode() == 200) {
                            Matcher m = CUSTOMER.matcher(next.body());
                            if (m.find()) {
                                UUID customer = UUID.fromString(m.group(1));
                                dialed.add(new Dialed(customer, started));
                                firstDialed.merge(customer, started, Math::min);
                                handedOut.incrementAndGet();
                            }
                        } else if (next.statusCode() != 204) {
                            dialerFailures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        dialerFailures.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(dialPause));
                }
            }));
        }
        return threads;
    }

    // ---- traffic -------------------------------------------------------------------------------

    /** Both streams for {@code duration} seconds, each on its own schedule; returns when the last message has been sent. */
    private void phase(Phase phase, int duration, Traffic traffic) throws InterruptedException {
        phase.start = System.nanoTime();
        phase.end = phase.start + TimeUnit.SECONDS.toNanos(duration);
        Thread answers = Thread.ofPlatform().name("answers").start(() -> schedule(phase, answerRate, duration, due -> answer(phase, due)));
        Thread background = Thread.ofPlatform().name("background").start(() -> schedule(phase, backgroundRate, duration,
                due -> background(phase, traffic.next(1).getFirst(), due)));
        answers.join();
        background.join();
    }

    private void schedule(Phase phase, int rate, int duration, java.util.function.LongConsumer send) {
        if (rate <= 0) {
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * duration;
        for (long i = 0; i < total; i++) {
            long due = phase.start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            phase.maxLag.accumulateAndGet(System.nanoTime() - due, Math::max);
            if (inFlight.get() >= inFlightLimit) {
                phase.skipped.incrementAndGet();
                continue;
            }
            send.accept(due);
        }
    }

    private void answer(Phase phase, long due) {
        int index = customers - 1 - nextAnswer.getAndIncrement();
        UUID customer = ids.get(index);
        String body = """
                {"channel":"sms","entryPoint":"%s","externalId":"bench-%s-answer-%d","from":{"phone":"%s"},"text":"%s EVET"}"""
                .formatted(SMS_NUMBER, run, index, phones.get(index), keyword);
        phase.answersSent.incrementAndGet();
        arrivedAt.put(customer, due);
        inFlight.incrementAndGet();
        senders.execute(() -> {
            try {
                HttpResponse<String> response = http.send(post("/api/v1/inbound", body), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (response.statusCode() / 100 != 2) {
                    phase.failure("answer: " + response.statusCode() + " " + response.body());
                    return;
                }
                acceptedAt.put(customer, answered);
                Matcher named = CUSTOMER.matcher(response.body());
                boolean other = !named.find() || !named.group(1).equals(customer.toString());
                boolean pending = jdbc.sql("select exists (select 1 from call_list_entries where call_list_id = ? and customer_id = ? "
                        + "and status = 'pending')").params(callList, customer).query(Boolean.class).single();
                phase.answers.add(new Answer(customer, due, answered, pending, other));
                synchronized (phase) {
                    phase.lastAnswer = Math.max(phase.lastAnswer, answered);
                }
            } catch (IOException | RuntimeException e) {
                phase.failure("answer: " + e);
            } catch (InterruptedException e) {
                phase.failure("answer: interrupted");
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void background(Phase phase, LoadMessage message, long due) {
        String body = message.json();
        String channel = message.channel().code();
        phase.backgroundSent.incrementAndGet();
        inFlight.incrementAndGet();
        senders.execute(() -> {
            try {
                HttpResponse<String> response = http.send(post("/api/v1/inbound", body), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (response.statusCode() / 100 != 2) {
                    phase.failure(channel + ": " + response.statusCode() + " " + response.body());
                    return;
                }
                phase.background.computeIfAbsent(channel, c -> new ConcurrentLinkedQueue<>()).add(answered - due);
                synchronized (phase) {
                    phase.lastAnswer = Math.max(phase.lastAnswer, answered);
                }
            } catch (IOException | RuntimeException e) {
                phase.failure(channel + ": " + e);
            } catch (InterruptedException e) {
                phase.failure(channel + ": interrupted");
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void awaitAnswers(int limitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (inFlight.get() > 0) {
            OUT.printf("   %d requests still unanswered %d s after the last was sent%n", inFlight.get(), limitSeconds);
        }
    }

    /** Whether a dialer was handed the customer by a call that started before the acceptance was due. */
    private boolean dialedBefore(Answer answer) {
        Long first = firstDialed.get(answer.customer());
        return first != null && first < answer.due();
    }

    // ---- report --------------------------------------------------------------------------------

    private void report(Phase phase) {
        List<Answer> answers = List.copyOf(phase.answers);
        double length = (phase.end - phase.start) / 1e9;
        int sent = phase.answersSent.get() + phase.backgroundSent.get();
        long ok = answers.size() + phase.background.values().stream().mapToLong(Collection::size).sum();
        OUT.printf("%n== measured: %d s, offered %d acceptances/s + %d other messages/s: sent %,d acceptances and %,d others (%.1f/s), "
                        + "not sent (%,d in flight) %d%n", Math.round(length), answerRate, backgroundRate, phase.answersSent.get(),
                phase.backgroundSent.get(), sent / length, inFlightLimit, phase.skipped.get());
        OUT.printf("   answered 2xx %,d (the last %.1f s after the phase's start), failed %d, unanswered %d; the driver's sends were late by "
                        + "%.1f ms at most%n", ok, (phase.lastAnswer - phase.start) / 1e9, phase.failed.get(), sent - ok - phase.failed.get(),
                phase.maxLag.get() / 1e6);
        phase.failures.forEach(f -> OUT.println("   failure: " + f));
        List<Long> toAnswer = new ArrayList<>();
        List<Long> toEvent = new ArrayList<>();
        List<Long> afterAnswer = new ArrayList<>();
        int missing = 0;
        int excused = 0;
        for (Answer a : answers) {
            toAnswer.add(a.answered() - a.due());
            Long event = streamed.get(a.customer());
            if (event != null) {
                toEvent.add(event - a.due());
                afterAnswer.add(event - a.answered());
            } else if (dialedBefore(a)) {
                excused++;
            } else {
                missing++;
            }
        }
        OUT.printf("   %-46s %7s %8s %8s %8s %8s %8s%n", "milliseconds from arrival (the due time)", "n", "p50", "p95", "p99", "max", "≤ 50 ms");
        line("acceptance → 2xx (removal committed)", toAnswer, true);
        line("acceptance → removal event at the dialer", toEvent, true);
        line("2xx → removal event (negative: before)", afterAnswer, false);
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, ConcurrentLinkedQueue<Long>> channel : new TreeMap<>(phase.background).entrySet()) {
            line("other message → 2xx, " + channel.getKey(), channel.getValue(), true);
            all.addAll(channel.getValue());
        }
        line("other message → 2xx, all", all, true);
        long pending = answers.stream().filter(Answer::stillPending).count();
        long other = answers.stream().filter(Answer::otherCustomer).count();
        OUT.printf("   entries still pending right after the 2xx: %d; 2xx naming another customer: %d; removal events missing: %d "
                + "(and %d for entries a dialer had been handed before the answer arrived)%n", pending, other, missing, excused);
        int violations = 0;
        int answerers = 0;
        int inRace = 0;
        for (Dialed d : dialed) {
            Long arrived = arrivedAt.get(d.customer());
            if (arrived == null) {
                continue;
            }
            answerers++;
            Long accepted = acceptedAt.get(d.customer());
            if (accepted != null && accepted < d.started()) {
                violations++;
            } else if (d.started() >= arrived) {
                inRace++;
            }
        }
        OUT.printf("   dialers (whole run): %,d calls, %d failed, %,d numbers handed out; of them %d were customers who answered "
                        + "(%d by a call started between the answer's arrival and its 2xx); handed out after the acceptance returned: %d%n",
                dialerCalls.get(), dialerFailures.get(), dialed.size(), answerers, inRace, violations);
        if (frontTakenAt != 0) {
            OUT.printf("   the dialers had taken their whole part of the list (%,d numbers) %.1f s after the warm-up's start and stopped%n",
                    front, (frontTakenAt - runStart) / 1e9);
        }
    }

    private static String brief(Phase phase) {
        long[] answers = phase.answers.stream().mapToLong(a -> a.answered() - a.due()).sorted().toArray();
        long[] others = phase.background.values().stream().flatMap(Collection::stream).mapToLong(Long::longValue).sorted().toArray();
        return String.format("sent %,d acceptances and %,d others, failed %d, not sent %d; acceptance → 2xx p99 %.1f ms, others p99 %.1f ms",
                phase.answersSent.get(), phase.backgroundSent.get(), phase.failed.get(), phase.skipped.get(), ms(answers, 99), ms(others, 99));
    }

    private static void line(String what, Collection<Long> values, boolean share) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        long within = java.util.Arrays.stream(sorted).filter(v -> v <= TimeUnit.MILLISECONDS.toNanos(50)).count();
        OUT.printf("   %-46s %,7d %8.1f %8.1f %8.1f %8.1f %8s%n", what, sorted.length, ms(sorted, 50), ms(sorted, 95), ms(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                share && sorted.length > 0 ? String.format("%.1f %%", within * 100.0 / sorted.length) : "");
    }

    private static double ms(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : PipelineLoadDriver.percentile(sorted, p) / 1e6;
    }

    // ---- metrics -------------------------------------------------------------------------------

    /** The series of the pipeline's and suppression's metrics, by name with labels. */
    private Map<String, Double> prometheus() {
        Map<String, Double> series = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiToken).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                OUT.println("   /actuator/prometheus answered " + response.statusCode());
                return series;
            }
            for (String line : response.body().split("\n")) {
                if (line.startsWith("#") || line.isBlank() || METRICS.stream().noneMatch(line::startsWith) || line.contains("_bucket")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                try {
                    series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                } catch (NumberFormatException ignored) {
                    // not a sample line
                }
            }
        } catch (IOException | InterruptedException e) {
            OUT.println("   /actuator/prometheus failed: " + e);
        }
        return series;
    }

    /**
     * Prints every series found: counters and timer counts with what they grew by over the measured phase, timers' means over it
     * (the growth of their sum over that of their count), their recent maxima and percentiles as exported.
     */
    private void metrics(Map<String, Double> before, Map<String, Double> after) {
        OUT.printf("%n   Metrics from /actuator/prometheus (Δ: over the measured phase and its answers; max and quantiles: the exporter's "
                + "recent window):%n");
        if (before.isEmpty()) {
            OUT.println("   (no reading before the measured phase: every Δ below is the whole run's)");
        }
        for (String name : METRICS) {
            List<String> keys = after.keySet().stream().filter(k -> k.startsWith(name)).toList();
            if (keys.isEmpty()) {
                OUT.printf("   %-40s (not exported by this build)%n", name);
                continue;
            }
            for (String key : keys.stream().sorted(Comparator.naturalOrder()).toList()) {
                String metric = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
                String labels = key.contains("{") ? key.substring(key.indexOf('{')) : "";
                boolean seconds = metric.contains("_seconds");
                if (metric.endsWith("_count")) {
                    String stem = metric.substring(0, metric.length() - "_count".length());
                    double count = after.get(key);
                    double grew = count - before.getOrDefault(key, 0.0);
                    double sum = after.getOrDefault(stem + "_sum" + labels, Double.NaN) - before.getOrDefault(stem + "_sum" + labels, 0.0);
                    Double max = after.get(stem + "_max" + labels);
                    StringBuilder quantiles = new StringBuilder();
                    for (Map.Entry<String, Double> q : after.entrySet()) {
                        Matcher m = Pattern.compile("quantile=\"([0-9.]+)\"").matcher(q.getKey());
                        if (q.getKey().startsWith(stem + "{") && m.find()
                                && q.getKey().replaceAll(",?quantile=\"[0-9.]+\"", "").replace("{}", "").equals(stem + labels)) {
                            quantiles.append(String.format(" p%s %s", trim(Double.parseDouble(m.group(1)) * 100), value(q.getValue(), seconds)));
                        }
                    }
                    OUT.printf("   %-78s n %,.0f (Δ %,.0f), mean over Δ %s, max %s%s%n", stem + labels, count, grew,
                            grew > 0 ? value(sum / grew, seconds) : "-", max == null ? "-" : value(max, seconds), quantiles);
                } else if (metric.endsWith("_total")) {
                    OUT.printf("   %-78s %,.0f (Δ %,.0f)%n", key, after.get(key), after.get(key) - before.getOrDefault(key, 0.0));
                } else if (!metric.endsWith("_sum") && !metric.endsWith("_max") && !key.contains("quantile=")) {
                    OUT.printf("   %-78s %s%n", key, value(after.get(key), seconds));
                }
            }
        }
    }

    private static String value(double v, boolean seconds) {
        return seconds ? String.format("%.2f ms", v * 1000) : String.format("%.1f", v);
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }

    // ---- the server ----------------------------------------------------------------------------

    /** User and system CPU ticks of one process, from {@code /proc/<pid>/stat}. */
    private static long ticks(long pid) {
        try {
            Matcher stat = STAT.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return stat.find() ? Long.parseLong(stat.group(1)) + Long.parseLong(stat.group(2)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU ticks of the embedded PostgreSQL: its postmaster (named in {@code postmaster.pid}) and the processes it started that are alive. */
    private long postgresTicks() {
        try (Stream<Path> files = Files.walk(data, 4)) {
            Path pidFile = files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).findFirst().orElse(null);
            if (pidFile == null) {
                return 0;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            return ticks(pid) + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).mapToLong(p -> ticks(p.pid())).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Warnings and errors the server logged. */
    private static void serverLog(Path log) throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        List<String> lines = Files.readAllLines(log);
        List<String> bad = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")).toList();
        OUT.printf("%nServer log: %,d lines, %d warnings/errors/exceptions%n", lines.size(), bad.size());
        bad.stream().limit(20).forEach(l -> OUT.println("  " + l.substring(0, Math.min(300, l.length()))));
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    private String api(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
