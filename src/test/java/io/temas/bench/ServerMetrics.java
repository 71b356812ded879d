package io.temas.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server says about itself around a phase: a scrape of {@code /actuator/prometheus}
 * and the CPU time of the Temas JVM and of the PostgreSQL processes read from {@code /proc},
 * taken before and after, and printed as the difference: messages by outcome, the pipeline's
 * step timers and batch sizes when the build emits them, the inbound API's request timer, the
 * HikariCP pool, and CPU seconds per message, so a run says where its time went.
 */
final class ServerMetrics {

    /** The utime, stime, cutime and cstime fields of {@code /proc/<pid>/stat}, after the command in parentheses. */
    private static final Pattern STAT = Pattern.compile("\\)\\s+\\S+(?:\\s+-?\\d+){10}\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+)\\s+(-?\\d+)");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    /** A histogram bucket's upper bound among its labels. */
    private static final Pattern LE = Pattern.compile(",?le=\"([^\"]+)\"");

    /** One look at the server. */
    record Snapshot(Map<String, Double> series, long temasTicks, Map<String, Long> temasThreads, long postgresTicks,
                    Map<Long, Process> postgresProcesses, long driverTicks, long nanos) {
    }

    /** One process of the embedded PostgreSQL: its kind (from its title) and its CPU ticks so far. */
    record Process(String kind, long ticks) {
    }

    /** A thread's name with its numbers folded, so a pool's threads count as one. */
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private final HttpClient http;
    private final URI prometheus;
    private final String token;
    private final long temasPid;
    private final long postmasterPid;
    private final boolean sameJvm;

    /**
     * @param temasPid      the process Temas runs in
     * @param postmasterPid the embedded PostgreSQL's postmaster, or -1 when unknown
     */
    ServerMetrics(HttpClient http, String base, String token, long temasPid, long postmasterPid) {
        this.http = http;
        this.prometheus = URI.create(base + "/actuator/prometheus");
        this.token = token;
        this.temasPid = temasPid;
        this.postmasterPid = postmasterPid;
        this.sameJvm = temasPid == ProcessHandle.current().pid();
    }

    Snapshot snapshot() {
        Map<String, Double> series = new TreeMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                series = parse(response.body());
            }
        } catch (IOException e) {
            // reported as missing series
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Snapshot(series, ticks(temasPid, false), threadTicks(temasPid), postgresTicks(), postgresProcesses(),
                sameJvm ? 0 : ticks(ProcessHandle.current().pid(), false),
                System.nanoTime());
    }

    /** Prometheus text format: {@code name{labels} value}; comments skipped. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            String value = line.substring(space + 1).strip();
            double number = switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            };
            series.put(line.substring(0, space).strip(), number);
        }
        return series;
    }

    /** Prints what changed between the two snapshots, per message answered in between. */
    void print(PrintStream out, String phase, int messages, Snapshot before, Snapshot after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        out.printf("%nWhere the time went in %s (%,d messages answered in %.1f s; /actuator/prometheus and /proc)%n", phase, messages, seconds);
        double temas = (after.temasTicks() - before.temasTicks()) / TICKS_PER_SECOND;
        double postgres = (after.postgresTicks() - before.postgresTicks()) / TICKS_PER_SECOND;
        out.printf("  CPU  %-34s %8.1f s  %7.2f ms/message  %5.2f cores%n", sameJvm ? "Temas and the driver (one JVM)" : "Temas JVM",
                temas, perMessage(temas, messages), temas / seconds);
        if (postmasterPid > 0) {
            out.printf("  CPU  %-34s %8.1f s  %7.2f ms/message  %5.2f cores%n", "PostgreSQL (postmaster and backends)", postgres,
                    perMessage(postgres, messages), postgres / seconds);
        }
        threads(out, before, after, messages);
        if (postmasterPid > 0) {
            out.printf("  CPU  %-34s%n", "PostgreSQL by process");
            postgresProcesses(out, before, after, messages);
        }
        if (!sameJvm) {
            double driver = (after.driverTicks() - before.driverTicks()) / TICKS_PER_SECOND;
            out.printf("  CPU  %-34s %8.1f s  %7.2f ms/message  %5.2f cores%n", "load driver", driver, perMessage(driver, messages),
                    driver / seconds);
        }
        Map<String, Double> a = after.series();
        Map<String, Double> b = before.series();
        if (a.isEmpty()) {
            out.printf("  (no answer from /actuator/prometheus)%n");
            return;
        }
        compilation(out, a, b, seconds);
        counters(out, "messages by outcome (temas.inbound.messages)", "temas_inbound_messages_total", a, b);
        timers(out, "pipeline steps (temas.pipeline.step)", "temas_pipeline_step_seconds", a, b, messages, true);
        timers(out, "hand-in to commit (temas.pipeline.latency)", "temas_pipeline_latency_seconds", a, b, messages, true);
        timers(out, "outbox: from a send's due time to its lane taking it (temas.outbox.wait)", "temas_outbox_wait_seconds", a, b, messages,
                true);
        timers(out, "batch size (temas.pipeline.batch.size)", "temas_pipeline_batch_size", a, b, messages, false);
        timers(out, "HTTP POST /api/v1/inbound (http.server.requests)", "http_server_requests_seconds", a, b, messages, true,
                "uri=\"/api/v1/inbound\"");
        timers(out, "periodic tasks (tasks.scheduled.execution)", "tasks_scheduled_execution_seconds", a, b, messages, true);
        timers(out, "HikariCP: waiting for a connection", "hikaricp_connections_acquire_seconds", a, b, messages, true);
        timers(out, "HikariCP: holding a connection", "hikaricp_connections_usage_seconds", a, b, messages, true);
        gauges(out, "HikariCP at the end", a, "hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
                "hikaricp_connections_max");
        List<String> others = new ArrayList<>();
        a.forEach((key, value) -> {
            if (key.startsWith("temas_") && !key.startsWith("temas_inbound_messages_total") && !key.startsWith("temas_pipeline_")
                    && (key.contains("_total") || key.contains("_count"))) {
                double delta = value - b.getOrDefault(key, 0.0);
                if (delta != 0) {
                    others.add(String.format("    %-90s %+,10.0f", key, delta));
                }
            }
        });
        if (!others.isEmpty()) {
            out.printf("  other temas.* counters that moved%n");
            others.forEach(out::println);
        }
    }

    /**
     * The JIT compilers' time in the phase ({@code jvm.compilation.time}, the compiler threads' elapsed time): a phase
     * with much of it measures a server still warming up, not one that has run for a while.
     */
    private static void compilation(PrintStream out, Map<String, Double> a, Map<String, Double> b, double seconds) {
        double millis = 0;
        boolean emitted = false;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            if (base(e.getKey()).equals("jvm_compilation_time_ms_total")) {
                millis += e.getValue() - b.getOrDefault(e.getKey(), 0.0);
                emitted = true;
            }
        }
        if (emitted) {
            // Several compiler threads work side by side, so this can exceed the phase.
            out.printf("  JIT  %-34s %8.1f s  in a phase of %.1f s%n", "compiling (jvm.compilation.time)", millis / 1000, seconds);
        }
    }

    private static double perMessage(double seconds, int messages) {
        return messages == 0 ? Double.NaN : seconds * 1000 / messages;
    }

    private static void counters(PrintStream out, String title, String name, Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        a.forEach((key, value) -> {
            if (base(key).equals(name)) {
                deltas.put(labels(key), value - b.getOrDefault(key, 0.0));
            }
        });
        if (deltas.isEmpty()) {
            out.printf("  %s: not emitted by this build%n", title);
            return;
        }
        out.printf("  %s%n", title);
        deltas.forEach((labels, delta) -> out.printf("    %-60s %,10.0f%n", labels, delta));
    }

    /**
     * A Micrometer timer ({@code _count}, {@code _sum} in seconds) or distribution summary: per
     * label set, how many, the mean, and (timers) milliseconds per message.
     */
    private static void timers(PrintStream out, String title, String name, Map<String, Double> a, Map<String, Double> b, int messages,
                               boolean time, String... mustContain) {
        String format = "    %-60s %10s %10s %10s %10s %12s%n";
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : a.entrySet()) {
            if (!base(e.getKey()).equals(name + "_count")) {
                continue;
            }
            String labels = labels(e.getKey());
            boolean wanted = true;
            for (String part : mustContain) {
                wanted &= labels.contains(part);
            }
            if (!wanted) {
                continue;
            }
            double count = e.getValue() - b.getOrDefault(e.getKey(), 0.0);
            String sumKey = name + "_sum" + e.getKey().substring(name.length() + "_count".length());
            double sum = a.getOrDefault(sumKey, 0.0) - b.getOrDefault(sumKey, 0.0);
            String maxKey = name + "_max" + e.getKey().substring(name.length() + "_count".length());
            double max = a.getOrDefault(maxKey, Double.NaN);
            if (count == 0) {
                continue;
            }
            if (time) {
                double p99 = p99(name, labels, a, b, count);
                rows.add(new String[] {labels, String.format("%,.0f", count), String.format("%.2f", sum * 1000 / count),
                        Double.isNaN(p99) ? "" : String.format("%.1f", p99 * 1000), String.format("%.1f", max * 1000),
                        String.format("%.3f", sum * 1000 / Math.max(1, messages))});
            } else {
                rows.add(new String[] {labels, String.format("%,.0f", count), String.format("%.2f", sum / count), "", String.format("%.0f", max),
                        ""});
            }
        }
        if (rows.isEmpty()) {
            boolean exists = a.keySet().stream().anyMatch(k -> base(k).equals(name + "_count"));
            out.printf("  %s: %s%n", title, exists ? "nothing recorded in this phase" : "not emitted by this build");
            return;
        }
        out.printf("  %s%n", title);
        out.printf(format, "", "count", time ? "mean ms" : "mean", time ? "p99 ms≤" : "", time ? "max ms*" : "max*", time ? "ms/message" : "");
        rows.forEach(r -> out.printf(format, (Object[]) r));
    }

    /**
     * The 99th percentile of a timer in the phase, from its histogram buckets' growth: the upper bound of the first bucket
     * that holds 99 % of what the phase recorded; NaN for a timer without buckets.
     */
    private static double p99(String name, String labels, Map<String, Double> a, Map<String, Double> b, double count) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Map.Entry<String, Double> e : a.entrySet()) {
            if (!base(e.getKey()).equals(name + "_bucket")) {
                continue;
            }
            Matcher m = LE.matcher(labels(e.getKey()));
            if (!m.find()) {
                continue;
            }
            String bound = m.group(1);
            if (!m.replaceFirst("").replaceFirst("^,", "").equals(labels)) {
                continue;
            }
            buckets.put("+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), e.getValue() - b.getOrDefault(e.getKey(), 0.0));
        }
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= 0.99 * count) {
                return bucket.getKey();
            }
        }
        return Double.NaN;
    }

    private static void gauges(PrintStream out, String title, Map<String, Double> a, String... names) {
        StringBuilder line = new StringBuilder();
        for (String name : names) {
            a.forEach((key, value) -> {
                if (base(key).equals(name)) {
                    line.append(String.format("  %s %.0f", name.substring("hikaricp_connections_".length()).isEmpty() ? name
                            : name.substring("hikaricp_connections_".length()), value));
                }
            });
        }
        out.printf("  %s:%s%n", title, line.isEmpty() ? " not emitted by this build" : line);
    }

    private static String base(String key) {
        int brace = key.indexOf('{');
        return brace < 0 ? key : key.substring(0, brace);
    }

    private static String labels(String key) {
        int brace = key.indexOf('{');
        return brace < 0 ? "" : key.substring(brace + 1, key.length() - 1);
    }

    /**
     * The Temas JVM's CPU by thread (pools folded into one line), largest first: how much went to request and pipeline
     * work on the carrier threads, to the garbage collector, to the JIT compilers. Threads that ended within the phase
     * are in the JVM's total only, and are printed as the remainder.
     */
    private void threads(PrintStream out, Snapshot before, Snapshot after, int messages) {
        Map<String, Long> deltas = new TreeMap<>();
        after.temasThreads().forEach((name, ticks) -> {
            long delta = ticks - before.temasThreads().getOrDefault(name, 0L);
            if (delta > 0) {
                deltas.put(name, delta);
            }
        });
        long shown = deltas.values().stream().mapToLong(Long::longValue).sum();
        long rest = after.temasTicks() - before.temasTicks() - shown;
        if (rest > 0) {
            deltas.put("(threads that ended in the phase)", rest);
        }
        deltas.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> out.printf("       %-34s %8.1f s  %7.2f ms/message%n", e.getKey(), e.getValue() / TICKS_PER_SECOND,
                        perMessage(e.getValue() / TICKS_PER_SECOND, messages)));
    }

    /** CPU ticks of a process's threads by folded name (from {@code /proc/<pid>/task}); empty where the system does not tell. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    Matcher m = STAT.matcher(stat);
                    if (open >= 0 && close > open && m.find()) {
                        String name = NUMBERS.matcher(stat.substring(open + 1, close)).replaceAll("#");
                        byName.merge(name, Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)), Long::sum);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byName;
    }

    /**
     * The embedded PostgreSQL's CPU by kind of process, largest first: the backends serving statements, and the server's
     * own workers (autovacuum, WAL writer, checkpointer, background writer). Processes that ended within the phase (an
     * autovacuum worker ends after each table) are in the postmaster's count of its ended children, less what they had
     * used before the phase began.
     */
    private void postgresProcesses(PrintStream out, Snapshot before, Snapshot after, int messages) {
        Map<String, Long> deltas = new TreeMap<>();
        after.postgresProcesses().forEach((pid, process) -> {
            Process earlier = before.postgresProcesses().get(pid);
            deltas.merge(process.kind(), process.ticks() - (earlier == null ? 0 : earlier.ticks()), Long::sum);
        });
        long listed = deltas.values().stream().mapToLong(Long::longValue).sum();
        long ended = after.postgresTicks() - before.postgresTicks() - listed;
        if (ended > 0) {
            deltas.put("(processes that ended in the phase)", ended);
        }
        deltas.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.printf("       %-34s %8.1f s  %7.2f ms/message%n", e.getKey(), e.getValue() / TICKS_PER_SECOND,
                        perMessage(e.getValue() / TICKS_PER_SECOND, messages)));
    }

    /**
     * The embedded PostgreSQL's processes now, the postmaster among them, by pid: a backend's title
     * ({@code postgres: user database host state}) is its kind "backend", a worker's is its name ({@code postgres:
     * autovacuum worker}).
     */
    private Map<Long, Process> postgresProcesses() {
        if (postmasterPid <= 0) {
            return Map.of();
        }
        Map<Long, Process> processes = new TreeMap<>();
        processes.put(postmasterPid, new Process("postmaster", ticks(postmasterPid, false)));
        ProcessHandle.of(postmasterPid).stream().flatMap(ProcessHandle::descendants).forEach(p -> {
            String title;
            try {
                title = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ').strip();
            } catch (IOException | RuntimeException gone) {
                return;
            }
            String kind = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
            boolean worker = kind.matches("(autovacuum|walwriter|checkpointer|background writer|logical replication|"
                    + "walsummarizer|io worker|startup|archiver|stats|parallel worker|walreceiver|walsender).*");
            processes.put(p.pid(), new Process(worker ? NUMBERS.matcher(kind).replaceAll("#").strip() : "backends", ticks(p.pid(), false)));
        });
        return processes;
    }

    /**
     * The embedded PostgreSQL: the postmaster's own CPU and that of its children that have ended,
     * plus the backends and workers alive now.
     */
    private long postgresTicks() {
        if (postmasterPid <= 0) {
            return 0;
        }
        return ticks(postmasterPid, true) + ProcessHandle.of(postmasterPid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(p -> ticks(p.pid(), false)).sum();
    }

    /** User and system CPU ticks of one process (all its threads), and of its waited-for children when asked. */
    static long ticks(long pid, boolean withChildren) {
        try {
            Matcher stat = STAT.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            if (!stat.find()) {
                return 0;
            }
            long own = Long.parseLong(stat.group(1)) + Long.parseLong(stat.group(2));
            return withChildren ? own + Long.parseLong(stat.group(3)) + Long.parseLong(stat.group(4)) : own;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
