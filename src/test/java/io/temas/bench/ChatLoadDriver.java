package io.temas.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live chat measured as users run it: the packaged jar ({@code java -jar target/temas-*.jar}) on
 * a fresh durable data directory with the demo organisation, a chat entry point of its own
 * ({@code bench-sohbet}, on a queue without business hours, so always open) created through the admin
 * API, and visitors speaking the public chat API over real HTTP from this process.
 *
 * <ol>
 * <li><b>Idle connections</b>: starts {@code bench.idle} chats ({@code POST /chat/v1/sessions}) and holds
 * one event stream open for each ({@code GET /chat/v1/sessions/{id}/events?token=}), then
 * {@code bench.sockets} more chats on WebSockets; the Java process's resident memory before and after.
 * A connection counts as open once the chat's greeting has arrived on it.</li>
 * <li><b>With the bot</b>: {@code bench.active} of those chats each send a message every
 * {@code bench.every} seconds, spread evenly (open loop); delivery = from sending the POST to the
 * arrival of that message's own event on the chat's open stream; bot answer = from the POST to the
 * arrival of the bot's reply that follows it.</li>
 * <li><b>With a person</b>: the same chats say "temsilci" and are handed over; then the same traffic
 * goes through the inbound pipeline into each conversation (delivery as above), then agents' replies
 * ({@code POST /api/v1/conversations/{id}/messages}) at {@code bench.agent-rate} a second to their
 * arrival on the visitor's stream.</li>
 * </ol>
 * Every event's number is checked on arrival: a number already seen is a repeat, a skipped one a gap.
 *
 * <pre>
 * bench.jar         the packaged jar                              (newest target/temas-*.jar)
 * bench.idle        chats held open on event streams              (10000)
 * bench.sockets     more chats held open on WebSockets            (1000)
 * bench.active      chats that talk                               (1000)
 * bench.every       seconds between one chat's messages           (5)
 * bench.seconds     measured seconds per traffic phase            (60)
 * bench.warmup      warm-up seconds before each traffic phase     (15)
 * bench.agent-rate  agents' replies a second                      (100)
 * bench.settle      seconds the idle connections are held         (30)
 * bench.phases      which phases: idle,bot,agent                  (idle,bot,agent)
 * bench.server-args extra arguments to the jar, space separated   ()
 * </pre>
 */
public final class ChatLoadDriver {

    private static final PrintStream OUT = System.out;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENTRY = "bench-sohbet";
    /** Questions the demo help centre answers, none of them a money matter or a request for a person. */
    private static final String[] QUESTIONS = {
            "Kargomu nasıl takip ederim?", "Teslimat ne kadar sürer?", "Siparişimi nasıl iptal ederim?",
            "Siparişimin teslimat adresini değiştirebilir miyim?", "Yurt dışına gönderim yapıyor musunuz?",
            "Mağazadan teslim al nasıl çalışır?", "Kargo ücreti ne kadar?", "Ürünü nasıl iade ederim?"};

    private final int idle = Integer.getInteger("bench.idle", 10_000);
    private final int sockets = Integer.getInteger("bench.sockets", 1_000);
    private final int active = Integer.getInteger("bench.active", 1_000);
    private final int every = Integer.getInteger("bench.every", 5);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 15);
    private final int agentRate = Integer.getInteger("bench.agent-rate", 100);
    private final int settle = Integer.getInteger("bench.settle", 30);
    private final String phases = System.getProperty("bench.phases", "idle,bot,agent");
    private final String apiToken = PackagedJar.secret();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("client-", 0).factory())).build();
    private final AtomicLong markers = new AtomicLong();
    /** Customer and agent messages sent and not yet seen on their chat's stream, by the number in their text. */
    private final Map<Long, Sent> pending = new ConcurrentHashMap<>();
    private final List<Chat> chats = new ArrayList<>();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicInteger streamsEnded = new AtomicInteger();
    private final AtomicInteger botWithArticles = new AtomicInteger();
    private final AtomicInteger botOther = new AtomicInteger();
    private final AtomicInteger handoffs = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> oddEvents = new ConcurrentLinkedQueue<>();
    private String base;
    private Process temas;

    public static void main(String[] args) throws Exception {
        new ChatLoadDriver().run();
    }

    /** One phase's figures (nanoseconds). */
    private static final class Figures {
        final String name;
        final ConcurrentLinkedQueue<Long> delivery = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> bot = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> post = new ConcurrentLinkedQueue<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        Figures(String name) {
            this.name = name;
        }
    }

    private record Sent(long nanos, Figures figures) {
    }

    /** A visitor's chat and what its stream has shown. */
    private final class Chat {
        final String id;
        final String token;
        long lastId;
        final CompletableFuture<Void> greeted = new CompletableFuture<>();
        final CompletableFuture<String> handedOver = new CompletableFuture<>();
        final ConcurrentLinkedQueue<Sent> awaitingBot = new ConcurrentLinkedQueue<>();

        Chat(String id, String token) {
            this.id = id;
            this.token = token;
        }

        /** One event object from the stream, as it arrived at {@code at}. */
        synchronized void on(String data, long at) {
            JsonNode event = JSON.readTree(data);
            String type = event.path("type").asString("");
            String from = event.path("from").asString("");
            if (event.has("id")) {
                long id = event.path("id").asLong();
                if (id <= lastId) {
                    repeats.incrementAndGet();
                    if (oddEvents.size() < 10) {
                        oddEvents.add("repeat in " + this.id + " after " + lastId + ": " + data);
                    }
                    return;
                }
                if (id != lastId + 1) {
                    gaps.addAndGet(id - lastId - 1);
                    if (oddEvents.size() < 10) {
                        oddEvents.add("gap in " + this.id + " after " + lastId + ": " + data);
                    }
                }
                lastId = id;
            }
            greeted.complete(null);
            if (!"message".equals(type)) {
                if ("handoff".equals(type)) {
                    handoffs.incrementAndGet();
                    handedOver.complete(event.path("conversationId").asString());
                }
                return;
            }
            switch (from) {
                case "customer", "agent" -> {
                    Sent sent = pending.remove(marker(event.path("text").asString("")));
                    if (sent != null) {
                        sent.figures().delivery.add(at - sent.nanos());
                        if ("customer".equals(from) && !handedOver.isDone()) {
                            awaitingBot.add(sent);
                        }
                    }
                }
                case "bot" -> {
                    Sent sent = awaitingBot.poll();
                    if (sent != null) {
                        sent.figures().bot.add(at - sent.nanos());
                        if (event.path("articles").isEmpty()) {
                            botOther.incrementAndGet();
                        } else {
                            botWithArticles.incrementAndGet();
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private void run() throws Exception {
        Path jar = PackagedJar.jar();
        Path data = Files.createTempDirectory("temas-chat-bench");
        int port = PackagedJar.freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of("TEMAS_DATA_DIR", data.toString(), "PORT", Integer.toString(port), "TEMAS_DEMO_DATA", "true",
                "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", PackagedJar.secret(), "TEMAS_BOOTSTRAP_API_TOKEN", apiToken));
        Path log = data.resolve("temas.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--temas.chat.sessions-per-minute=1000000"));
        command.addAll(PackagedJar.options("bench.server-args"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        OUT.printf("Starting %s on port %d (data %s, log %s)%n  %s%n", jar.getFileName(), port, data, log, String.join(" ", command.subList(1, command.size())));
        long booting = System.nanoTime();
        temas = builder.start();
        try {
            base = "http://127.0.0.1:" + port;
            PackagedJar.awaitHealth(temas, http, base);
            OUT.printf("Healthy after %.1f s; load average %s%n", (System.nanoTime() - booting) / 1e9, loadAverage());
            setUp();
            if (phases.contains("idle")) {
                idle();
            } else {
                startChats(Math.max(active, 1), true);
            }
            if (phases.contains("bot")) {
                OUT.printf("%n== With the bot: %d chats, one message each every %d s (%d/s), %d s warm-up, %d s measured; load average %s%n",
                        active, every, active / every, warmup, seconds, loadAverage());
                traffic(new Figures("bot warm-up"), warmup, false);
                traffic(new Figures("bot measured"), seconds, true);
                OUT.printf("  bot replies: %,d with articles, %,d without; repeats %d, gaps %d, streams ended %d%n",
                        botWithArticles.get(), botOther.get(), repeats.get(), gaps.get(), streamsEnded.get());
            }
            if (phases.contains("agent")) {
                handOver();
                OUT.printf("%n== With a person: %d chats handed over, one message each every %d s (%d/s), %d s warm-up, %d s measured; load average %s%n",
                        active, every, active / every, warmup, seconds, loadAverage());
                traffic(new Figures("customer→conversation warm-up"), warmup, false);
                traffic(new Figures("customer→conversation measured"), seconds, true);
                OUT.printf("%n== Agents' replies: %d/s, %d s warm-up, %d s measured; load average %s%n", agentRate, Math.max(5, warmup / 2),
                        seconds, loadAverage());
                replies(new Figures("agent reply warm-up"), Math.max(5, warmup / 2), false);
                replies(new Figures("agent reply measured"), seconds, true);
            }
            OUT.printf("%nEvents: repeats %d, gaps %d, streams ended by the server %d, open streams %d%n", repeats.get(), gaps.get(),
                    streamsEnded.get(), chats.size() - streamsEnded.get());
            oddEvents.forEach(e -> OUT.println("  " + e.substring(0, Math.min(400, e.length()))));
            OUT.printf("Server at the end: %s; load average %s%n", memory(), loadAverage());
        } finally {
            temas.destroy();
            if (!temas.waitFor(60, TimeUnit.SECONDS)) {
                temas.destroyForcibly();
            }
            serverLog(log);
        }
    }

    /** An always-open queue and a chat entry point on it. */
    private void setUp() throws Exception {
        JsonNode queue = api("POST", "/api/v1/queues", "{\"name\":\"Canlı sohbet (ölçüm)\",\"description\":\"always open\"}", 201);
        api("POST", "/api/v1/entry-points", """
                {"address":"%s","channel":"chat","queue":"%s","name":"Ölçüm sohbeti"}""".formatted(ENTRY, queue.path("id").asString()), 201);
    }

    private void idle() throws Exception {
        OUT.printf("%n== Idle connections: %,d event streams, then %,d WebSockets, held %d s; load average %s%n", idle, sockets, settle,
                loadAverage());
        Thread.sleep(5_000);
        String before = memory();
        long rssBefore = rss();
        String collectedBefore = collected();
        OUT.printf("  before:               %s%n  before, after a GC:   %s%n", before, collectedBefore);
        long rssBeforeGc = rss();
        long heapBefore = heapUsed();
        long t = System.nanoTime();
        startChats(idle, false);
        OUT.printf("  %,d chats started in %.1f s (%.0f/s); %s%n", idle, (System.nanoTime() - t) / 1e9, idle / ((System.nanoTime() - t) / 1e9), memory());
        t = System.nanoTime();
        openStreams(chats, 64);
        OUT.printf("  %,d event streams open in %.1f s; %s%n", chats.size(), (System.nanoTime() - t) / 1e9, memory());
        OUT.printf("  holding %d s ...%n", settle);
        Thread.sleep(settle * 1000L);
        long rssStreams = rss();
        OUT.printf("  after %d s held:       %s; streams ended %d%n", settle, memory(), streamsEnded.get());
        OUT.printf("  → %,d KiB added, %.1f KiB per chat with its open stream (chat rows, token, stream)%n",
                (rssStreams - rssBefore), (rssStreams - rssBefore) / (double) idle);
        String collected = collected();
        long rssStreamsGc = rss();
        long heapStreams = heapUsed();
        OUT.printf("  after a GC:           %s%n  → after GCs: %,d KiB resident added (%.1f KiB per chat), heap in use %+,d KiB (%.1f KiB per chat)%n",
                collected, rssStreamsGc - rssBeforeGc, (rssStreamsGc - rssBeforeGc) / (double) idle, heapStreams - heapBefore,
                (heapStreams - heapBefore) / (double) idle);
        if (sockets > 0) {
            int first = chats.size();
            t = System.nanoTime();
            startChats(sockets, false);
            long greeted = openSockets(chats.subList(first, chats.size()), 64);
            if (greeted == 0) {
                OUT.printf("  no WebSocket opened (see the server log)%n");
                return;
            }
            OUT.printf("  %,d more chats on WebSockets in %.1f s; holding %d s ...%n", sockets, (System.nanoTime() - t) / 1e9, settle);
            Thread.sleep(settle * 1000L);
            long rssSockets = rss();
            OUT.printf("  after %d s held:       %s; streams ended %d%n", settle, memory(), streamsEnded.get());
            OUT.printf("  → %,d KiB more, %.1f KiB per chat with its open WebSocket%n", rssSockets - rssStreams,
                    (rssSockets - rssStreams) / (double) sockets);
            String socketsCollected = collected();
            OUT.printf("  after a GC:           %s%n  → after GCs: %,d KiB resident more (%.1f KiB per chat), heap in use %+,d KiB (%.1f KiB per chat)%n",
                    socketsCollected, rss() - rssStreamsGc, (rss() - rssStreamsGc) / (double) sockets, heapUsed() - heapStreams,
                    (heapUsed() - heapStreams) / (double) sockets);
        }
        OUT.printf("  open: %,d chats, streams ended by the server %d, repeats %d, gaps %d%n", chats.size(), streamsEnded.get(), repeats.get(),
                gaps.get());
    }

    /** Starts chats, {@code concurrency} in flight; with {@code open}, opens their event streams too. */
    private void startChats(int count, boolean open) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        AtomicInteger failed = new AtomicInteger();
        List<Chat> started = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            int n = chats.size() + i;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/v1/sessions")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"entryPoint\":\"" + ENTRY + "\",\"name\":\"Ziyaretçi " + n
                            + "\",\"language\":\"tr\"}", StandardCharsets.UTF_8)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                try {
                    if (error == null && response.statusCode() == 201) {
                        JsonNode body = JSON.readTree(response.body());
                        started.add(new Chat(body.path("sessionId").asString(), body.path("token").asString()));
                    } else if (failed.incrementAndGet() <= 3) {
                        OUT.println("  start failed: " + (error != null ? error : response.statusCode() + " " + response.body()));
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(32);
        if (failed.get() > 0) {
            OUT.printf("  %d chats could not be started%n", failed.get());
        }
        chats.addAll(started);
        if (open) {
            openStreams(started, 64);
        }
    }

    /** Opens an event stream for each chat, {@code concurrency} waiting for their greeting at a time. */
    private void openStreams(List<Chat> which, int concurrency) throws Exception {
        Semaphore opening = new Semaphore(concurrency);
        AtomicInteger refused = new AtomicInteger();
        for (Chat chat : which) {
            opening.acquire();
            chat.greeted.orTimeout(60, TimeUnit.SECONDS).whenComplete((v, e) -> opening.release());
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/v1/sessions/" + chat.id + "/events?token=" + chat.token))
                    .header("Accept", "text/event-stream").GET().build();
            http.sendAsync(request, info -> {
                if (info.statusCode() != 200) {
                    refused.incrementAndGet();
                }
                return HttpResponse.BodySubscribers.fromLineSubscriber(new SseLines(chat));
            }).whenComplete((response, error) -> streamsEnded.incrementAndGet());
        }
        opening.acquire(concurrency);
        long notGreeted = which.stream().filter(c -> c.greeted.isCompletedExceptionally() || !c.greeted.isDone()).count();
        if (refused.get() > 0 || notGreeted > 0) {
            OUT.printf("  streams refused %d, without their greeting %d%n", refused.get(), notGreeted);
        }
    }

    /** Reads server-sent events line by line: {@code data:} lines are the event objects. */
    private static final class SseLines implements Flow.Subscriber<String> {

        private final Chat chat;

        SseLines(Chat chat) {
            this.chat = chat;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                long at = System.nanoTime();
                chat.on(line.substring(5).strip(), at);
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** Opens a WebSocket for each chat, as {@link #openStreams} does; answers how many brought their greeting. */
    private long openSockets(List<Chat> which, int concurrency) throws Exception {
        Semaphore opening = new Semaphore(concurrency);
        AtomicInteger refused = new AtomicInteger();
        for (Chat chat : which) {
            opening.acquire();
            chat.greeted.orTimeout(60, TimeUnit.SECONDS).whenComplete((v, e) -> opening.release());
            http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http:", "ws:") + "/chat/v1/sessions/" + chat.id
                            + "/socket?token=" + chat.token + "&after=0"), new WebSocket.Listener() {
                        private final StringBuilder frame = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            frame.append(data);
                            if (last) {
                                chat.on(frame.toString(), System.nanoTime());
                                frame.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                            streamsEnded.incrementAndGet();
                            return null;
                        }
                    })
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            if (refused.incrementAndGet() == 1) {
                                OUT.println("  first socket refused: " + error);
                            }
                            chat.greeted.completeExceptionally(error);
                        }
                    });
        }
        opening.acquire(concurrency);
        long notGreeted = which.stream().filter(c -> c.greeted.isCompletedExceptionally() || !c.greeted.isDone()).count();
        if (refused.get() > 0 || notGreeted > 0) {
            OUT.printf("  sockets refused %d, without their greeting %d%n", refused.get(), notGreeted);
        }
        return which.size() - notGreeted;
    }

    /** Each of the first {@code active} chats sends a message every {@code every} seconds, spread evenly, for {@code duration} seconds. */
    private void traffic(Figures figures, int duration, boolean report) throws Exception {
        int total = active / every * duration;
        long interval = TimeUnit.SECONDS.toNanos(every) / active;
        openLoop(figures, total, interval, n -> {
            Chat chat = chats.get(n % active);
            long marker = markers.incrementAndGet();
            String text = QUESTIONS[(n / active) % QUESTIONS.length] + " #" + marker;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/v1/sessions/" + chat.id + "/messages"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + chat.token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\",\"clientId\":\"" + UUID.randomUUID() + "\"}",
                            StandardCharsets.UTF_8)).build();
            return new Outgoing(marker, request, 202);
        });
        if (report) {
            report(figures);
        }
    }

    private void replies(Figures figures, int duration, boolean report) throws Exception {
        List<Chat> handed = chats.subList(0, active).stream().filter(c -> c.handedOver.isDone() && !c.handedOver.isCompletedExceptionally())
                .toList();
        if (handed.isEmpty()) {
            OUT.println("  no chat was handed over");
            return;
        }
        openLoop(figures, agentRate * duration, TimeUnit.SECONDS.toNanos(1) / agentRate, n -> {
            Chat chat = handed.get(n % handed.size());
            long marker = markers.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations/" + chat.handedOver.join() + "/messages"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + apiToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hemen bakıyorum, bir dakika lütfen. #" + marker + "\"}",
                            StandardCharsets.UTF_8)).build();
            return new Outgoing(marker, request, 201);
        });
        if (report) {
            report(figures);
        }
    }

    private record Outgoing(long marker, HttpRequest request, int expected) {
    }

    /** Sends {@code total} requests, one every {@code interval} ns whether or not earlier ones returned, then waits for their events. */
    private void openLoop(Figures figures, int total, long interval, java.util.function.IntFunction<Outgoing> next) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= 2_000) {
                figures.skipped.incrementAndGet();
                done.incrementAndGet();
                continue;
            }
            Outgoing out = next.apply(i);
            long sent = System.nanoTime();
            pending.put(out.marker(), new Sent(sent, figures));
            figures.sent.incrementAndGet();
            inFlight.incrementAndGet();
            http.sendAsync(out.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long took = System.nanoTime() - sent;
                inFlight.decrementAndGet();
                if (error == null && response.statusCode() == out.expected()) {
                    figures.post.add(took);
                } else {
                    pending.remove(out.marker());
                    figures.failed.incrementAndGet();
                    if (figures.failures.size() < 5) {
                        figures.failures.add(error != null ? error.toString() : response.statusCode() + " " + response.body());
                    }
                }
                done.incrementAndGet();
            });
        }
        double sending = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((done.get() < total || pending.values().stream().anyMatch(s -> s.figures() == figures)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        OUT.printf("  %-32s %,7d sent in %5.1f s (%.0f/s), answered in %.1f s%n", figures.name, figures.sent.get(), sending,
                figures.sent.get() / sending, (System.nanoTime() - start) / 1e9);
    }

    private void report(Figures figures) {
        long lost = pending.values().stream().filter(s -> s.figures() == figures).count();
        OUT.printf("    refused or failed %d, not sent (2,000 in flight) %d, not seen on the stream within 60 s %d%n", figures.failed.get(),
                figures.skipped.get(), lost);
        figures.failures.forEach(f -> OUT.println("    failure: " + f.substring(0, Math.min(300, f.length()))));
        line("POST answered", figures.post);
        line("delivered on the stream", figures.delivery);
        if (!figures.bot.isEmpty()) {
            line("bot's answer on the stream", figures.bot);
        }
        OUT.printf("    server: %s; load average %s%n", memory(), loadAverage());
    }

    private static void line(String what, ConcurrentLinkedQueue<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        OUT.printf("    %-27s n %,6d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what, sorted.length, ms(sorted, 50),
                ms(sorted, 95), ms(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : PipelineLoadDriver.percentile(sorted, p) / 1e6;
    }

    /** The first {@code active} chats ask for a person, 50 a second, and wait for their hand-off. */
    private void handOver() throws Exception {
        OUT.printf("%n== Hand-off: %d chats say \"temsilci\" (50/s); load average %s%n", active, loadAverage());
        long t = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < active; i++) {
            long wait = t + i * 20_000_000L - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Chat chat = chats.get(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/v1/sessions/" + chat.id + "/messages"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + chat.token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Bir temsilciyle görüşmek istiyorum\"}", StandardCharsets.UTF_8))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 202) {
                    if (failed.incrementAndGet() <= 3) {
                        OUT.println("  hand-off request failed: " + (error != null ? error : response.statusCode() + " " + response.body()));
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (chats.subList(0, active).stream().anyMatch(c -> !c.handedOver.isDone()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long handed = chats.subList(0, active).stream().filter(c -> c.handedOver.isDone()).count();
        OUT.printf("  %d of %d chats handed over in %.1f s (%d requests failed)%n", handed, active, (System.nanoTime() - t) / 1e9, failed.get());
        // The bot says it hands over in the same transaction; those replies are not part of any figure.
        chats.subList(0, active).forEach(c -> c.awaitingBot.clear());
    }

    private JsonNode api(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiToken).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    // ---- the server process ------------------------------------------------------------------

    /** Resident memory, threads and heap of the server process. */
    private String memory() {
        Map<String, String> status = status();
        return "RSS " + String.format("%,d", rss()) + " KiB, " + status.getOrDefault("Threads", "?") + " threads, " + openFiles() + " open files";
    }

    private long rss() {
        String value = status().getOrDefault("VmRSS", "0 kB");
        return Long.parseLong(value.replace("kB", "").strip());
    }

    private Map<String, String> status() {
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
        return status;
    }

    private long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(temas.pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs a full GC in the server ({@code jcmd GC.run}) and answers its memory and heap afterwards. */
    private String collected() throws Exception {
        jcmd("GC.run");
        Thread.sleep(2_000);
        return memory() + ", heap in use " + String.format("%,d", heapUsed()) + " KiB";
    }

    /** The heap in use, from {@code jcmd GC.heap_info} ("used NNNK"). */
    private long heapUsed() throws Exception {
        String info = jcmd("GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private String jcmd(String what) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(temas.pid()), what)
                .redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Warnings and errors the server logged while measured. */
    private static void serverLog(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> bad = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")).toList();
        OUT.printf("%nServer log %s: %,d lines, %d warnings/errors/exceptions%n", log, lines.size(), bad.size());
        bad.stream().limit(20).forEach(l -> OUT.println("  " + l.substring(0, Math.min(300, l.length()))));
    }


    private static long marker(String text) {
        int hash = text.lastIndexOf('#');
        try {
            return hash < 0 ? -1 : Long.parseLong(text.substring(hash + 1).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }



}
