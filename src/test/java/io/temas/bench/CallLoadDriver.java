package io.temas.bench;

import io.temas.channels.WebhookSignatures;
import io.temas.support.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call centre measured as users run it: call events from a PBX to the screen pop on the agent's
 * console. It starts the packaged jar ({@code java -jar target/temas-*.jar}) as a process of its own
 * on a fresh durable data directory with the demo organisation, a generated CTI webhook secret
 * ({@code --temas.cti.webhook-secret}), admin password and API token. Through the admin API it gives
 * each of {@code bench.agents} agents an extension ({@code PUT /api/v1/agents/{id}/extensions});
 * by default the demo's online agents, more are created (agent through the API, console user
 * through the admin console). Each agent signs in to the console (login form with its CSRF token)
 * and keeps its {@code /console/live} event stream open, where the {@code call} events (the pops)
 * arrive.
 *
 * <p>Calls then come in as a PBX reports them, signed CTI events ({@code POST /api/v1/webhooks/cti},
 * {@code X-Temas-Signature: sha256=<hex>}) to the number {@code +908502220000}: each call rings one
 * agent's extension (chosen at random) from a caller number that is new (a new customer) or, for
 * {@code bench.returning} of the calls, one that called before (a returning customer); it is then
 * answered and ended ({@code bench.ring} and {@code bench.talk} seconds later at most, a duration, a
 * cause and for {@code bench.recorded} of them a recording link), or, for {@code bench.missed} of
 * them, ended without an answer. The events leave at a fixed rate, open loop: event {@code i} is
 * due at {@code start + i / rate}, and it is the next event of a call in progress that is due by
 * then, else the ringing of a new call. Each is sent on a virtual thread of its own, and every time
 * is measured from when it was due, not from when it left, so a slow server (or a slow driver)
 * cannot hide latency by delaying the sends behind it. Between the warm-up and the measured phase the
 * driver waits for the warm-up's answers (60 s at most) and moves the whole schedule on by that
 * long, so a backlog left by the cold start is not measured; after the measured phase the calls
 * still in progress are ended on schedule (reported, not measured).
 *
 * <p>Measured: the time from each event's due time to its 2xx answer, by kind (ringing, answered,
 * ended); the time from a ringing event's due time to the arrival of its pop on the ringing agent's
 * stream (matched by the caller's number, which no two calls in progress share), and the pops that
 * never came; the rates sent and answered; failures; the CPU the server JVM and its PostgreSQL
 * processes used ({@code /proc/<pid>/stat}); the database pool's waiting callers and connections in
 * use ({@code hikaricp.connections.pending} and {@code .active}, sampled from the actuator every
 * 250 ms); and the warnings and errors of the server log. With {@code bench.dumps}, thread dumps
 * of the server (virtual threads included) are written to the data directory during the measured
 * phase; with {@code bench.jfr}, a flight recording of the measured phase ({@code settings=profile},
 * {@code measured.jfr} there).
 *
 * <pre>
 * bench.jar          the packaged jar                                  (newest target/temas-*.jar)
 * bench.rate         call events per second, all kinds                 (200)
 * bench.seconds      measured seconds                                  (60)
 * bench.warmup       warm-up seconds before                            (15)
 * bench.agents       agents signed in with an extension; 0: the demo's
 *                    online agents, more are created                   (0)
 * bench.returning    share of calls from a number that called before   (0.2)
 * bench.missed       share of calls ended without an answer            (0.15)
 * bench.recorded     share of answered calls with a recording link     (0.3)
 * bench.ring         most seconds from ringing to answered or ended    (4)
 * bench.talk         most seconds from answered to ended               (15)
 * bench.in-flight    events in flight beyond which one is not sent     (5000)
 * bench.dumps        server thread dumps during the measured phase     (0)
 * bench.jfr          a flight recording of the measured phase          (false)
 * bench.seed         seed of the random choices                        (42)
 * bench.server-args  extra arguments to the jar, space separated       ()
 * </pre>
 */
public final class CallLoadDriver {

    private static final PrintStream OUT = System.out;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NUMBER = "+908502220000";
    private static final String PASSWORD = "temas-demo";
    private static final Pattern STAT = Pattern.compile("\\) \\S+(?: \\S+){10} (\\d+) (\\d+)");

    private final int rate = Integer.getInteger("bench.rate", 200);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 15);
    private final int agentCount = Integer.getInteger("bench.agents", 0);
    private final double returning = Double.parseDouble(System.getProperty("bench.returning", "0.2"));
    private final double missed = Double.parseDouble(System.getProperty("bench.missed", "0.15"));
    private final double recorded = Double.parseDouble(System.getProperty("bench.recorded", "0.3"));
    private final double ring = Double.parseDouble(System.getProperty("bench.ring", "4"));
    private final double talk = Double.parseDouble(System.getProperty("bench.talk", "15"));
    private final int inFlightLimit = Integer.getInteger("bench.in-flight", 5_000);
    private final int dumps = Integer.getInteger("bench.dumps", 0);
    private final boolean jfr = Boolean.getBoolean("bench.jfr");
    private final Random random = new Random(Long.getLong("bench.seed", 42));
    private final String ctiSecret = PackagedJar.secret();
    private final String apiToken = PackagedJar.secret();
    private final String adminPassword = PackagedJar.secret();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Ringing events sent whose pop has not arrived, by caller number. */
    private final Map<String, Ring> ringing = new ConcurrentHashMap<>();
    private final AtomicInteger unmatchedPops = new AtomicInteger();
    private final AtomicInteger wrongAgent = new AtomicInteger();
    private final AtomicInteger streamsEnded = new AtomicInteger();
    private final List<Agent> agents = new ArrayList<>();
    /** Numbers that called before and have no call in progress. */
    private final List<String> idleNumbers = new ArrayList<>(List.of("+905321112233", "+905334445566", "+994501234567"));
    private long nextNumber;
    private long calls;
    private String base;
    private int port;
    private Process temas;
    private Path data;

    public static void main(String[] args) throws Exception {
        new CallLoadDriver().run();
    }

    enum Kind {
        RINGING, ANSWERED, ENDED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Agent(String id, String username, String extension) {
    }

    /** A call in progress, as the PBX would see it. */
    private static final class Call {
        final String id;
        final String from;
        final Agent agent;
        final boolean answers;
        final boolean recording;
        long answeredAt;

        Call(String id, String from, Agent agent, boolean answers, boolean recording) {
            this.id = id;
            this.from = from;
            this.agent = agent;
            this.answers = answers;
            this.recording = recording;
        }
    }

    private record Next(Call call, Kind kind, long due) {
    }

    private record Ring(long due, String username, Figures figures) {
    }

    /** One phase's figures (nanoseconds). */
    private static final class Figures {
        final String name;
        final Map<Kind, ConcurrentLinkedQueue<Long>> answered = new EnumMap<>(Kind.class);
        final Map<Kind, AtomicInteger> sent = new EnumMap<>(Kind.class);
        final ConcurrentLinkedQueue<Long> pops = new ConcurrentLinkedQueue<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger ringsAnswered = new AtomicInteger();
        long paused;
        final AtomicLong lastAnswer = new AtomicLong();
        final AtomicLong maxLag = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start;
        long end;

        Figures(String name) {
            this.name = name;
            for (Kind kind : Kind.values()) {
                answered.put(kind, new ConcurrentLinkedQueue<>());
                sent.put(kind, new AtomicInteger());
            }
        }
    }

    private void run() throws Exception {
        Path jar = PackagedJar.jar();
        data = Files.createTempDirectory("temas-call-bench");
        port = PackagedJar.freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of("TEMAS_DATA_DIR", data.toString(), "PORT", Integer.toString(port), "TEMAS_DEMO_DATA", "true",
                "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", adminPassword, "TEMAS_BOOTSTRAP_API_TOKEN", apiToken));
        Path log = data.resolve("temas.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()));
        command.addAll(PackagedJar.options("bench.server-args"));
        OUT.printf("Starting %s on port %d (data %s, log %s)%n  %s%n", jar.getFileName(), port, data, log,
                String.join(" ", command.subList(1, command.size())));
        command.add("--temas.cti.webhook-secret=" + ctiSecret);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long booting = System.nanoTime();
        temas = builder.start();
        try {
            base = "http://127.0.0.1:" + port;
            PackagedJar.awaitHealth(temas, http, base);
            OUT.printf("Healthy after %.1f s; %d processors; load average %s%n", (System.nanoTime() - booting) / 1e9,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            setUpAgents();
            listen();
            double perCall = 3 * (1 - missed) + 2 * missed;
            OUT.printf("%n%d call events/s open loop (about %.0f calls/s), %d s warm-up, %d s measured; %d agents; %.0f %% returning callers, "
                            + "%.0f %% missed, %.0f %% of answered calls recorded; ringing ≤ %.0f s, talking ≤ %.0f s%n",
                    rate, rate / perCall, warmup, seconds, agents.size(), returning * 100, missed * 100, recorded * 100, ring, talk);
            traffic();
            OUT.printf("%nStreams ended by the server %d of %d; pops matching no ringing event %d%n", streamsEnded.get(), agents.size(),
                    unmatchedPops.get());
            OUT.printf("Server at the end: %s; load average %s%n", memory(), loadAverage());
        } finally {
            temas.destroy();
            if (!temas.waitFor(60, TimeUnit.SECONDS)) {
                temas.destroyForcibly();
            }
            serverLog(log);
            senders.shutdownNow();
        }
    }

    // ---- agents --------------------------------------------------------------------------------

    /** The demo's online agents (and more, created, up to {@code bench.agents}), each with an extension of its own. */
    private void setUpAgents() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        api("GET", "/api/v1/agents", null, 200).forEach(all::add);
        List<JsonNode> chosen = new ArrayList<>(all.stream().filter(a -> "online".equalsIgnoreCase(a.path("presence").asString(""))).toList());
        int wanted = agentCount > 0 ? agentCount : chosen.size();
        if (chosen.size() > wanted) {
            chosen = new ArrayList<>(chosen.subList(0, wanted));
        }
        if (chosen.size() < wanted) {
            Console admin = Console.signIn(port, "admin", adminPassword);
            for (int i = chosen.size(); i < wanted; i++) {
                String username = String.format("cagri%03d", i + 1);
                JsonNode agent = api("POST", "/api/v1/agents", """
                        {"username":"%s","displayName":"Çağrı Temsilcisi %d","queues":["Genel"],"presence":"online",
                         "capacity":{"chat":3,"email":10}}""".formatted(username, i + 1), 201);
                Console.Page created = admin.submit("/console/admin/users", "/console/admin/users",
                        Map.of("username", username, "displayName", "Çağrı Temsilcisi " + (i + 1), "role", "agent", "password", PASSWORD));
                if (created.status() != 302) {
                    throw new IllegalStateException("console user " + username + " not created: " + created.status());
                }
                chosen.add(agent);
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            JsonNode agent = chosen.get(i);
            String extension = Integer.toString(2001 + i);
            api("PUT", "/api/v1/agents/" + agent.path("id").asString() + "/extensions", "{\"extensions\":[\"" + extension + "\"]}", 200);
            agents.add(new Agent(agent.path("id").asString(), agent.path("username").asString(), extension));
        }
        OUT.printf("Agents with extensions: %s%n", String.join(", ", agents.stream().map(a -> a.username() + " " + a.extension()).toList()));
    }

    /** Signs every agent in to the console and opens their live stream; answers once each has said hello. */
    private void listen() throws Exception {
        CountDownLatch hello = new CountDownLatch(agents.size());
        for (Agent agent : agents) {
            Console console = Console.signIn(port, agent.username(), PASSWORD);
            Thread.ofPlatform().daemon().name("live-" + agent.username()).start(() -> {
                try (Stream<String> lines = console.stream("/console/live")) {
                    String event = "message";
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        long at = System.nanoTime();
                        if (line.isEmpty()) {
                            event = "message";
                        } else if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            if ("hello".equals(event)) {
                                hello.countDown();
                            } else if ("call".equals(event)) {
                                pop(agent, line.substring(5).strip(), at);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    OUT.println("  stream of " + agent.username() + " failed: " + e);
                } finally {
                    streamsEnded.incrementAndGet();
                }
            });
        }
        if (!hello.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every agent's live stream opened within 60 s");
        }
        OUT.printf("%d agents signed in, their /console/live streams open%n", agents.size());
    }

    private void pop(Agent agent, String data, long at) {
        String from = JSON.readTree(data).path("from").asString("");
        Ring ring = ringing.remove(from);
        if (ring == null) {
            unmatchedPops.incrementAndGet();
            return;
        }
        if (!ring.username().equals(agent.username())) {
            wrongAgent.incrementAndGet();
        }
        ring.figures().pops.add(at - ring.due());
    }

    // ---- traffic -------------------------------------------------------------------------------

    /** The warm-up, the measured phase and the end of the calls still in progress, one schedule throughout. */
    private void traffic() throws Exception {
        Figures warm = new Figures("warm-up");
        Figures measured = new Figures("measured");
        Figures drain = new Figures("calls ending");
        PriorityQueue<Next> next = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long warmSlots = (long) warmup * rate;
        long slots = warmSlots + (long) seconds * rate;
        long start = System.nanoTime();
        warm.start = start;
        measured.start = start + warmSlots * interval;
        Sampler sampler = null;
        Sampler.Picture pool = null;
        long cpu = 0;
        long postgres = 0;
        long measuredAt = 0;
        List<Long> dumpAt = new ArrayList<>();
        for (int d = 1; d <= dumps; d++) {
            dumpAt.add(measured.start + TimeUnit.SECONDS.toNanos(seconds) * d / (dumps + 1));
        }
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            boolean draining = i >= slots;
            if (draining && next.isEmpty()) {
                break;
            }
            Figures figures = i < warmSlots ? warm : draining ? drain : measured;
            if (i == warmSlots && i > 0) {
                // The warm-up's answers come in before the measured phase starts, so a backlog of the cold start is not measured;
                // the schedule (the calls in progress too) moves on by the time that took.
                long pause = System.nanoTime();
                long deadline = pause + TimeUnit.SECONDS.toNanos(60);
                while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                pause = Math.max(0, System.nanoTime() - due);
                warm.paused = pause;
                start += pause;
                due += pause;
                List<Next> shifted = new ArrayList<>();
                for (Next n : next) {
                    shifted.add(new Next(n.call(), n.kind(), n.due() + pause));
                    if (n.kind() == Kind.ENDED && n.call().answeredAt != 0) {
                        n.call().answeredAt += pause;
                    }
                }
                next.clear();
                next.addAll(shifted);
                measured.start = due;
                for (int d = 0; d < dumpAt.size(); d++) {
                    dumpAt.set(d, dumpAt.get(d) + pause);
                }
            }
            if (i == warmSlots) {
                warm.end = due;
                sampler = new Sampler();
                if (jfr) {
                    Thread.ofVirtual().start(() -> jcmd("JFR.start", "name=bench", "settings=profile",
                            "filename=" + data.resolve("measured.jfr")));
                }
                cpu = ticks(temas.pid());
                postgres = postgresTicks();
                measuredAt = System.nanoTime();
            }
            if (i == slots) {
                measured.end = due;
                drain.start = due;
                pool = sampler.stop();
                cpu = ticks(temas.pid()) - cpu;
                postgres = postgresTicks() - postgres;
                measuredAt = System.nanoTime() - measuredAt;
                if (jfr) {
                    Thread.ofVirtual().start(() -> jcmd("JFR.stop", "name=bench"));
                }
            }
            if (!dumpAt.isEmpty() && due >= dumpAt.getFirst()) {
                dumpAt.removeFirst();
                int n = dumps - dumpAt.size();
                Thread.ofVirtual().start(() -> dump(n));
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            figures.maxLag.accumulateAndGet(System.nanoTime() - due, Math::max);
            Next head = next.peek();
            if (head != null && head.due() <= due) {
                next.poll();
                send(figures, head.call(), head.kind(), due, next);
            } else if (!draining) {
                Call call = newCall();
                if (send(figures, call, Kind.RINGING, due, next)) {
                    long ringFor = nanos(0.5 + random.nextDouble() * Math.max(0, ring - 0.5));
                    next.add(new Next(call, call.answers ? Kind.ANSWERED : Kind.ENDED, due + ringFor));
                }
            }
        }
        drain.end = System.nanoTime();
        if (measured.end == 0) {
            // No call was still in progress at the end of the measured phase.
            measured.end = drain.end;
            drain.start = drain.end;
            pool = sampler.stop();
            cpu = ticks(temas.pid()) - cpu;
            postgres = postgresTicks() - postgres;
            measuredAt = System.nanoTime() - measuredAt;
        }
        awaitAnswers();
        OUT.printf("%n  warm-up: %s; its last answer %.1f s after its end%n", brief(warm), warm.paused / 1e9);
        OUT.printf("  the calls in progress at the end, ended afterwards (%.1f s): %s%n", (drain.end - drain.start) / 1e9, brief(drain));
        print(measured, pool, cpu, postgres, measuredAt);
    }

    private Call newCall() {
        calls++;
        String from;
        if (!idleNumbers.isEmpty() && random.nextDouble() < returning) {
            int pick = random.nextInt(idleNumbers.size());
            from = idleNumbers.get(pick);
            idleNumbers.set(pick, idleNumbers.getLast());
            idleNumbers.removeLast();
        } else {
            // A new customer: a Turkish mobile number no earlier call has used (each run has a fresh database).
            from = String.format("+9053%08d", nextNumber++);
        }
        Agent agent = agents.get(random.nextInt(agents.size()));
        boolean answers = random.nextDouble() >= missed;
        return new Call("bench-" + run + "-" + calls, from, agent, answers, answers && random.nextDouble() < recorded);
    }

    /** Sends one event of a call due at {@code due} on a thread of its own, and schedules what follows; false when not sent. */
    private boolean send(Figures figures, Call call, Kind kind, long due, PriorityQueue<Next> next) {
        if (inFlight.get() >= inFlightLimit) {
            figures.skipped.incrementAndGet();
            if (kind != Kind.RINGING) {
                idleNumbers.add(call.from);
            }
            return false;
        }
        StringBuilder body = new StringBuilder("{\"callId\":\"").append(call.id).append("\",\"event\":\"").append(kind.code())
                .append("\",\"from\":\"").append(call.from).append("\",\"to\":\"").append(NUMBER).append("\",\"extension\":\"")
                .append(call.agent.extension()).append("\",\"at\":\"").append(Instant.now()).append('"');
        switch (kind) {
            case RINGING -> ringing.put(call.from, new Ring(due, call.agent.username(), figures));
            case ANSWERED -> {
                call.answeredAt = due;
                next.add(new Next(call, Kind.ENDED, due + nanos(2 + random.nextDouble() * Math.max(0, talk - 2))));
            }
            case ENDED -> {
                if (call.answers) {
                    body.append(",\"duration\":").append(Math.max(1, Math.round((due - call.answeredAt) / 1e9))).append(",\"cause\":\"normal_clearing\"");
                    if (call.recording) {
                        body.append(",\"recordingUrl\":\"https://pbx.ornek.com.tr/recordings/").append(call.id).append(".wav\"");
                    }
                } else {
                    body.append(",\"duration\":0,\"cause\":\"no_answer\"");
                }
                // The number may call again once its pop has come (so no two calls in progress share a number).
                if (!ringing.containsKey(call.from)) {
                    idleNumbers.add(call.from);
                }
            }
        }
        byte[] bytes = body.append('}').toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/cti")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Temas-Signature", WebhookSignatures.sha256(ctiSecret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        figures.sent.get(kind).incrementAndGet();
        inFlight.incrementAndGet();
        senders.execute(() -> {
            String failure = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                if (response.statusCode() / 100 == 2) {
                    figures.answered.get(kind).add(at - due);
                    figures.lastAnswer.accumulateAndGet(at, Math::max);
                    if (kind == Kind.RINGING) {
                        figures.ringsAnswered.incrementAndGet();
                    }
                } else {
                    failure = response.statusCode() + " " + response.body();
                }
            } catch (IOException | RuntimeException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                failure = "interrupted";
            } finally {
                inFlight.decrementAndGet();
            }
            if (failure != null) {
                figures.failed.incrementAndGet();
                if (figures.failures.size() < 5) {
                    figures.failures.add(kind.code() + ": " + failure);
                }
            }
        });
        return true;
    }

    /** Waits (60 s at most) until every event has its answer and every pop has come (10 s more at most). */
    private void awaitAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ringing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (inFlight.get() > 0) {
            OUT.printf("%n  %d events still unanswered 60 s after the last was sent%n", inFlight.get());
        }
    }

    private static long pending(Figures figures) {
        long sent = figures.sent.values().stream().mapToLong(AtomicInteger::get).sum();
        long answered = figures.answered.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
        return sent - answered - figures.failed.get();
    }

    private void print(Figures figures, Sampler.Picture pool, long cpuTicks, long pgTicks, long elapsed) {
        double length = (figures.end - figures.start) / 1e9;
        int sent = figures.sent.values().stream().mapToInt(AtomicInteger::get).sum();
        long ok = figures.answered.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
        double answeredIn = (figures.lastAnswer.get() - figures.start) / 1e9;
        OUT.printf("%n== %s: %d s at %d events/s offered: sent %,d (%.1f/s; ringing %,d, answered %,d, ended %,d), not sent (%,d in flight) %d%n",
                figures.name, Math.round(length), rate, sent, sent / length, figures.sent.get(Kind.RINGING).get(),
                figures.sent.get(Kind.ANSWERED).get(), figures.sent.get(Kind.ENDED).get(), inFlightLimit, figures.skipped.get());
        OUT.printf("   answered 2xx %,d (%.1f/s until the last answer, %.1f s after the phase's start), failed %d, unanswered %d; "
                        + "the driver's sends were late by %.1f ms at most%n",
                ok, ok / Math.max(answeredIn, length), answeredIn, figures.failed.get(), pending(figures), figures.maxLag.get() / 1e6);
        figures.failures.forEach(f -> OUT.println("   failure: " + f.substring(0, Math.min(300, f.length()))));
        OUT.printf("   %-24s %7s %9s %9s %9s %9s%n", "milliseconds", "n", "p50", "p95", "p99", "max");
        List<Long> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            line("event → 2xx, " + kind.code(), figures.answered.get(kind));
            all.addAll(figures.answered.get(kind));
        }
        line("event → 2xx, all", all);
        line("ringing → pop", figures.pops);
        int rings = figures.sent.get(Kind.RINGING).get();
        OUT.printf("   pops: %,d for %,d ringing events sent (%,d of them answered 2xx): missing %d; on another agent's stream %d (whole run)%n",
                figures.pops.size(), rings, figures.ringsAnswered.get(), rings - figures.pops.size(), wrongAgent.get());
        double seconds = elapsed / 1e9;
        OUT.printf("   server CPU: JVM %.0f %%, PostgreSQL %.0f %% of one core (%d cores); %s; load average %s%n", cpuTicks / ticksPerSecond() / seconds * 100,
                pgTicks / ticksPerSecond() / seconds * 100, Runtime.getRuntime().availableProcessors(), memory(), loadAverage());
        if (pool != null) {
            OUT.printf("   database pool (%d samples): waiting for a connection %.2f on average, %d at most; in use %.1f on average, %d at most%n",
                    pool.samples(), pool.pendingAverage(), pool.pendingMax(), pool.activeAverage(), pool.activeMax());
            if (pool.problem() != null) {
                OUT.println("   (a sample failed: " + pool.problem() + ")");
            }
        }
    }

    private static String brief(Figures figures) {
        int sent = figures.sent.values().stream().mapToInt(AtomicInteger::get).sum();
        long ok = figures.answered.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
        long[] sorted = figures.answered.values().stream().flatMap(ConcurrentLinkedQueue::stream).mapToLong(Long::longValue).sorted().toArray();
        long[] pops = figures.pops.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("sent %,d, 2xx %,d, failed %d, not sent %d; event → 2xx p99 %.1f ms; pops %,d for %,d ringing, p99 %.1f ms", sent,
                ok, figures.failed.get(), figures.skipped.get(), ms(sorted, 99), pops.length, figures.sent.get(Kind.RINGING).get(), ms(pops, 99));
    }

    private static void line(String what, java.util.Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        OUT.printf("   %-24s %,7d %9.1f %9.1f %9.1f %9.1f%n", what, sorted.length, ms(sorted, 50), ms(sorted, 95), ms(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : PipelineLoadDriver.percentile(sorted, p) / 1e6;
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    // ---- the server ----------------------------------------------------------------------------

    /** Samples the database pool's waiting callers and connections in use from the actuator every 250 ms. */
    private final class Sampler {

        record Picture(int samples, double pendingAverage, int pendingMax, double activeAverage, int activeMax, String problem) {
        }

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private int samples;
        private long pending;
        private int pendingMax;
        private long active;
        private int activeMax;
        private volatile String problem;

        Sampler() {
            thread = Thread.ofPlatform().daemon().name("pool-sampler").start(() -> {
                while (running.get()) {
                    try {
                        int p = (int) metric("hikaricp.connections.pending");
                        int a = (int) metric("hikaricp.connections.active");
                        synchronized (this) {
                            samples++;
                            pending += p;
                            pendingMax = Math.max(pendingMax, p);
                            active += a;
                            activeMax = Math.max(activeMax, a);
                        }
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        problem = e.toString(); // the actuator did not answer this time
                    }
                }
            });
        }

        Picture stop() throws InterruptedException {
            running.set(false);
            thread.join(2_000);
            synchronized (this) {
                return new Picture(samples, samples == 0 ? 0 : pending / (double) samples, pendingMax,
                        samples == 0 ? 0 : active / (double) samples, activeMax, problem);
            }
        }
    }

    private double metric(String name) throws Exception {
        JsonNode metric = api("GET", "/actuator/metrics/" + name, null, 200);
        for (JsonNode m : metric.path("measurements")) {
            if ("VALUE".equals(m.path("statistic").asString())) {
                return m.path("value").asDouble();
            }
        }
        return 0;
    }

    /** User and system CPU ticks of one process, from {@code /proc/<pid>/stat}. */
    private static long ticks(long pid) {
        try {
            Matcher stat = STAT.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return stat.find() ? Long.parseLong(stat.group(1)) + Long.parseLong(stat.group(2)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The CPU ticks of the embedded PostgreSQL (its postmaster, named in {@code postmaster.pid} under the data directory, and
     * the processes it started that are alive now).
     */
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

    private static double ticksPerSecond() {
        return 100.0; // USER_HZ on Linux
    }

    /** Writes a thread dump of the server, virtual threads included, to the data directory. */
    private void dump(int n) {
        Path file = data.resolve("threads-" + n + ".txt");
        jcmd("Thread.dump_to_file", "-overwrite", file.toString());
        OUT.printf("   (thread dump %d written to %s)%n", n, file);
    }

    /** Runs one {@code jcmd} command on the server; prints what it says. */
    private void jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(temas.pid())));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            jcmd.waitFor(60, TimeUnit.SECONDS);
            if (command[0].startsWith("JFR")) {
                OUT.println("   (" + said.replace('\n', ' ') + ")");
            }
        } catch (IOException | InterruptedException e) {
            OUT.println("   jcmd " + command[0] + " failed: " + e);
        }
    }

    private String memory() {
        Map<String, String> status = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(temas.pid()), "status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    status.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            // not on Linux, or the process is gone
        }
        return "RSS " + status.getOrDefault("VmRSS", "?") + ", " + status.getOrDefault("Threads", "?") + " threads";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private JsonNode api(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiToken);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Warnings and errors the server logged. */
    private static void serverLog(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> bad = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")).toList();
        OUT.printf("%nServer log %s: %,d lines, %d warnings/errors/exceptions%n", log, lines.size(), bad.size());
        bad.stream().limit(20).forEach(l -> OUT.println("  " + l.substring(0, Math.min(300, l.length()))));
    }

}
