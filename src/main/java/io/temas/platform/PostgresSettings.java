package io.temas.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large the embedded PostgreSQL and its connection pool are. The defaults fit one small
 * machine running Temas and its database together: memory the database only needs under load
 * (shared buffers it has not yet read into, sort memory, connections beyond the idle few) is not
 * taken while it is quiet. A busy node raises them together with {@code temas.pool-size}.
 *
 * @param sharedBuffers      PostgreSQL's page cache ({@code shared_buffers}); pages are only
 *                           resident once read
 * @param maxConnections     {@code max_connections}; 0: the pool size plus 20 (the node-signals
 *                           listener, an operator's psql, a second pool while a test restarts)
 * @param workMem            memory one sort or hash step may use before spilling to disk
 * @param maintenanceWorkMem memory for vacuum and index builds
 * @param idleConnections    connections the pool keeps open while nothing happens; it opens more,
 *                           up to {@code temas.pool-size}, when they are asked for, and closes
 *                           them again after {@code idleTimeout}
 * @param idleTimeout        how long a connection beyond {@code idleConnections} may stay unused
 * @param unixSocket         whether the pool reaches the server through a Unix socket in the data
 *                           directory (cheaper round trips) rather than TCP on the loopback
 *                           interface; off, or a path too long for a socket, or Windows: TCP
 */
@ConfigurationProperties("temas.postgres")
public record PostgresSettings(
        @DefaultValue("128MB") DataSize sharedBuffers,
        @DefaultValue("0") int maxConnections,
        @DefaultValue("4MB") DataSize workMem,
        @DefaultValue("64MB") DataSize maintenanceWorkMem,
        @DefaultValue("2") int idleConnections,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("true") boolean unixSocket) {

    /** The defaults, for a database started outside a Spring context. */
    static final PostgresSettings DEFAULTS = new PostgresSettings(DataSize.ofMegabytes(128), 0, DataSize.ofMegabytes(4),
            DataSize.ofMegabytes(64), 2, Duration.ofSeconds(60), true);

    /** {@code max_connections} for a pool of {@code poolSize}. */
    int maxConnections(int poolSize) {
        return maxConnections > 0 ? maxConnections : poolSize + 20;
    }

    /** A size in PostgreSQL's notation (whole kilobytes). */
    static String kilobytes(DataSize size) {
        return Math.max(64, size.toKilobytes()) + "kB";
    }
}
