package io.temas.platform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
 * @param heapKept           freed memory each server process keeps for its next statements instead of giving it back
 *                           to the system at once (glibc's allocator, on Linux; {@link ServerAllocator}); 0: glibc's
 *                           own defaults
 * @param server             further settings of the embedded server, by PostgreSQL's name, a dash standing for an
 *                           underscore ({@code temas.postgres.server.log-min-duration-statement=250ms},
 *                           {@code temas.postgres.server.shared-preload-libraries=pg_stat_statements}); given to
 *                           the server at its start, after Temas' own, so they win over them, except those
 *                           Temas depends on ({@link #OWNED}), which are refused
 */
@ConfigurationProperties("temas.postgres")
public record PostgresSettings(
        @DefaultValue("128MB") DataSize sharedBuffers,
        @DefaultValue("0") int maxConnections,
        @DefaultValue("4MB") DataSize workMem,
        @DefaultValue("64MB") DataSize maintenanceWorkMem,
        @DefaultValue("2") int idleConnections,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("true") boolean unixSocket,
        @DefaultValue("8MB") DataSize heapKept,
        Map<String, String> server) {

    /** The defaults, for a database started outside a Spring context. */
    static final PostgresSettings DEFAULTS = new PostgresSettings(DataSize.ofMegabytes(128), 0, DataSize.ofMegabytes(4),
            DataSize.ofMegabytes(64), 2, Duration.ofSeconds(60), true, DataSize.ofMegabytes(8), Map.of());

    /**
     * Server settings Temas decides, with what to use instead: where it listens and who may connect (Temas alone,
     * with its password), that every commit reaches the disk (the promise that nothing taken is lost), and the sizes
     * its own settings set.
     */
    static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("port", "temas.embedded-port"),
            Map.entry("listen_addresses", ""),
            Map.entry("unix_socket_directories", "temas.postgres.unix-socket"),
            Map.entry("unix_socket_permissions", ""),
            Map.entry("unix_socket_group", ""),
            Map.entry("hba_file", ""),
            Map.entry("ident_file", ""),
            Map.entry("config_file", ""),
            Map.entry("data_directory", "temas.data-dir"),
            Map.entry("password_encryption", ""),
            Map.entry("fsync", "temas.durable"),
            Map.entry("synchronous_commit", "temas.durable"),
            Map.entry("full_page_writes", "temas.durable"),
            Map.entry("max_connections", "temas.postgres.max-connections"),
            Map.entry("shared_buffers", "temas.postgres.shared-buffers"),
            Map.entry("work_mem", "temas.postgres.work-mem"),
            Map.entry("maintenance_work_mem", "temas.postgres.maintenance-work-mem"));

    /** A setting's name as PostgreSQL spells it: a word, or an extension's word and one of its own. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62})?");
    private static final int LONGEST_VALUE = 1024;

    public PostgresSettings {
        if (heapKept != null && heapKept.isNegative()) {
            throw new IllegalStateException("temas.postgres.heap-kept must be 0 (glibc's own defaults) or more, not " + heapKept);
        }
        Map<String, String> named = new LinkedHashMap<>();
        (server == null ? Map.<String, String>of() : server).forEach((given, value) -> {
            String name = given.toLowerCase(Locale.ROOT).replace('-', '_');
            String property = "temas.postgres.server." + given;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(property + " is not a PostgreSQL setting's name");
            }
            if (OWNED.containsKey(name)) {
                String instead = OWNED.get(name);
                throw new IllegalStateException(property + ": Temas sets " + name + " itself"
                        + (instead.isEmpty() ? "" : "; use " + instead));
            }
            if (value == null || value.length() > LONGEST_VALUE || value.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
                throw new IllegalStateException(property + " must be one line of at most " + LONGEST_VALUE + " characters");
            }
            if (named.put(name, value) != null) {
                throw new IllegalStateException(property + " is given twice");
            }
        });
        server = Map.copyOf(named);
    }

    /** These sizes with other server settings of an operator's. */
    PostgresSettings withServer(Map<String, String> settings) {
        return new PostgresSettings(sharedBuffers, maxConnections, workMem, maintenanceWorkMem, idleConnections, idleTimeout, unixSocket,
                heapKept, settings);
    }

    /** {@code max_connections} for a pool of {@code poolSize}. */
    int maxConnections(int poolSize) {
        return maxConnections > 0 ? maxConnections : poolSize + 20;
    }

    /** A size in PostgreSQL's notation (whole kilobytes). */
    static String kilobytes(DataSize size) {
        return Math.max(64, size.toKilobytes()) + "kB";
    }
}
