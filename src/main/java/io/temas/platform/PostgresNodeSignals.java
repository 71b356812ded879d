package io.temas.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Node signals on PostgreSQL: {@code pg_notify} on a channel per topic ({@code temas_<topic>}), so a
 * signal sent in a transaction leaves exactly when that transaction commits; one connection of its
 * own per node listens to every subscribed topic. When the listening connection breaks, it
 * reconnects and tells every listener (with null) so they reload what they may have missed; a
 * half-open connection is found by asking it every 30 quiet seconds.
 */
@Component
class PostgresNodeSignals implements NodeSignals, SmartLifecycle {

    private static final Pattern TOPIC = Pattern.compile("[a-z0-9_]{1,40}");
    private static final long LIVENESS_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static final Logger log = LoggerFactory.getLogger(PostgresNodeSignals.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    PostgresNodeSignals(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public void publish(String topic, String payload) {
        String channel = channel(topic);
        if (payload != null && payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a signal carries at most " + MAX_PAYLOAD + " bytes");
        }
        jdbc.sql("select pg_notify(?, ?)").params(channel, payload == null ? "" : payload).query((rs, n) -> 0).list();
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
        String channel = channel(topic);
        boolean fresh = !listeners.containsKey(channel);
        listeners.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(listener);
        Connection own = connection;
        if (fresh && own != null) {
            // A topic new to a running node: the listening connection is opened again, now listening to it too.
            try {
                own.close();
            } catch (SQLException ignored) {
                // closing only to make the listening thread reconnect
            }
        }
    }

    private static String channel(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("a topic is 1 to 40 lower-case letters, digits or underscores");
        }
        return "temas_" + topic;
    }

    private void listen() {
        long backoff = 250;
        boolean first = true;
        while (running) {
            try (Connection own = open()) {
                connection = own;
                try (Statement statement = own.createStatement()) {
                    for (String channel : listeners.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                if (!first) {
                    listeners.keySet().forEach(channel -> deliver(channel, null));
                }
                first = false;
                backoff = 250;
                PGConnection pg = own.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications == null || notifications.length == 0) {
                        if (System.nanoTime() - quietSince > LIVENESS_NANOS) {
                            try (Statement ping = own.createStatement()) {
                                ping.execute("select 1");
                            }
                            quietSince = System.nanoTime();
                        }
                        continue;
                    }
                    quietSince = System.nanoTime();
                    for (PGNotification notification : notifications) {
                        deliver(notification.getName(), notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Node signals: listening connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A node signal listener on {} failed: {}", channel, e.toString());
            }
        }
    }

    /** A connection of its own, outside the pool: it is held for the node's life. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            java.util.Properties properties = new java.util.Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("socketTimeout", "60");
            Connection own = DriverManager.getConnection(hikari.getJdbcUrl(), properties);
            own.setAutoCommit(true);
            return own;
        }
        return dataSource.getConnection();
    }

    /** Starts before the beans that subscribe begin their own work, and stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("node-signals").start(this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Connection own = connection;
        if (own != null) {
            try {
                own.close();
            } catch (SQLException ignored) {
                // closing only to wake the listening thread
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
