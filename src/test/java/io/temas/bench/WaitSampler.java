package io.temas.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Samples, every few milliseconds while a phase runs, what the database sessions of the
 * application are doing ({@code pg_stat_activity}: running, or waiting on a lock, on I/O, on the
 * client) and how many callers wait for a pooled connection. It uses its own connection, not
 * one from the application's pool. A rough picture of where the time goes, not a profiler.
 */
final class WaitSampler implements AutoCloseable {

    /** What the samples showed. */
    record Picture(int samples, double activeSessions, double waitingForConnection, Map<String, Double> sessionsByState) {
    }

    private static final String QUERY = """
            select case when a.wait_event_type is null then 'running (CPU)'
                        when a.wait_event_type = 'Lock' then 'Lock: ' || a.wait_event || coalesce(' on ' || (
                            select l.relation::regclass::text from pg_locks l
                            where l.pid = a.pid and not l.granted and l.relation is not null limit 1), '')
                        else a.wait_event_type || ': ' || a.wait_event end as state,
                   count(*)
            from pg_stat_activity a
            where a.backend_type = 'client backend' and a.state = 'active' and a.pid <> pg_backend_pid()
            group by 1""";

    private final Connection connection;
    private final HikariDataSource pool;
    private final long intervalMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Long> counts = new HashMap<>();
    private final Thread thread;
    private long samples;
    private long active;
    private long waitingForConnection;

    private WaitSampler(Connection connection, DataSource dataSource, long intervalMillis) {
        this.connection = connection;
        this.pool = dataSource instanceof HikariDataSource hikari ? hikari : null;
        this.intervalMillis = intervalMillis;
        this.thread = Thread.ofPlatform().daemon().name("bench-wait-sampler").start(this::loop);
    }

    /** Starts sampling over a separate connection to the pool's database, or answers null when none can be opened. */
    static WaitSampler start(HikariDataSource pool, DataSource dataSource, long intervalMillis) {
        if (pool == null) {
            return null;
        }
        try {
            Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            connection.setAutoCommit(true);
            return new WaitSampler(connection, dataSource, intervalMillis);
        } catch (SQLException e) {
            return null;
        }
    }

    private void loop() {
        try (Statement statement = connection.createStatement()) {
            while (running.get()) {
                long in = 0;
                Map<String, Long> sample = new HashMap<>();
                try (ResultSet rs = statement.executeQuery(QUERY)) {
                    while (rs.next()) {
                        sample.merge(rs.getString(1), rs.getLong(2), Long::sum);
                        in += rs.getLong(2);
                    }
                }
                int waiting = pool == null || pool.getHikariPoolMXBean() == null ? 0
                        : pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
                synchronized (this) {
                    samples++;
                    active += in;
                    waitingForConnection += waiting;
                    sample.forEach((k, v) -> counts.merge(k, v, Long::sum));
                }
                Thread.sleep(intervalMillis);
            }
        } catch (SQLException | InterruptedException e) {
            // stop sampling
        }
    }

    synchronized Picture picture() {
        Map<String, Double> states = new HashMap<>();
        counts.forEach((k, v) -> states.put(k, samples == 0 ? 0 : v / (double) samples));
        return new Picture((int) samples, samples == 0 ? 0 : active / (double) samples,
                samples == 0 ? 0 : waitingForConnection / (double) samples, states);
    }

    static List<Map.Entry<String, Double>> top(Picture picture, int n) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(picture.sessionsByState().entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return entries.subList(0, Math.min(n, entries.size()));
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // already gone
        }
    }
}
