package io.temas.bench;

import com.sun.net.httpserver.HttpServer;
import io.temas.channels.WebhookSignatures;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Webhook-to-committed latency of the messenger connectors, measured as users run Temas: the
 * packaged jar ({@code java -jar target/temas-*.jar}) on a fresh durable data directory with the
 * demo organisation, its WhatsApp, Telegram and Messenger connectors configured with generated
 * secrets and pointed at a local HTTP server that plays the providers' send APIs (the
 * acknowledgements go there). For each connector the driver sends signed webhooks in the
 * provider's documented format at a fixed rate (open loop: a request leaves every
 * {@code 1/rate} seconds whether or not earlier ones have returned), each from one of
 * {@code bench.senders} senders, so most messages open a new conversation. A webhook is answered
 * only after its message is committed, so send → 200 is webhook-to-committed.
 *
 * <pre>
 * bench.jar       the packaged jar                   (newest target/temas-*.jar)
 * bench.rate      webhooks per second                (200)
 * bench.seconds   measured seconds per connector     (60)
 * bench.warmup    warm-up seconds per connector      (15)
 * bench.senders   distinct senders                   (50000)
 * bench.seed      seed of the sender choice          (42)
 * </pre>
 */
public final class WebhookLoadDriver {

    private static final PrintStream OUT = System.out;
    private static final String PHONE_NUMBER_ID = "109876543210";
    private static final String PAGE_ID = "1357924680";

    private final int rate = Integer.getInteger("bench.rate", 200);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 15);
    private final int senders = Integer.getInteger("bench.senders", 50_000);
    private final Random random = new Random(Long.getLong("bench.seed", 42));
    private final String whatsappSecret = PackagedJar.secret();
    private final String telegramSecret = PackagedJar.secret();
    private final String messengerSecret = PackagedJar.secret();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    public static void main(String[] args) throws Exception {
        new WebhookLoadDriver().run();
    }

    private void run() throws Exception {
        Path jar = PackagedJar.jar();
        Path data = Files.createTempDirectory("temas-webhook-bench");
        HttpServer providers = providers();
        int port = PackagedJar.freePort();
        String providerUrl = "http://127.0.0.1:" + providers.getAddress().getPort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.ofEntries(
                Map.entry("TEMAS_DATA_DIR", data.toString()),
                Map.entry("PORT", Integer.toString(port)),
                Map.entry("TEMAS_DEMO_DATA", "true"),
                Map.entry("TEMAS_BOOTSTRAP_ADMIN_PASSWORD", PackagedJar.secret()),
                Map.entry("TEMAS_BOOTSTRAP_API_TOKEN", PackagedJar.secret()),
                Map.entry("TEMAS_WHATSAPP_BASE_URL", providerUrl),
                Map.entry("TEMAS_WHATSAPP_APP_SECRET", whatsappSecret),
                Map.entry("TEMAS_WHATSAPP_VERIFY_TOKEN", PackagedJar.secret()),
                Map.entry("TEMAS_WHATSAPP_ACCESS_TOKEN", PackagedJar.secret()),
                Map.entry("TEMAS_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID),
                Map.entry("TEMAS_TELEGRAM_BASE_URL", providerUrl),
                Map.entry("TEMAS_TELEGRAM_BOT_TOKEN", "123456:" + PackagedJar.secret()),
                Map.entry("TEMAS_TELEGRAM_SECRET_TOKEN", telegramSecret),
                Map.entry("TEMAS_MESSENGER_BASE_URL", providerUrl),
                Map.entry("TEMAS_MESSENGER_APP_SECRET", messengerSecret),
                Map.entry("TEMAS_MESSENGER_VERIFY_TOKEN", PackagedJar.secret()),
                Map.entry("TEMAS_MESSENGER_PAGE_ACCESS_TOKEN", PackagedJar.secret()),
                Map.entry("TEMAS_MESSENGER_PAGE_ID", PAGE_ID)));
        Path log = data.resolve("temas.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        OUT.printf("Starting %s on port %d (data %s, log %s)%n", jar.getFileName(), port, data, log);
        Process temas = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            PackagedJar.awaitHealth(temas, http, base);
            OUT.printf("%d webhooks/s open loop, %d s warm-up and %d s measured per connector, %,d senders%n", rate, warmup, seconds, senders);
            // Every connector warms up before any is measured, so the first one measured is not the one that warmed the JIT.
            for (Connector connector : connectors(base)) {
                phase(connector, warmup, false);
            }
            for (Connector connector : connectors(base)) {
                phase(connector, seconds, true);
            }
        } finally {
            temas.destroy();
            if (!temas.waitFor(60, TimeUnit.SECONDS)) {
                temas.destroyForcibly();
            }
            providers.stop(0);
        }
    }

    private List<Connector> connectors(String base) {
        return List.of(
                new Connector("whatsapp", n -> {
                    String waId = "90532" + String.format("%07d", sender());
                    String body = """
                            {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                            "messaging_product":"whatsapp","metadata":{"display_phone_number":"908505550000","phone_number_id":"%s"},
                            "contacts":[{"profile":{"name":"Müşteri %s"},"wa_id":"%s"}],
                            "messages":[{"from":"%s","id":"wamid.bench%d","timestamp":"%d","type":"text","text":{"body":"Faturamda bir sorun var, yardım eder misiniz?"}}]}}]}]}"""
                            .formatted(PHONE_NUMBER_ID, waId, waId, waId, n, Instant.now().getEpochSecond());
                    return signed(base + "/api/v1/webhooks/whatsapp", body, "X-Hub-Signature-256", WebhookSignatures.sha256(whatsappSecret, bytes(body)));
                }),
                new Connector("telegram", n -> {
                    long user = 700_000_000L + sender();
                    String body = """
                            {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Müşteri","language_code":"tr"},
                            "chat":{"id":%d,"type":"private","first_name":"Müşteri"},"date":%d,"text":"Siparişim nerede?"}}"""
                            .formatted(n, n, user, user, Instant.now().getEpochSecond());
                    return signed(base + "/api/v1/webhooks/telegram", body, "X-Telegram-Bot-Api-Secret-Token", telegramSecret);
                }),
                new Connector("messenger", n -> {
                    String psid = Long.toString(2_400_000_000_000L + sender());
                    String body = """
                            {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                            "timestamp":%d,"message":{"mid":"m_bench%d","text":"Kartım bloke oldu, ne yapmalıyım?"}}]}]}"""
                            .formatted(PAGE_ID, System.currentTimeMillis(), psid, PAGE_ID, System.currentTimeMillis(), n);
                    return signed(base + "/api/v1/webhooks/messenger", body, "X-Hub-Signature-256", WebhookSignatures.sha256(messengerSecret, bytes(body)));
                }));
    }

    /** Sends one connector's webhooks for {@code duration} seconds at the fixed rate and reports. */
    private void phase(Connector connector, int duration, boolean measured) throws InterruptedException {
        int total = rate * duration;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = connector.request().apply((int) sequence.incrementAndGet());
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long took = System.nanoTime() - sent;
                if (error == null && response.statusCode() == 200) {
                    latencies.add(took);
                } else {
                    failed.incrementAndGet();
                    if (failures.size() < 5) {
                        failures.add(error != null ? error.toString() : response.statusCode() + " " + response.body());
                    }
                }
                done.incrementAndGet();
            });
        }
        long sendEnd = System.nanoTime();
        while (done.get() < total && System.nanoTime() - sendEnd < TimeUnit.SECONDS.toNanos(60)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        OUT.printf("%-9s %-8s sent %,6d in %5.1f s (%.0f/s offered), ok %,6d, failed %d, unanswered %d; p50 %6.1f ms, p90 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n",
                connector.name(), measured ? "measured" : "warm-up", total, (sendEnd - start) / 1e9, total / ((sendEnd - start) / 1e9),
                sorted.length, failed.get(), total - done.get(),
                ms(sorted, 50), ms(sorted, 90), ms(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        failures.forEach(f -> OUT.println("          failure: " + f.substring(0, Math.min(300, f.length()))));
        OUT.printf("          (%.1f s until the last answer)%n", elapsed);
    }

    private static double ms(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : PipelineLoadDriver.percentile(sorted, p) / 1e6;
    }

    private static HttpRequest signed(String url, String body, String header, String value) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(header, value).POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build();
    }

    /**
     * The providers' send APIs: WhatsApp's {@code /{version}/{phone-number-id}/messages}, Telegram's
     * {@code /bot<token>/sendMessage} and Messenger's {@code /{version}/me/messages}, each answering
     * success in its documented shape.
     */
    private static HttpServer providers() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        AtomicLong ids = new AtomicLong();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            long id = ids.incrementAndGet();
            String answer;
            if (path.endsWith("/messages") && path.contains(PHONE_NUMBER_ID)) {
                answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"0\",\"wa_id\":\"0\"}],\"messages\":[{\"id\":\"wamid.out" + id + "\"}]}";
            } else if (path.contains("/bot") && (path.endsWith("/sendMessage") || path.endsWith("/sendDocument"))) {
                answer = "{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"date\":0,\"chat\":{\"id\":1,\"type\":\"private\"}}}";
            } else if (path.endsWith("/me/messages") || path.endsWith("/messages")) {
                answer = "{\"recipient_id\":\"1\",\"message_id\":\"m_out" + id + "\"}";
            } else {
                answer = "{}";
            }
            byte[] bytes = bytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }


    private int sender() {
        synchronized (random) {
            return random.nextInt(senders);
        }
    }




    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Connector(String name, IntFunction<HttpRequest> request) {
    }
}
