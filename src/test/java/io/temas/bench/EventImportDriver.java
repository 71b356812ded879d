package io.temas.bench;

import java.io.BufferedWriter;
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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One million events from other systems imported over HTTP into the packaged jar, as a bank's nightly export would be:
 * an NDJSON file (or CSV, {@code -Dbench.format=csv}) of {@code bench.events} events (default 1,000,000) of
 * {@code bench.people} people (default 20,000, each known by an account number and an e-mail address, so the first
 * event of each creates the customer), with eight event types and a branch, an amount and an outcome among the
 * attributes. The driver starts the jar on a fresh data directory and imports three files, each sent to
 * {@code POST /api/v1/customer-events/imports} as one streamed body and polled until done, printing the time to store
 * the file, the time to process it, the whole, events per second, and the load average before and after (the machine
 * may be shared): first one event per person (every one a new customer, created in bulk through the identity
 * graph), then the million events of people now known (the daily feed of a bank), then the same million again (every
 * event repeated: the idempotency check alone).
 *
 * <pre>
 * ./mvnw -DskipTests package
 * ./mvnw -Pbench test-compile exec:java -Dexec.mainClass=io.temas.bench.EventImportDriver -Dbench.events=1000000
 * </pre>
 */
public final class EventImportDriver {

    private static final PrintStream OUT = System.out;
    private static final String[] TYPES = {"branch_visit", "atm_use", "online_banking_sign_in", "mobile_banking_sign_in", "order",
            "payment", "purchase", "churn"};
    private static final String[] BRANCHES = {"Kadıköy şubesi", "Levent şubesi", "Bakırköy şubesi", "Kızılay şubesi", "Alsancak şubesi"};
    private static final Pattern FIELD = Pattern.compile("\"(status|linesDone|totalLines|taken|repeated|refused)\":\"?([a-z0-9]+)");

    private final int events = Integer.getInteger("bench.events", 1_000_000);
    private final int people = Integer.getInteger("bench.people", 20_000);
    private final String format = System.getProperty("bench.format", "ndjson");
    private final String token = PackagedJar.secret();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        new EventImportDriver().run();
    }

    private void run() throws Exception {
        Path file = file();
        Path jar = PackagedJar.jar();
        Path data = Files.createTempDirectory("temas-events-bench");
        int port = PackagedJar.freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TEMAS_DATA_DIR", data.toString());
        env.put("PORT", Integer.toString(port));
        env.put("TEMAS_DEMO_DATA", "false");
        env.put("TEMAS_BOOTSTRAP_ADMIN_PASSWORD", PackagedJar.secret());
        env.put("TEMAS_BOOTSTRAP_API_TOKEN", token);
        Path log = data.resolve("temas.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        OUT.printf("Starting %s on port %d (data %s, log %s)%n", jar.getFileName(), port, data, log);
        Process temas = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealth(temas, base);
            OUT.printf("%s file of %,d events of %,d people, %,d bytes; %d cores%n", format, events, people, Files.size(file),
                    Runtime.getRuntime().availableProcessors());
            importOnce(base, people(), people, "people (one event each, every one a new customer)");
            importOnce(base, file, events, "events of known people");
            importOnce(base, file, events, "the same events again (every one repeated)");
        } finally {
            temas.destroy();
            if (!temas.waitFor(60, TimeUnit.SECONDS)) {
                temas.destroyForcibly();
            }
        }
    }

    private void importOnce(String base, Path file, int count, String label) throws Exception {
        String loadBefore = LoadSampler.now();
        Instant start = Instant.now();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/customer-events/imports?format=" + format))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", format.equals("csv") ? "text/csv" : "application/x-ndjson")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + started.statusCode() + " " + started.body());
        }
        Instant stored = Instant.now();
        String id = field(started.body(), "\"id\":\"([0-9a-f-]{36})\"");
        Map<String, String> job;
        while (true) {
            job = job(base, id);
            if (job.get("status").equals("done") || job.get("status").equals("failed")) {
                break;
            }
            Thread.sleep(200);
        }
        Instant done = Instant.now();
        double total = ChronoUnit.MILLIS.between(start, done) / 1000.0;
        OUT.printf("%s: status %s, %s taken, %s repeated, %s refused of %s lines%n", label, job.get("status"), job.get("taken"),
                job.get("repeated"), job.get("refused"), job.get("totalLines"));
        OUT.printf("  file stored in %.1f s, processed in %.1f s, whole %.1f s: %,.0f events/s; load average before %s, after %s%n",
                ChronoUnit.MILLIS.between(start, stored) / 1000.0, ChronoUnit.MILLIS.between(stored, done) / 1000.0, total,
                count / total, loadBefore, LoadSampler.now());
    }

    /** As {@link PackagedJar#awaitHealth}, but patient for 15 minutes: on a shared, loaded machine the start alone can take five. */
    private void awaitHealth(Process temas, String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!temas.isAlive()) {
                throw new IllegalStateException("Temas stopped during start, exit " + temas.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Temas did not report UP within 15 minutes");
    }

    private Map<String, String> job(String base, String id) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/customer-events/imports/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(answer.body());
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2));
        }
        return fields;
    }

    private static String field(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + body);
        }
        return m.group(1);
    }


    /** One sign-in per person, each carrying both identifiers. */
    private Path people() throws IOException {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Path file = dir.resolve("people-" + people + "." + format);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format.equals("csv")) {
                out.write("type,at,source_id,email,account_number\n");
            }
            for (int person = 0; person < people; person++) {
                String account = "TR" + (100000000 + person);
                String email = "musteri" + person + "@ornek.com.tr";
                if (format.equals("csv")) {
                    out.write("online_banking_sign_in,2026-10-01T08:00:00Z,bench-person-" + person + "," + email + "," + account + "\n");
                } else {
                    out.write("{\"type\":\"online_banking_sign_in\",\"at\":\"2026-10-01T08:00:00Z\",\"sourceId\":\"bench-person-" + person
                            + "\",\"identifiers\":{\"email\":\"" + email + "\",\"accountNumber\":\"" + account + "\"}}\n");
                }
            }
        }
        return file;
    }

    /** The generated file, kept under target/bench and made again only when missing. */
    private Path file() throws IOException {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Path file = dir.resolve("events-" + events + "-" + people + "." + format);
        if (Files.exists(file)) {
            return file;
        }
        Path part = dir.resolve(file.getFileName() + ".part");
        Instant base = Instant.parse("2026-11-01T06:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            if (format.equals("csv")) {
                out.write("type,at,source_id,email,account_number,attr.branch,attr.amount,attr.currency,attr.outcome\n");
            }
            for (int i = 0; i < events; i++) {
                int person = (int) ((i * 7919L) % people);
                String type = TYPES[i % TYPES.length];
                String at = base.plusSeconds(i * 2L).toString();
                String branch = BRANCHES[i % BRANCHES.length];
                String outcome = i % 50 == 0 ? "refused" : "ok";
                String account = "TR" + (100000000 + person);
                String email = "musteri" + person + "@ornek.com.tr";
                if (format.equals("csv")) {
                    out.write(type + "," + at + ",bench-" + i + "," + email + "," + account + "," + branch + "," + (i % 5000) + ".50,TRY," + outcome + "\n");
                } else {
                    out.write("{\"type\":\"" + type + "\",\"at\":\"" + at + "\",\"sourceId\":\"bench-" + i + "\",\"identifiers\":{\"email\":\""
                            + email + "\",\"accountNumber\":\"" + account + "\"},\"attributes\":{\"branch\":\"" + branch + "\",\"amount\":"
                            + (i % 5000) + ".5,\"currency\":\"TRY\",\"outcome\":\"" + outcome + "\"}}\n");
                }
            }
        }
        Files.move(part, file);
        return file;
    }
}
