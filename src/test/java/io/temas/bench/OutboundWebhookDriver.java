package io.temas.bench;

import com.sun.net.httpserver.HttpServer;
import io.temas.TemasApplication;
import io.temas.channels.Receipt;
import io.temas.inbound.InboundPipeline;
import io.temas.webhooks.WebhookEvents;
import io.temas.webhooks.WebhookSubscriptions;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What outbound webhooks cost the inbound pipeline, and how soon a receiver hears of a message. Boots Temas in this
 * JVM (fresh embedded PostgreSQL, demo organisation), then alternates phases of {@code bench.messages} in-process
 * messages ({@code bench.concurrency} in flight, the load driver's traffic mix without retries): without any
 * subscription, and with one subscription to {@code message.received} and {@code conversation.opened} whose receiver
 * (the JDK's HTTP server on the loopback) answers 204 at once; and with that subscription paused (deliveries written in
 * the pipeline's transaction, none sent: the listener's own cost). For each phase: messages a second and the pipeline's
 * p50/p99 (call to commit); with the subscription also the lag from a message's commit to its {@code message.received}
 * delivery arriving (p50, p99, max), how long after the last commit the last delivery arrived, and repeats.
 *
 * <pre>
 * bench.messages     messages per phase       (5000)
 * bench.concurrency  calls in flight          (32)
 * bench.rounds       off/on pairs             (2)
 * bench.seed         traffic seed             (42)
 * </pre>
 * Run: {@code ./mvnw -Pbench -q test-compile exec:java -Dexec.mainClass=io.temas.bench.OutboundWebhookDriver}
 */
public final class OutboundWebhookDriver {

    private static final PrintStream OUT = System.out;
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":\"([0-9a-f-]{36})\"");

    private final int messages = Integer.getInteger("bench.messages", 5_000);
    private final int concurrency = Integer.getInteger("bench.concurrency", 32);
    private final int rounds = Integer.getInteger("bench.rounds", 2);
    private final Traffic traffic = new Traffic(Long.getLong("bench.seed", 42), "wh", new Traffic.Mix(0.35, 0.15, 0.0, 0.0));

    private final Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> arrivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger repeats = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        new OutboundWebhookDriver().run();
    }

    private void run() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (WebhookEvents.MESSAGE_RECEIVED.equals(exchange.getRequestHeaders().getFirst("X-Temas-Event"))) {
                Matcher m = MESSAGE_ID.matcher(body);
                if (m.find() && arrivedAt.putIfAbsent(UUID.fromString(m.group(1)), now) != null) {
                    repeats.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(Map.of("spring.main.banner-mode", "off", "logging.level.root", "WARN"))
                .logStartupInfo(false)
                .run("--temas.ephemeral=true", "--temas.demo-data=true", "--temas.demo-conversations=false", "--server.port=0",
                        "--server.address=127.0.0.1", "--temas.webhooks.delivery.allow-private-addresses=true");
        try {
            InboundPipeline pipeline = app.getBean(InboundPipeline.class);
            WebhookSubscriptions subscriptions = app.getBean(WebhookSubscriptions.class);
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            OUT.printf("Outbound webhooks: %d messages per phase, %d in flight, %d cores, Java %s%n", messages, concurrency,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            phase("warm-up (none)", pipeline, false);
            for (int round = 1; round <= rounds; round++) {
                phase("round " + round + ", no subscription", pipeline, false);
                // Deliveries written in the pipeline's transaction but not sent: the listener's own cost, without the dispatcher's.
                UUID paused = subscriptions.create(url, List.of(WebhookEvents.MESSAGE_RECEIVED, WebhookEvents.CONVERSATION_OPENED),
                        "bench-secret-0123456789", "bench").id();
                subscriptions.pause(paused);
                phase("round " + round + ", one paused", pipeline, false);
                subscriptions.delete(paused);
                UUID id = subscriptions.create(url, List.of(WebhookEvents.MESSAGE_RECEIVED, WebhookEvents.CONVERSATION_OPENED),
                        "bench-secret-0123456789", "bench").id();
                phase("round " + round + ", one subscription", pipeline, true);
                subscriptions.delete(id);
            }
        } finally {
            app.close();
            receiver.stop(0);
        }
    }

    private void phase(String name, InboundPipeline pipeline, boolean subscribed) throws Exception {
        committedAt.clear();
        arrivedAt.clear();
        repeats.set(0);
        List<LoadMessage> batch = traffic.next(messages);
        long[] latencies = new long[batch.size()];
        AtomicInteger done = new AtomicInteger();
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LoadMessage message : batch) {
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        long t0 = System.nanoTime();
                        Receipt receipt = pipeline.receive(message.toInbound(message.jsonBytes(), Instant.now()));
                        long t1 = System.nanoTime();
                        latencies[done.getAndIncrement()] = t1 - t0;
                        if (!receipt.duplicate()) {
                            committedAt.put(receipt.messageId(), t1);
                        }
                    } catch (RuntimeException e) {
                        OUT.println("  failed: " + e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        long end = System.nanoTime();
        long[] taken = Arrays.copyOf(latencies, done.get());
        Arrays.sort(taken);
        OUT.printf("%-28s %6d msgs  %7.0f msg/s  p50 %6.1f ms  p99 %6.1f ms%n", name, taken.length,
                taken.length / ((end - start) / 1e9), pct(taken, 0.50) / 1e6, pct(taken, 0.99) / 1e6);
        if (!subscribed) {
            return;
        }
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (arrivedAt.size() < committedAt.size() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        long lastCommit = committedAt.values().stream().mapToLong(Long::longValue).max().orElse(end);
        long lastArrival = arrivedAt.values().stream().mapToLong(Long::longValue).max().orElse(lastCommit);
        List<Long> lags = new ArrayList<>();
        committedAt.forEach((id, at) -> {
            Long arrived = arrivedAt.get(id);
            if (arrived != null) {
                lags.add(arrived - at);
            }
        });
        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        OUT.printf("%-28s %6d of %d delivered, repeats %d; lag commit→receiver p50 %6.1f ms  p99 %7.1f ms  max %7.1f ms;"
                        + " last delivery %6.0f ms after the last commit%n", "", lag.length, committedAt.size(), repeats.get(),
                pct(lag, 0.50) / 1e6, pct(lag, 0.99) / 1e6, lag.length == 0 ? 0 : lag[lag.length - 1] / 1e6, (lastArrival - lastCommit) / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
