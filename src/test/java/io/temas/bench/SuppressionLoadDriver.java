package io.temas.bench;

import io.temas.TemasApplication;
import io.temas.campaigns.CallLists;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.Campaigns;
import io.temas.campaigns.ContactRules;
import io.temas.customers.IdentityResolver;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures suppression: an SMS acceptance posted to {@code POST /api/v1/inbound} takes the
 * customer off the campaign's call list. Boots the application on a fresh (durable) embedded
 * PostgreSQL, creates a campaign with an SMS keyword and a call list of {@code bench.customers}
 * customers, opens the call list's SSE removal stream over HTTP like a preloading dialer, and
 * runs dialers calling {@code POST /next} while customers from the end of the list answer
 * "KEYWORD EVET" over HTTP with {@code bench.concurrency} requests in flight.
 *
 * <p>Per response it records: the HTTP latency (sent → 2xx returned: the removal is committed
 * before the answer, so this bounds arrival → gone), the SSE delay (sent → removal event read by
 * the dialer's stream, and 2xx → event), and whether the entry was still pending right after the
 * 2xx (must never happen). Every number a dialer was handed is checked against the moments
 * acceptances returned: a dialer call that started after a customer's acceptance returned and
 * still handed out that customer is a violation.
 *
 * <pre>
 * bench.customers    call-list size                   (5000)
 * bench.responses    measured acceptances             (1000)
 * bench.warmup       acceptances before measuring     (200)
 * bench.concurrency  acceptances in flight            (4)
 * bench.dialers      dialers calling next meanwhile   (2)
 * bench.dial-pause-ms pause between one dialer's calls (10)
 * </pre>
 */
public final class SuppressionLoadDriver {

    private static final Pattern CUSTOMER = Pattern.compile("\"customerId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final PrintStream out = System.out;
    private final int customers = Integer.getInteger("bench.customers", 5000);
    private final int responses = Integer.getInteger("bench.responses", 1000);
    private final int warmup = Integer.getInteger("bench.warmup", 200);
    private final int concurrency = Integer.getInteger("bench.concurrency", 4);
    private final int dialers = Integer.getInteger("bench.dialers", 2);
    private final int dialPause = Integer.getInteger("bench.dial-pause-ms", 10);

    public static void main(String[] args) throws Exception {
        new SuppressionLoadDriver().run();
    }

    private record Sample(UUID customer, long sentAt, long answeredAt, boolean stillPending) {
    }

    private void run() throws Exception {
        if (warmup + responses > customers / 2) {
            throw new IllegalArgumentException("bench.warmup + bench.responses must be at most half of bench.customers");
        }
        String token = "bench-" + HexFormat.of().formatHex(SecureRandom.getSeed(16));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(Map.of("spring.main.banner-mode", "off", "logging.level.root", "WARN", "logging.level.org.springdoc", "ERROR",
                        "logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration", "ERROR"))
                .logStartupInfo(false)
                .run("--temas.ephemeral=true", "--temas.demo-data=true", "--temas.bootstrap.api-token=" + token, "--server.port=0",
                        "--server.address=127.0.0.1", "--temas.outbox.poll-interval=1h");
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            for (ChannelType channel : List.of(ChannelType.VOICE, ChannelType.SMS)) {
                app.getBean(ContactRules.class).save(new ContactRules.Rule(channel, null, null, null, 7));
            }
            String keyword = "BENCH" + Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();
            Campaign campaign = app.getBean(Campaigns.class).create(new Campaigns.Draft("Bench", keyword, "Bench offer", null,
                    List.of(ChannelType.SMS, ChannelType.VOICE), keyword, null, null, Campaign.Status.RUNNING, List.of()));
            IdentityResolver identities = app.getBean(IdentityResolver.class);
            List<UUID> ids = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            long setupStart = System.nanoTime();
            for (int i = 0; i < customers; i++) {
                String phone = "+90537" + (1_000_000 + i);
                ids.add(identities.resolve(List.of(Identifier.phone(phone)), "Bench " + i, Language.TR).customerId().value());
                phones.add(phone);
            }
            UUID callList = app.getBean(CallLists.class).create(campaign.id(), "bench", ids);
            out.printf("Set-up: %d customers and a call list of %d in %.1f s; %d cores; JDK %s%n", customers, customers,
                    (System.nanoTime() - setupStart) / 1e9, Runtime.getRuntime().availableProcessors(), Runtime.version());

            Map<UUID, Long> streamed = new ConcurrentHashMap<>();
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/call-lists/" + callList + "/removals"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            CountDown subscribed = new CountDown();
            Thread.ofVirtual().start(() -> readStream(stream.body(), streamed, subscribed));
            subscribed.await();

            Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Object[]> dialed = new ConcurrentLinkedQueue<>();
            AtomicBoolean dialing = new AtomicBoolean(true);
            AtomicInteger dialerCalls = new AtomicInteger();
            List<Thread> dialerThreads = new ArrayList<>();
            for (int d = 0; d < dialers; d++) {
                dialerThreads.add(Thread.ofVirtual().start(() -> {
                    while (dialing.get()) {
                        long started = System.nanoTime();
                        HttpResponse<String> next = post(http, base + "/api/v1/call-lists/" + callList + "/next", token, "");
                        dialerCalls.incrementAndGet();
                        if (next.statusCode() == 200) {
                            Matcher m = CUSTOMER.matcher(next.body());
                            if (m.find()) {
                                dialed.add(new Object[]{UUID.fromString(m.group(1)), started});
                            }
                        }
                        pause(dialPause);
                    }
                }));
            }

            // Responders come from the end of the list; dialers work from its front.
            List<Integer> order = new ArrayList<>();
            for (int i = customers - 1; i >= customers - warmup - responses; i--) {
                order.add(i);
            }
            List<Sample> warm = respond(http, base, token, keyword, order.subList(0, warmup), ids, phones, jdbc, callList, acceptedAt);
            long measuredStart = System.nanoTime();
            List<Sample> measured = respond(http, base, token, keyword, order.subList(warmup, warmup + responses), ids, phones, jdbc,
                    callList, acceptedAt);
            double seconds = (System.nanoTime() - measuredStart) / 1e9;
            long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (measured.stream().anyMatch(s -> !streamed.containsKey(s.customer())) && System.nanoTime() < waitUntil) {
                Thread.sleep(10);
            }
            dialing.set(false);
            for (Thread t : dialerThreads) {
                t.join();
            }
            stream.body().close();

            int violations = 0;
            for (Object[] call : dialed) {
                Long accepted = acceptedAt.get((UUID) call[0]);
                if (accepted != null && accepted < (Long) call[1]) {
                    violations++;
                }
            }
            report(warm.size(), measured, streamed, seconds, dialerCalls.get(), dialed.size(), violations);
            var suppression = app.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("temas.campaigns.suppression").timer().takeSnapshot();
            StringBuilder line = new StringBuilder();
            for (var p : suppression.percentileValues()) {
                line.append(String.format("  p%.0f %.2f ms", p.percentile() * 100, p.value(java.util.concurrent.TimeUnit.MILLISECONDS)));
            }
            out.printf("suppression statements inside the response's transaction (%d, warm-up included, recent window):%s; max %.2f ms%n",
                    suppression.count(), line, suppression.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        } finally {
            app.close();
        }
    }

    private List<Sample> respond(HttpClient http, String base, String token, String keyword, List<Integer> who, List<UUID> ids,
                                 List<String> phones, JdbcClient jdbc, UUID callList, Map<UUID, Long> acceptedAt) throws Exception {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index : who) {
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        String body = """
                                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"%s EVET"}"""
                                .formatted(UUID.randomUUID(), phones.get(index), keyword);
                        long sent = System.nanoTime();
                        HttpResponse<String> response = post(http, base + "/api/v1/inbound", token, body);
                        long answered = System.nanoTime();
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException("inbound answered " + response.statusCode() + ": " + response.body());
                        }
                        acceptedAt.put(ids.get(index), answered);
                        boolean pending = jdbc.sql("select exists (select 1 from call_list_entries where call_list_id = ? and customer_id = ? "
                                + "and status = 'pending')").params(callList, ids.get(index)).query(Boolean.class).single();
                        samples.add(new Sample(ids.get(index), sent, answered, pending));
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        return new ArrayList<>(samples);
    }

    private void report(int warm, List<Sample> measured, Map<UUID, Long> streamed, double seconds, int dialerCalls, int handedOut,
                        int violations) {
        long[] http = sorted(measured.stream().mapToLong(s -> s.answeredAt() - s.sentAt()).toArray());
        long[] sse = sorted(measured.stream().filter(s -> streamed.containsKey(s.customer()))
                .mapToLong(s -> streamed.get(s.customer()) - s.sentAt()).toArray());
        long[] afterAnswer = sorted(measured.stream().filter(s -> streamed.containsKey(s.customer()))
                .mapToLong(s -> streamed.get(s.customer()) - s.answeredAt()).toArray());
        long stillPending = measured.stream().filter(Sample::stillPending).count();
        out.printf("%nWarm-up %d, measured %d acceptances in %.1f s (%.0f/s), %d in flight; %d dialer calls meanwhile handed out %d numbers%n",
                warm, measured.size(), seconds, measured.size() / seconds, concurrency, dialerCalls, handedOut);
        out.printf("%-44s %6s %8s %8s %8s %8s%n", "measure (ms)", "n", "p50", "p95", "p99", "max");
        line("sent -> 2xx (removal committed before it)", http);
        line("sent -> SSE removal event at the dialer", sse);
        line("2xx -> SSE removal event (negative: earlier)", afterAnswer);
        out.printf("entries still pending right after the 2xx: %d; removal events missing: %d; numbers handed out after their "
                + "acceptance returned: %d%n", stillPending, measured.size() - sse.length, violations);
    }

    private void line(String label, long[] sorted) {
        out.printf("%-44s %6d %8.1f %8.1f %8.1f %8.1f%n", label, sorted.length, ms(PipelineLoadDriver.percentile(sorted, 50)),
                ms(PipelineLoadDriver.percentile(sorted, 95)), ms(PipelineLoadDriver.percentile(sorted, 99)),
                ms(sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos == -1 ? Double.NaN : nanos / 1e6;
    }

    private static long[] sorted(long[] values) {
        java.util.Arrays.sort(values);
        return values;
    }

    private static void readStream(InputStream body, Map<UUID, Long> streamed, CountDown subscribed) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                long now = System.nanoTime();
                if (line.startsWith(":")) {
                    subscribed.done();
                } else if (line.startsWith("data:")) {
                    Matcher m = CUSTOMER.matcher(line);
                    if (m.find()) {
                        streamed.putIfAbsent(UUID.fromString(m.group(1)), now);
                    }
                }
            }
        } catch (java.io.IOException ignored) {
            // the driver closes the stream at the end
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A one-shot latch. */
    private static final class CountDown {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        void done() {
            latch.countDown();
        }

        void await() throws InterruptedException {
            if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the removal stream did not open");
            }
        }
    }
}
