package io.temas.platform;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL as Temas runs it. It listens on the loopback interface and on a Unix
 * socket in a directory only Temas' user can enter, and lets in only the role {@code postgres}
 * with a generated password, kept in {@code <data-dir>/postgres-password} ({@code 0600}); the
 * data and the unpacked binaries are closed to other local users; a postmaster a killed Temas
 * left behind is stopped first. Temas' own pool connects through the socket
 * ({@link UnixSocketFactory}): a round trip through it costs less than one through TCP.
 *
 * <p>Layout under the data directory: {@code postgres/} (the cluster), {@code postgres-bin/}
 * (binaries unpacked from the class path), {@code postgres-socket/} (the socket, unless
 * {@code temas.postgres.unix-socket} is off, the system is Windows or the path is too long for one:
 * {@value #SOCKET_PATH_LIMIT} bytes on Linux), {@code postgres-password}. An ephemeral database has
 * the same layout in a fresh temporary directory, deleted on close, and shares its binaries
 * with other ephemeral ones of the same user.
 */
final class EmbeddedDatabase implements Closeable {

    static final String USER = "postgres";
    static final String PASSWORD_FILE = "postgres-password";
    static final String SOCKET_DIRECTORY = "postgres-socket";
    /** The longest path of a Unix socket Linux takes ({@code sun_path} holds 108 bytes with the terminating NUL). */
    static final int SOCKET_PATH_LIMIT = 107;
    /** The same on macOS and the BSDs, whose {@code sun_path} holds 104. */
    private static final int BSD_SOCKET_PATH_LIMIT = 103;
    /** The longest port number: the socket's name is {@code .s.PGSQL.<port>}. */
    private static final int SOCKET_NAME_LIMIT = ".s.PGSQL.65535".length();

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final String password;
    private final Path root;
    private final Path socketDirectory;
    private final boolean ephemeral;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password, Path root, Path socketDirectory, boolean ephemeral) {
        this.postgres = postgres;
        this.password = password;
        this.root = root;
        this.socketDirectory = socketDirectory;
        this.ephemeral = ephemeral;
    }

    static EmbeddedDatabase start(DatabaseSettings settings) throws IOException {
        return start(settings, PostgresSettings.DEFAULTS);
    }

    static EmbeddedDatabase start(DatabaseSettings settings, PostgresSettings sizes) throws IOException {
        Path root = settings.ephemeral()
                ? Files.createTempDirectory("temas-db-")
                : settings.dataDir().toAbsolutePath().normalize();
        boolean rootWasOpen = PrivateFiles.othersCanEnter(root);
        PrivateFiles.directory(root);
        Path binaries = settings.ephemeral() ? sharedBinaries() : root.resolve("postgres-bin");
        prepareBinaries(binaries, settings.ephemeral() ? PrivateFiles.othersCanEnter(binaries) : rootWasOpen);
        Path data = root.resolve("postgres");
        PrivateFiles.directory(data);

        Path passwordFile = root.resolve(PASSWORD_FILE);
        boolean passwordKnown = Files.exists(passwordFile);
        String password = DatabasePassword.readOrCreate(passwordFile);
        boolean initialised = Files.exists(data.resolve("postgresql.conf"));
        if (initialised && (!passwordKnown || !ClientAuthentication.isLocked(data))) {
            givePassword(settings, sizes, data, binaries, passwordFile, password);
        }
        Path sockets = sizes.unixSocket() ? socketDirectory(root) : null;
        EmbeddedPostgres postgres = builder(settings, sizes, data, binaries, passwordFile, password, ClientAuthentication.LOCKED)
                .setServerConfig("unix_socket_directories", sockets == null ? "" : sockets.toString())
                .setServerConfig("unix_socket_permissions", "0700")
                .start();
        // The files zonky has just unpacked, if it did, were made with the process's umask.
        PrivateFiles.tighten(binaries, false);
        return new EmbeddedDatabase(postgres, password, root, sockets, settings.ephemeral());
    }

    /**
     * A socket and its lock file that a killed server left: nothing else uses the directory, and its server is not
     * running (this runs under the data directory's lock, after an orphaned postmaster was stopped). Left alone, a lock
     * file naming a process id the system has since given to another process would stop the next start on that port.
     */
    private static void removeStaleSockets(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> stale = Files.list(directory)) {
            for (Path file : stale.filter(file -> file.getFileName().toString().startsWith(".s.PGSQL.")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * The private directory for the server's Unix socket, or null (TCP only) when the socket's path would be too long
     * for one. The socket is {@code 0700} in a {@code 0700} directory inside the data directory, which is {@code 0700} too.
     */
    private static Path socketDirectory(Path root) throws IOException {
        String system = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (system.startsWith("windows")) {
            return null;
        }
        int limit = system.contains("mac") || system.contains("bsd") ? BSD_SOCKET_PATH_LIMIT : SOCKET_PATH_LIMIT;
        Path directory = root.resolve(SOCKET_DIRECTORY);
        if (directory.toString().getBytes(StandardCharsets.UTF_8).length + 1 + SOCKET_NAME_LIMIT > limit) {
            log.info("The data directory's path is too long for a Unix socket in it; Temas reaches its PostgreSQL over TCP");
            return null;
        }
        PrivateFiles.directory(directory);
        return directory;
    }

    /**
     * A data directory of an older Temas trusted every local connection and its role has no
     * password: started once with trust for that role on the loopback interface only, it gets the
     * password, and is stopped to be started locked.
     */
    private static void givePassword(DatabaseSettings settings, PostgresSettings sizes, Path data, Path binaries, Path passwordFile, String password)
            throws IOException {
        log.info("Giving the embedded PostgreSQL in {} its password and locking it to Temas", data);
        try (EmbeddedPostgres opening = builder(settings, sizes, data, binaries, passwordFile, password, ClientAuthentication.SETTING_PASSWORD)
                .start();
             Connection connection = opening.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role " + USER + " with password '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("Could not give the embedded PostgreSQL its password", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(DatabaseSettings settings, PostgresSettings sizes, Path data, Path binaries, Path passwordFile,
            String password, ClientAuthentication authentication) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // Spring stops the database after everything that uses it, so no JVM hook of its own.
                .setRegisterShutdownHook(false)
                // Sized for one small machine (see PostgresSettings); shared memory is only resident once used.
                .setServerConfig("max_connections", Integer.toString(sizes.maxConnections(settings.poolSize())))
                .setServerConfig("shared_buffers", PostgresSettings.kilobytes(sizes.sharedBuffers()))
                .setServerConfig("work_mem", PostgresSettings.kilobytes(sizes.workMem()))
                .setServerConfig("maintenance_work_mem", PostgresSettings.kilobytes(sizes.maintenanceWorkMem()))
                // No huge pages: with "try" a machine that has some reserves them all at once.
                .setServerConfig("huge_pages", "off")
                .setServerConfig("max_wal_size", "2GB")
                // The embedded server is started with fsync off; a committed message must survive a power cut.
                .setServerConfig("fsync", settings.durable() ? "on" : "off")
                .setServerConfig("synchronous_commit", settings.durable() ? "on" : "off")
                .setServerConfig("full_page_writes", settings.durable() ? "on" : "off")
                // TCP on the loopback interface only (zonky checks readiness over it); the Unix socket, if any, is set by the caller.
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky passes its "locale" settings to initdb as --key=value, the only way to hand it the
                // password: a new cluster has it from its first start on.
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", password)
                .setDataDirectory(data)
                .setCleanDataDirectory(settings.ephemeral())
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPgBinaryResolver(new BinariesIn(binaries))
                // Runs after initdb and after zonky took the directory's lock, right before the postmaster starts.
                .setDataDirectoryCustomizer(directory -> {
                    try {
                        ServerAllocator.install(binaries, sizes.heapKept());
                        knownToTheServer(sizes.server(), binaries);
                        OrphanedPostmaster.stopIfRunning(directory.toPath());
                        removeStaleSockets(directory.toPath().resolveSibling(SOCKET_DIRECTORY));
                        PrivateFiles.tighten(directory.toPath(), false);
                        authentication.writeTo(directory.toPath());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        if (settings.embeddedPort() > 0) {
            builder.setPort(settings.embeddedPort());
        }
        // An operator's own settings last (none of them is one Temas depends on: PostgresSettings refuses those).
        sizes.server().forEach(builder::setServerConfig);
        return builder;
    }

    /**
     * An operator's setting the server does not know would stop it at its start, and zonky would only report, ten seconds
     * later, that it gave up waiting: refused at once instead, naming it. An extension's settings ({@code name.setting})
     * are not checked; the server takes any of them.
     */
    private static void knownToTheServer(Map<String, String> settings, Path binaries) throws IOException {
        List<String> core = settings.keySet().stream().filter(name -> !name.contains(".")).sorted().toList();
        if (core.isEmpty()) {
            return;
        }
        Path postgres = ServerAllocator.server(binaries).orElseThrow(() -> new IOException("no postgres binary under " + binaries));
        for (String libraries : List.of("shared_preload_libraries", "session_preload_libraries")) {
            if (settings.containsKey(libraries)) {
                librariesThere(libraries, settings.get(libraries), postgres.getParent().resolveSibling("lib").resolve("postgresql"));
            }
        }
        // Tab-separated, one setting a line, its name first; it starts no server.
        Process describe = new ProcessBuilder(postgres.toString(), "--describe-config").redirectErrorStream(true).start();
        Set<String> known;
        try (var lines = new BufferedReader(new InputStreamReader(describe.getInputStream(), StandardCharsets.UTF_8)).lines()) {
            known = lines.map(line -> line.split("\t", 2)[0]).collect(Collectors.toSet());
        }
        try {
            describe.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the server's settings", e);
        }
        List<String> unknown = core.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(unknown.stream().map(name -> "temas.postgres.server." + name.replace('_', '-'))
                    .collect(Collectors.joining(", ")) + ": the embedded PostgreSQL has no such setting");
        }
    }

    /** A library to preload that is not among the server's would stop it at its start too. */
    private static void librariesThere(String setting, String value, Path directory) throws IOException {
        List<String> missing = Arrays.stream(value.split(",")).map(name -> name.strip().replace("\"", ""))
                .filter(name -> !name.isEmpty() && !Files.isRegularFile(directory.resolve(name + ".so"))).toList();
        if (!missing.isEmpty()) {
            List<String> there;
            try (Stream<Path> files = Files.list(directory)) {
                there = files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".so"))
                        .map(file -> file.substring(0, file.length() - 3)).sorted().toList();
            }
            throw new IllegalStateException("temas.postgres.server." + setting.replace('_', '-') + ": the embedded PostgreSQL has no "
                    + String.join(", ", missing) + " (it has " + String.join(", ", there) + ")");
        }
    }

    /**
     * Binaries another user could have changed are thrown away and unpacked again: tightening the
     * permissions now would not undo a swapped {@code pg_ctl}.
     */
    private static void prepareBinaries(Path binaries, boolean reachableByOthers) throws IOException {
        Files.createDirectories(binaries);
        if (PrivateFiles.tighten(binaries, reachableByOthers)) {
            log.warn("The PostgreSQL binaries in {} were open to other users; unpacking them again", binaries);
            try (Stream<Path> children = Files.list(binaries)) {
                for (Path child : children.toList()) {
                    FileSystemUtils.deleteRecursively(child);
                }
            }
        }
        PrivateFiles.directory(binaries);
    }

    /**
     * zonky keeps one unpacked copy per resolver and JVM; one resolver per directory makes every
     * database run the binaries in its own directory, the ones that were checked.
     */
    private record BinariesIn(Path directory) implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /** Ephemeral databases of one user share their binaries in a directory only that user can enter. */
    private static Path sharedBinaries() {
        String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "temas-postgres-" + user);
        if (Files.isSymbolicLink(binaries)) {
            throw new IllegalStateException(binaries + " is a symbolic link; Temas does not run PostgreSQL binaries from there");
        }
        return binaries;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    /** The server's Unix socket, empty when it listens on TCP only. */
    Optional<Path> socket() {
        return Optional.ofNullable(socketDirectory).map(directory -> directory.resolve(".s.PGSQL." + port()));
    }

    String password() {
        return password;
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        if (ephemeral) {
            FileSystemUtils.deleteRecursively(root);
        }
    }
}
