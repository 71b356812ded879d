package io.temas.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start time and idle memory of the packaged jar on a data directory that already exists.
 *
 * <p>Prepares a data directory once (the first start creates the embedded database and loads the
 * demo data), stops Temas cleanly, then starts it {@code bench.runs} times on that directory. For
 * each start it reports the time from starting the process to the first {@code /actuator/health}
 * answering UP (polled every {@code bench.poll-ms}), what Spring logged as its own start time, and,
 * after {@code bench.settle} seconds without traffic, the resident memory of the JVM and of the
 * embedded PostgreSQL (the postmaster and every process it forked): RSS and PSS from
 * {@code /proc/<pid>/smaps_rollup}. PSS shares pages used by several processes out between them,
 * so the PostgreSQL processes' shared buffers are counted once, not once per process; it is the
 * figure to add up. With {@code bench.requests} > 0 it then signs in to the console, opens a few
 * pages and calls the API that many times, waits {@code bench.settle-after} seconds and measures
 * again.
 *
 * <p>JVM options for the started jar: {@code -Dbench.jvm-args="-Xmx256m ..."}; application
 * arguments: {@code -Dbench.server-args="--temas.x=y ..."}. Linux only ({@code /proc}).
 */
public final class StartupDriver {

    private static final PrintStream OUT = System.out;
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Pattern STARTED = Pattern.compile("Started TemasApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private final int runs = Integer.getInteger("bench.runs", 3);
    private final int settle = Integer.getInteger("bench.settle", 30);
    private final int settleAfter = Integer.getInteger("bench.settle-after", 15);
    private final int requests = Integer.getInteger("bench.requests", 20);
    private final long pollMillis = Long.getLong("bench.poll-ms", 20);
    private final int maxStart = Integer.getInteger("bench.max-start", 900);
    private final boolean keep = Boolean.getBoolean("bench.keep");
    private final String apiToken = PackagedJar.secret();
    private final String adminPassword = PackagedJar.secret();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One start: times and memory. */
    private record Run(String label, double healthSeconds, double cpuSeconds, double springSeconds, double processSeconds, Memory idle, Memory used,
                       double stopSeconds) {
    }

    /** Resident memory in KiB of the JVM and of the PostgreSQL processes. */
    private record Memory(long jvmRss, long jvmPss, int pgProcesses, long pgRss, long pgPss) {

        long rss() {
            return jvmRss + pgRss;
        }

        long pss() {
            return jvmPss + pgPss;
        }
    }

    public static void main(String[] args) throws Exception {
        new StartupDriver().run();
    }

    private void run() throws Exception {
        Path jar = PackagedJar.jar();
        Path data = Files.createTempDirectory("temas-startup-bench");
        OUT.printf("Jar %s, data %s, JVM options [%s], arguments [%s]%n", jar, data, System.getProperty("bench.jvm-args", ""),
                System.getProperty("bench.server-args", ""));
        OUT.printf("%d starts on the existing directory; settle %d s%s; load average %s%n", runs, settle,
                requests > 0 ? ", then " + requests + " rounds of console and API requests and " + settleAfter + " s" : "", loadAverage());
        List<Run> results = new ArrayList<>();
        try {
            Run first = start(jar, data, "create", 0, false);
            OUT.printf("First start (creates the database, loads the demo data): UP after %.2f s (JVM CPU %.1f s), stopped in %.1f s%n",
                    first.healthSeconds(), first.cpuSeconds(), first.stopSeconds());
            for (int i = 1; i <= runs; i++) {
                Run r = start(jar, data, "run " + i, settle, true);
                results.add(r);
                OUT.printf("  %s: UP after %.2f s (JVM CPU %.1f s); idle %s%s%n", r.label(), r.healthSeconds(), r.cpuSeconds(), describe(r.idle()),
                        r.used() == null ? "" : "; after requests " + describe(r.used()));
            }
            report(results);
        } finally {
            if (keep) {
                OUT.println("Kept " + data);
            } else {
                delete(data);
            }
        }
    }

    /** Starts the jar, waits for UP, optionally settles and measures, then stops it cleanly. */
    private Run start(Path jar, Path data, String label, int settleSeconds, boolean measure) throws Exception {
        int port = PackagedJar.freePort();
        Path log = data.resolve("temas-" + label.replace(' ', '-') + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(PackagedJar.options("bench.jvm-args"));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(PackagedJar.options("bench.server-args"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TEMAS_") || k.equals("PORT") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        env.putAll(Map.of("TEMAS_DATA_DIR", data.toString(), "PORT", Integer.toString(port), "TEMAS_DEMO_DATA", "true",
                "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", adminPassword, "TEMAS_BOOTSTRAP_API_TOKEN", apiToken));
        builder.environment().clear();
        builder.environment().putAll(env);
        String base = "http://127.0.0.1:" + port;
        long starting = System.nanoTime();
        Process temas = builder.start();
        Memory idle = null;
        Memory used = null;
        double health;
        double cpu;
        try {
            awaitHealth(temas, base);
            health = (System.nanoTime() - starting) / 1e9;
            cpu = cpuSeconds(temas.pid());
            if (measure) {
                quiet(settleSeconds);
                idle = memory(temas, data);
                if (requests > 0) {
                    use(base);
                    quiet(settleAfter);
                    used = memory(temas, data);
                }
            }
        } catch (Exception | Error e) {
            temas.destroyForcibly();
            tail(log);
            throw e;
        }
        long stopping = System.nanoTime();
        temas.destroy();
        if (!temas.waitFor(120, TimeUnit.SECONDS)) {
            temas.destroyForcibly();
            throw new IllegalStateException("Temas did not stop within 120 s; log " + log);
        }
        double stop = (System.nanoTime() - stopping) / 1e9;
        if (Files.exists(data.resolve("postgres").resolve("postmaster.pid"))) {
            throw new IllegalStateException("the embedded PostgreSQL is still running after Temas stopped; log " + log);
        }
        double spring = Double.NaN;
        double process = Double.NaN;
        for (String line : Files.readAllLines(log)) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                spring = Double.parseDouble(m.group(1));
                process = Double.parseDouble(m.group(2));
            }
        }
        return new Run(label, health, cpu, spring, process, idle, used, stop);
    }

    private void awaitHealth(Process temas, String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxStart);
        while (System.nanoTime() < deadline) {
            if (!temas.isAlive()) {
                throw new IllegalStateException("Temas stopped during start, exit " + temas.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("Temas did not report UP within " + maxStart + " s");
    }

    /**
     * User and system CPU time the process has used so far ({@code /proc/<pid>/stat}, fields 14 and
     * 15, in clock ticks of 1/100 s): what the start costs, whatever else the machine is doing.
     */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Waits without sending anything: the idle period the memory is measured after. */
    private static void quiet(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);
    }

    /** Signs in to the console, opens the pages an agent opens first, calls the API, sends a message in. */
    private void use(String base) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher input = CSRF_INPUT.matcher(form.body());
        Matcher value = input.find() ? VALUE.matcher(input.group()) : null;
        if (value == null || !value.find()) {
            throw new IllegalStateException("the sign-in form has no _csrf field (HTTP " + form.statusCode() + ")");
        }
        String body = "username=admin&password=" + enc(adminPassword) + "&_csrf=" + enc(value.group(1));
        HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        Optional<String> location = login.headers().firstValue("Location");
        if (login.statusCode() != 302 || location.map(l -> l.contains("error")).orElse(true)) {
            throw new IllegalStateException("sign-in refused (HTTP " + login.statusCode() + ", " + location.orElse("no Location") + ")");
        }
        List<String> pages = List.of("/console/inbox", "/console/inbox?view=unassigned", "/console/admin", "/console/supervisor", "/console/customers");
        List<String> api = List.of("/api/v1/conversations?limit=20", "/api/v1/kb/articles?limit=20", "/api/v1/kb/search?q=fatura",
                "/api/v1/campaigns", "/api/v1/outbox");
        for (int round = 0; round < requests; round++) {
            for (String page : pages) {
                expect(browser.send(HttpRequest.newBuilder(URI.create(base + page)).build(), HttpResponse.BodyHandlers.discarding()), page);
            }
            for (String call : api) {
                expect(http.send(HttpRequest.newBuilder(URI.create(base + call)).header("Authorization", "Bearer " + apiToken).build(),
                        HttpResponse.BodyHandlers.discarding()), call);
            }
            String message = """
                    {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"startup-%s-%d","from":{"email":"olcum%d@example.com",\
                    "name":"Ölçüm"},"subject":"Fatura sorusu","text":"Merhaba, son faturamda bir tutar anlamadım."}"""
                    .formatted(apiToken.substring(0, 8), round, round % 5);
            expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/inbound")).header("Authorization", "Bearer " + apiToken)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(message)).build(),
                    HttpResponse.BodyHandlers.discarding()), "/api/v1/inbound");
        }
    }

    private static void expect(HttpResponse<?> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode());
        }
    }

    /** RSS and PSS of the JVM and of the postmaster with all its children. */
    private static Memory memory(Process temas, Path data) throws IOException {
        long[] jvm = rollup(temas.pid());
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());
        List<ProcessHandle> postgres = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(p -> {
            postgres.add(p);
            p.descendants().forEach(postgres::add);
        });
        long pgRss = 0;
        long pgPss = 0;
        for (ProcessHandle p : postgres) {
            long[] m = rollup(p.pid());
            pgRss += m[0];
            pgPss += m[1];
        }
        return new Memory(jvm[0], jvm[1], postgres.size(), pgRss, pgPss);
    }

    /** {@code Rss} and {@code Pss} of one process in KiB; zeros if it is gone. */
    private static long[] rollup(long pid) {
        long rss = 0;
        long pss = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Rss:")) {
                    rss = kib(line);
                } else if (line.startsWith("Pss:")) {
                    pss = kib(line);
                }
            }
        } catch (IOException gone) {
            // ended between listing and reading (a short-lived backend)
        }
        return new long[] {rss, pss};
    }

    private static long kib(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").strip());
    }

    private static String describe(Memory m) {
        return "JVM %d MiB PSS, PostgreSQL %d MiB PSS in %d processes, sum %d MiB PSS (%d MiB RSS)"
                .formatted(m.jvmPss() / 1024, m.pgPss() / 1024, m.pgProcesses(), m.pss() / 1024, m.rss() / 1024);
    }

    private void report(List<Run> results) {
        OUT.printf("%nLoad average at the end %s%n", loadAverage());
        OUT.println();
        OUT.println("| start | UP after (s) | JVM CPU to UP (s) | Spring's start (s) | JVM at start (s) | stop (s) | when | JVM RSS | JVM PSS | PG procs | PG RSS | PG PSS | sum RSS | sum PSS |");
        OUT.println("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Run r : results) {
            row(r, "idle", r.idle());
            if (r.used() != null) {
                row(r, "after requests", r.used());
            }
        }
        OUT.println("\nMemory in MiB (from /proc/<pid>/smaps_rollup); PG: the postmaster and every process it forked.");
        double[] health = results.stream().mapToDouble(Run::healthSeconds).sorted().toArray();
        OUT.printf("UP after: min %.2f s, median %.2f s, max %.2f s%n", health[0], health[health.length / 2], health[health.length - 1]);
        results.stream().map(Run::idle).max(Comparator.comparingLong(Memory::pss))
                .ifPresent(m -> OUT.printf("Largest idle sum: %d MiB PSS, %d MiB RSS%n", m.pss() / 1024, m.rss() / 1024));
    }

    private static void row(Run r, String when, Memory m) {
        OUT.printf("| %s | %.2f | %.1f | %.2f | %.2f | %.1f | %s | %d | %d | %d | %d | %d | %d | %d |%n", r.label(), r.healthSeconds(), r.cpuSeconds(),
                r.springSeconds(), r.processSeconds(), r.stopSeconds(), when, m.jvmRss() / 1024, m.jvmPss() / 1024, m.pgProcesses(),
                m.pgRss() / 1024, m.pgPss() / 1024, m.rss() / 1024, m.pss() / 1024);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> OUT.println("  | " + l));
        } catch (IOException e) {
            OUT.println("(no log: " + e.getMessage() + ")");
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
