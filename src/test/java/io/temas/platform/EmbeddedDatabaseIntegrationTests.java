package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The embedded PostgreSQL's locked doors, on real PostgreSQL processes started the way Temas
 * starts them: only Temas gets in, nobody else can change its files, and a postmaster a killed
 * Temas left running does not stop the next start.
 */
class EmbeddedDatabaseIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aPostmasterLeftRunningByAKilledJvmIsStoppedAndTheDataIsThere() throws Exception {
        long orphan = startInAJvmKilledAfterwards("written before the kill");
        try {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the postmaster outlived its JVM").contains(true);

            try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
                assertThat(notes(database)).containsExactly("written before the kill");
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            }
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aProcessIdFileWhoseProcessIsGoneOrIsNoPostgresDoesNotStopTheStart() throws Exception {
        String pidFile;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            write(database, "kept");
            pidFile = Files.readString(data().resolve(OrphanedPostmaster.PID_FILE));
        }
        Files.writeString(data().resolve(OrphanedPostmaster.PID_FILE), pidFile);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            assertThat(notes(database)).containsExactly("kept");
        }

        Files.writeString(data().resolve(OrphanedPostmaster.PID_FILE), pidFile.replaceFirst("^\\d+", Long.toString(ProcessHandle.current().pid())));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            assertThat(notes(database)).containsExactly("kept");
        }
    }

    @Test
    void onlyTemasRoleWithThePasswordGetsIn() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings());
             Connection temas = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = temas.createStatement()) {
            statement.execute("create role intruder login password 'intruder-password'");

            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, null).close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "guess").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            String withoutUser = "jdbc:postgresql://localhost:" + database.port() + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(withoutUser, "intruder", "intruder-password").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("no pg_hba.conf entry");
            assertThat(setting(statement, "unix_socket_directories")).isEqualTo(dataDir.resolve(EmbeddedDatabase.SOCKET_DIRECTORY).toString());
            assertThat(setting(statement, "listen_addresses")).isEqualTo("localhost");
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(EmbeddedDatabase.SOCKET_DIRECTORY)))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            // The socket asks for the password like the port does, and lets in nobody else.
            String socket = database.socket().orElseThrow().toString();
            assertThatThrownBy(() -> DriverManager.getConnection(overSocket(database.jdbcUrl(), socket), EmbeddedDatabase.USER, "guess").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(overSocket(withoutUser, socket), "intruder", "intruder-password").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("no pg_hba.conf entry");
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void theDataAndTheBinariesAreClosedToOtherUsers() throws Exception {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertClosedToOthers(dataDir.resolve("postgres"));
            assertClosedToOthers(dataDir.resolve("postgres-bin"));
            assertThat(binary("pg_ctl")).as("the binaries ran from the data directory").isPresent();
        }
    }

    @Test
    void binariesOtherUsersCouldChangeAreUnpackedAgainBeforeAnyRuns() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            write(database, "kept");
        }
        // The state an older Temas left: every directory open to everybody, and another user swapped pg_ctl.
        Path swapped = dataDir.resolve("swapped");
        Path pgCtl = binary("pg_ctl").orElseThrow();
        Files.writeString(pgCtl, "#!/bin/sh\ntouch '" + swapped + "'\nexit 1\n");
        try (Stream<Path> tree = Files.walk(dataDir.resolve("postgres-bin"))) {
            for (Path directory : tree.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            assertThat(notes(database)).containsExactly("kept");
        }
        assertThat(swapped).doesNotExist();
        assertThat(Files.readString(binary("pg_ctl").orElseThrow(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("touch");
    }

    @Test
    void binariesUnpackedAtTheFirstStartAreNotUnpackedAgainAtTheNext() throws Exception {
        // zonky trusts binaries it has checked for the rest of its JVM's life: the first start runs in a JVM of its own.
        long orphan = startInAJvmKilledAfterwards("kept");
        try {
            // zonky touches its mark of a finished unpacking whenever it unpacks the bundle (two seconds of CPU).
            Path unpacked = binary("pg_ctl").orElseThrow().getParent().resolveSibling(".exists");
            FileTime marked = Files.getLastModifiedTime(unpacked);
            assertThat(Files.readString(binary("postgres").orElseThrow())).as("the allocator's script").startsWith("#!/bin/sh");

            try (EmbeddedDatabase again = EmbeddedDatabase.start(settings())) {
                assertThat(notes(again)).containsExactly("kept");
            }
            assertThat(Files.getLastModifiedTime(unpacked)).isEqualTo(marked);
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aDataDirectoryOfAnOlderTemasIsLockedOnStartAndKeepsItsData() throws Exception {
        // What an older Temas made: initdb's trust for every local connection, no password.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setDataDirectory(data())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                .start();
             Connection connection = old.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table notes (text text not null)");
            statement.execute("insert into notes values ('from the older Temas')");
        }
        assertThat(Files.readString(data().resolve("pg_hba.conf"))).contains("trust");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            assertThat(notes(database)).containsExactly("from the older Temas");
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, null).close())
                    .isInstanceOf(SQLException.class);
            assertThat(Files.readString(data().resolve("pg_hba.conf")).lines().filter(line -> !line.startsWith("#")))
                    .allMatch(line -> line.endsWith("scram-sha-256"));
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(settings())) {
            assertThat(notes(again)).containsExactly("from the older Temas");
        }
    }

    @Test
    void theServerIsSizedByItsSettingsAndThePoolOpensConnectionsBeyondTheIdleOnesWhenAsked() throws Exception {
        DatabaseSettings settings = new DatabaseSettings(dataDir, false, 0, 6, true);
        PostgresSettings sizes = new PostgresSettings(DataSize.ofMegabytes(32), 0, DataSize.ofMegabytes(2), DataSize.ofMegabytes(16), 1,
                Duration.ofSeconds(30), false, DataSize.ofMegabytes(8), Map.of());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings, sizes);
             Connection own = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = own.createStatement()) {
            assertThat(setting(statement, "shared_buffers")).isEqualTo("32MB");
            assertThat(setting(statement, "max_connections")).as("the pool's six and 20 more").isEqualTo("26");
            assertThat(setting(statement, "work_mem")).isEqualTo("2MB");
            assertThat(setting(statement, "maintenance_work_mem")).isEqualTo("16MB");
            assertThat(setting(statement, "huge_pages")).isEqualTo("off");
            assertThat(setting(statement, "unix_socket_directories")).as("temas.postgres.unix-socket off").isEmpty();
            assertThat(database.socket()).isEmpty();

            try (HikariDataSource pool = EmbeddedDatabaseConfiguration.embeddedPool(database, settings, sizes)) {
                assertThat(pool.getMinimumIdle()).isEqualTo(1);
                assertThat(pool.getIdleTimeout()).isEqualTo(30_000);
                List<Connection> borrowed = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        borrowed.add(pool.getConnection());
                    }
                    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(4);
                    assertThat(count(statement, "select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"))
                            .isGreaterThanOrEqualTo(4);
                    assertThat(count(statement, "select count(*) from pg_stat_activity where backend_type = 'client backend' and client_addr is null"))
                            .as("every connection over TCP").isZero();
                } finally {
                    for (Connection connection : borrowed) {
                        connection.close();
                    }
                }
            }
        }
    }

    @Test
    void anOperatorsOwnServerSettingsReachTheServerAndPreloadAnExtension() throws Exception {
        PostgresSettings sizes = PostgresSettings.DEFAULTS.withServer(Map.of("log-min-duration-statement", "250ms",
                "shared-preload-libraries", "pg_stat_statements", "pg-stat-statements.track", "all", "huge_pages", "try"));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings(), sizes);
             Connection own = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = own.createStatement()) {
            assertThat(setting(statement, "log_min_duration_statement")).isEqualTo("250ms");
            assertThat(setting(statement, "pg_stat_statements.track")).isEqualTo("all");
            assertThat(setting(statement, "huge_pages")).as("given last, over Temas' own off").isEqualTo("try");
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("create table answer_to_count (n int)");
            statement.execute("select count(*) from answer_to_count");
            assertThat(count(statement, "select count(*) from pg_stat_statements where query like 'select count(*) from answer_to_count%'"))
                    .as("the preloaded library counts statements").isPositive();
        }
    }

    @Test
    void aServerSettingPostgresqlDoesNotKnowStopsTheStartNamingIt() {
        PostgresSettings sizes = PostgresSettings.DEFAULTS.withServer(Map.of("log-min-duration-statment", "250ms"));
        assertThatThrownBy(() -> EmbeddedDatabase.start(settings(), sizes).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("temas.postgres.server.log-min-duration-statment: the embedded PostgreSQL has no such setting");
    }

    @Test
    void aLibraryToPreloadTheServerDoesNotHaveStopsTheStartNamingWhatItHas() {
        PostgresSettings sizes = PostgresSettings.DEFAULTS.withServer(
                Map.of("shared-preload-libraries", "pg_stat_statements, pg_stat_monitor"));
        assertThatThrownBy(() -> EmbeddedDatabase.start(settings(), sizes).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("temas.postgres.server.shared-preload-libraries: the embedded PostgreSQL has no pg_stat_monitor (it has ")
                .hasMessageContaining("auto_explain").hasMessageContaining("pg_stat_statements");
    }


    @Test
    void withoutSettingsTheServerHasTheSmallMachineDefaults() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings());
             Connection own = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = own.createStatement()) {
            assertThat(setting(statement, "shared_buffers")).isEqualTo("128MB");
            assertThat(setting(statement, "max_connections")).isEqualTo("22");
            assertThat(setting(statement, "huge_pages")).isEqualTo("off");
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
                ResultSet backend = statement.executeQuery("select pg_backend_pid()");
                backend.next();
                // What the script gives the server is ServerAllocatorTests'; the server's own environment is not readable
                // from outside (its process title overwrites it), but only the script runs the binary by this name.
                Path process = Path.of("/proc", Long.toString(backend.getLong(1)));
                assertThat(Files.readSymbolicLink(process.resolve("exe")).getFileName()).hasToString(ServerAllocator.REAL);
            }
        }
    }

    @Test
    void thePoolReachesTheServerThroughItsUnixSocketWithTimeoutsNotificationsAndCancelling() throws Exception {
        DatabaseSettings settings = settings();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings);
             HikariDataSource pool = EmbeddedDatabaseConfiguration.embeddedPool(database, settings, PostgresSettings.DEFAULTS);
             Connection listener = pool.getConnection();
             Connection speaker = pool.getConnection();
             Statement listening = listener.createStatement();
             Statement speaking = speaker.createStatement()) {
            assertThat(database.socket()).hasValue(dataDir.resolve(EmbeddedDatabase.SOCKET_DIRECTORY).resolve(".s.PGSQL." + database.port()));
            // A connection through a Unix socket has no server address.
            try (ResultSet rows = listening.executeQuery("select inet_server_addr() is null, inet_client_addr() is null")) {
                rows.next();
                assertThat(rows.getBoolean(1)).isTrue();
                assertThat(rows.getBoolean(2)).isTrue();
            }
            listening.execute("listen signals");
            org.postgresql.PGConnection pg = listener.unwrap(org.postgresql.PGConnection.class);
            // A read with a timeout that passes with nothing to read answers nothing, and the connection stays usable.
            assertThat(pg.getNotifications(50)).isEmpty();
            assertThat(count(listening, "select 41 + 1")).isEqualTo(42);
            speaking.execute("notify signals, 'hello'");
            org.postgresql.PGNotification[] heard = pg.getNotifications(10_000);
            assertThat(heard).extracting(org.postgresql.PGNotification::getParameter).containsExactly("hello");
            // A query timeout is a cancel request, sent over a connection of its own through the same factory.
            speaking.setQueryTimeout(1);
            assertThatThrownBy(() -> speaking.execute("select pg_sleep(60)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("canceling statement");
            assertThat(count(speaking, "select count(*) from pg_stat_activity where backend_type = 'client backend' and client_addr is null"))
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void closingAConnectionEndsAWaitForNotificationsAtOnce() throws Exception {
        DatabaseSettings settings = settings();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings);
             HikariDataSource pool = EmbeddedDatabaseConfiguration.embeddedPool(database, settings, PostgresSettings.DEFAULTS)) {
            // The driver's own connection: closing the pool's proxy would only hand it back.
            Connection listener = pool.getConnection().unwrap(org.postgresql.jdbc.PgConnection.class);
            try (Statement statement = listener.createStatement()) {
                statement.execute("listen signals");
            }
            org.postgresql.PGConnection pg = listener.unwrap(org.postgresql.PGConnection.class);
            var waiting = new java.util.concurrent.CompletableFuture<Throwable>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    pg.getNotifications(600_000);
                    waiting.complete(null);
                } catch (Throwable e) {
                    waiting.complete(e);
                }
            });
            // Closed only once the reader waits on the selector, not before its read began (or once it ended, failing, which
            // the assertion below then reports instead of the loop spinning for ever).
            while (!waiting.isDone()
                    && java.util.Arrays.stream(reader.getStackTrace()).noneMatch(frame -> frame.getMethodName().startsWith("select"))) {
                Thread.onSpinWait();
            }
            listener.close();
            assertThat(waiting.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("the wait ends with the connection, not after ten minutes")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aSocketAndItsLockFileLeftByAKilledServerDoNotStopTheNextStartOnThatPort() throws Exception {
        int port;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings())) {
            port = database.port();
        }
        // What a server killed with the machine leaves: its socket and a lock file naming a process id the system has since
        // given to another process (PostgreSQL takes its own ancestors' ids for stale, so not this JVM's).
        Process other = new ProcessBuilder("sleep", "600").start();
        Path sockets = dataDir.resolve(EmbeddedDatabase.SOCKET_DIRECTORY);
        Files.writeString(sockets.resolve(".s.PGSQL." + port), "");
        Files.writeString(sockets.resolve(".s.PGSQL." + port + ".lock"), other.pid() + "\n" + data() + "\n");
        DatabaseSettings samePort = new DatabaseSettings(dataDir, false, port, 2, true);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(samePort);
             HikariDataSource pool = EmbeddedDatabaseConfiguration.embeddedPool(database, samePort, PostgresSettings.DEFAULTS);
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(database.port()).isEqualTo(port);
            assertThat(count(statement, "select (inet_server_addr() is null)::int")).as("through the socket").isEqualTo(1);
        } finally {
            other.destroy();
        }
    }

    @Test
    void aDirectoryLockedBeforeTheSocketCountsAsLockedAndOneWithTrustDoesNot() throws Exception {
        Files.createDirectories(data());
        // Word for word what a Temas without the socket wrote.
        Files.writeString(data().resolve(ClientAuthentication.FILE), """
                # Written by Temas before every start; changes are overwritten.
                # Only Temas' role, only from this machine, only with the password Temas keeps beside this directory.
                host all postgres 127.0.0.1/32 scram-sha-256
                host all postgres ::1/128 scram-sha-256
                """);
        assertThat(ClientAuthentication.isLocked(data())).isTrue();
        ClientAuthentication.SETTING_PASSWORD.writeTo(data());
        assertThat(ClientAuthentication.isLocked(data())).isFalse();
        ClientAuthentication.LOCKED.writeTo(data());
        assertThat(ClientAuthentication.isLocked(data())).isTrue();
    }

    @Test
    void aDataDirectoryTooDeepForASocketPathIsReachedOverTcp() throws Exception {
        Path deep = dataDir.resolve("d".repeat(EmbeddedDatabase.SOCKET_PATH_LIMIT));
        DatabaseSettings settings = EmbeddedDatabaseProcess.settings(deep);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings);
             HikariDataSource pool = EmbeddedDatabaseConfiguration.embeddedPool(database, settings, PostgresSettings.DEFAULTS);
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(database.socket()).isEmpty();
            assertThat(setting(statement, "unix_socket_directories")).isEmpty();
            try (ResultSet rows = statement.executeQuery("select host(inet_server_addr())")) {
                rows.next();
                assertThat(rows.getString(1)).isIn("127.0.0.1", "::1");
            }
        }
    }

    private static String overSocket(String url, String socket) {
        return url + (url.contains("?") ? "&" : "?") + "socketFactory=" + UnixSocketFactory.class.getName() + "&socketFactoryArg=" + socket;
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private DatabaseSettings settings() {
        return EmbeddedDatabaseProcess.settings(dataDir);
    }

    private Path data() {
        return dataDir.resolve("postgres");
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data().resolve(OrphanedPostmaster.PID_FILE)).getFirst().strip());
    }

    /** Starts the database in a JVM of its own, which writes the note and is killed: returns the postmaster it left running. */
    private long startInAJvmKilledAfterwards(String note) throws Exception {
        Process child = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseProcess.class.getName(), dataDir.toString(), note)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = child.inputReader()) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = output.readLine()) != null && !line.equals(EmbeddedDatabaseProcess.READY)) {
                lines.add(line);
            }
            assertThat(line).as("the child JVM's output:%n%s", String.join("\n", lines)).isEqualTo(EmbeddedDatabaseProcess.READY);
            child.destroyForcibly();
            child.waitFor();
        }
        return postmasterPid();
    }

    private Optional<Path> binary(String name) throws IOException {
        try (Stream<Path> tree = Files.walk(dataDir.resolve("postgres-bin"))) {
            return tree.filter(path -> path.endsWith(Path.of("bin", name))).findFirst();
        }
    }

    private static void assertClosedToOthers(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.filter(path -> !Files.isSymbolicLink(path)).toList()) {
                var permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(permissions).as(path.toString()).isEqualTo(PosixFilePermissions.fromString("rwx------"));
                } else {
                    assertThat(permissions).as(path.toString())
                            .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
                }
            }
        }
    }

    private static void write(EmbeddedDatabase database, String note) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create table notes (text text not null)");
            statement.execute("insert into notes values ('" + note + "')");
        }
    }

    private static List<String> notes(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select text from notes")) {
            List<String> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
            return notes;
        }
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
