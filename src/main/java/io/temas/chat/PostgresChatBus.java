package io.temas.chat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat bus on PostgreSQL: {@code pg_notify} on channel {@code temas_chat}, so a signal sent in a
 * transaction leaves exactly when that transaction commits; one connection of its own per node
 * listens. A signal larger than NOTIFY's 8,000-byte payload travels without its event, and readers
 * load the event by its number. When the listening connection breaks, the bus reconnects and tells
 * its listeners (with null) so they reload what they may have missed.
 */
@Component
class PostgresChatBus implements ChatBus, SmartLifecycle {

    static final String CHANNEL = "temas_chat";
    private static final int MAX_PAYLOAD = 7_900;
    private static final long LIVENESS_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static final Logger log = LoggerFactory.getLogger(PostgresChatBus.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final List<Consumer<ChatSignal>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    PostgresChatBus(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public void publish(ChatSignal signal) {
        String payload = json.writeValueAsString(signal);
        if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            payload = json.writeValueAsString(new ChatSignal(signal.sessionId(), signal.conversationId(), signal.kind(), signal.seq(),
                    signal.from(), signal.agent(), null));
        }
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query((rs, n) -> 0).list();
    }

    @Override
    public void subscribe(Consumer<ChatSignal> listener) {
        listeners.add(listener);
    }

    private void listen() {
        long backoff = 250;
        boolean first = true;
        while (running) {
            try (Connection own = open()) {
                connection = own;
                try (Statement statement = own.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    deliver(null);
                }
                first = false;
                backoff = 250;
                PGConnection pg = own.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications == null || notifications.length == 0) {
                        if (System.nanoTime() - quietSince > LIVENESS_NANOS) {
                            // A half-open connection (an idle timeout in between) returns nothing forever; asking finds out.
                            try (Statement ping = own.createStatement()) {
                                ping.execute("select 1");
                            }
                            quietSince = System.nanoTime();
                        }
                        continue;
                    }
                    quietSince = System.nanoTime();
                    for (PGNotification notification : notifications) {
                        try {
                            deliver(json.readValue(notification.getParameter(), ChatSignal.class));
                        } catch (RuntimeException e) {
                            log.warn("Chat bus: unreadable signal dropped: {}", e.toString());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Chat bus: listening connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void deliver(ChatSignal signal) {
        for (Consumer<ChatSignal> listener : listeners) {
            try {
                listener.accept(signal);
            } catch (RuntimeException e) {
                log.warn("Chat bus listener failed: {}", e.toString());
            }
        }
    }

    /** A connection of the bus's own, outside the pool: it is held for the node's life. */
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

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("chat-bus").start(this::listen);
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
