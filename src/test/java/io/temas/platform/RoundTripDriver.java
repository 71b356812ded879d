package io.temas.platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What a statement's round trip costs, through TCP on the loopback interface against through the
 * embedded PostgreSQL's Unix socket ({@link UnixSocketFactory}): {@code bench.threads} connections
 * (platform or virtual threads, {@code bench.virtual}) each run {@code bench.statements} times a
 * prepared one-row select, alternately over each transport for {@code bench.rounds} rounds, on an
 * ephemeral durable database started as Temas starts it. Prints statements a second and the CPU
 * of the JVM and of the connections' backends ({@code /proc/<pid>/stat}) per statement.
 *
 * <pre>
 * ./mvnw -Pbench -q test-compile exec:java -Dexec.mainClass=io.temas.platform.RoundTripDriver -Dbench.threads=8
 * </pre>
 */
public final class RoundTripDriver {

    /** Linux's clock ticks a second ({@code getconf CLK_TCK}), which {@code /proc/<pid>/stat} counts in. */
    private static final double TICKS_PER_SECOND = 100;

    private RoundTripDriver() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        int statements = Integer.getInteger("bench.statements", 40_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        boolean virtual = Boolean.getBoolean("bench.virtual");
        Path root = Files.createTempDirectory("temas-round-trips-");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(new DatabaseSettings(root, false, 0, threads, true))) {
            String socket = database.socket().orElseThrow(() -> new IllegalStateException("no Unix socket: the temporary directory's path is too long")).toString();
            System.out.printf("%d connections on %s threads, %,d statements each, %d rounds%n", threads, virtual ? "virtual" : "platform",
                    statements, rounds);
            for (int round = 1; round <= rounds; round++) {
                for (String transport : List.of("tcp", "unix")) {
                    Properties properties = new Properties();
                    properties.setProperty("user", EmbeddedDatabase.USER);
                    properties.setProperty("password", database.password());
                    if (transport.equals("unix")) {
                        properties.setProperty("socketFactory", UnixSocketFactory.class.getName());
                        properties.setProperty("socketFactoryArg", socket);
                    }
                    run(round, transport, database.jdbcUrl(), properties, threads, statements, virtual);
                }
            }
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(root);
        }
    }

    private static void run(int round, String transport, String url, Properties properties, int threads, int statements, boolean virtual)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<Long> backends = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Connection connection = DriverManager.getConnection(url, properties);
                connections.add(connection);
                try (Statement statement = connection.createStatement(); ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
                    pid.next();
                    backends.add(pid.getLong(1));
                }
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long jvmBefore = os.getProcessCpuTime();
            long backendsBefore = ticks(backends);
            long start = System.nanoTime();
            List<Thread> running = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (Connection connection : connections) {
                Runnable work = () -> {
                    try (PreparedStatement select = connection.prepareStatement("select ?::int + 1")) {
                        for (int i = 0; i < statements; i++) {
                            select.setInt(1, i);
                            try (ResultSet row = select.executeQuery()) {
                                row.next();
                            }
                        }
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                };
                running.add(virtual ? Thread.ofVirtual().start(work) : Thread.ofPlatform().start(work));
            }
            for (Thread thread : running) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a connection failed", failures.getFirst());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = (long) threads * statements;
            double jvm = (os.getProcessCpuTime() - jvmBefore) / 1e3 / total;
            double postgres = (ticks(backends) - backendsBefore) * 1e6 / TICKS_PER_SECOND / total;
            System.out.printf("round %d  %-4s  %,9.0f statements/s   CPU per statement: JVM %5.1f µs, PostgreSQL %5.1f µs, both %5.1f µs%n",
                    round, transport, total / seconds, jvm, postgres, jvm + postgres);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** User and system CPU ticks of the processes. */
    private static long ticks(List<Long> pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return sum;
    }
}
