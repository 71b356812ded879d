package io.temas.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}, written by Temas before every start so that only
 * Temas gets in: its own role, over the loopback interface, with the generated password. Nobody
 * else on the machine is trusted, whatever an older Temas or a hand edit left in the file.
 */
enum ClientAuthentication {

    /** Normal operation: the password, checked with SCRAM. */
    LOCKED("""
            # Written by Temas before every start; changes are overwritten.
            # Only Temas' role, only from this machine, only with the password Temas keeps beside this directory.
            local all postgres scram-sha-256
            host all postgres 127.0.0.1/32 scram-sha-256
            host all postgres ::1/128 scram-sha-256
            """),

    /**
     * One start of a data directory made before Temas had a password: just long enough to give the
     * role its password; the database is stopped and started {@link #LOCKED} right after.
     */
    SETTING_PASSWORD("""
            # Written by Temas while it gives its role a password; replaced before the database is used.
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            """);

    static final String FILE = "pg_hba.conf";

    /** What {@link #LOCKED} wrote before the Unix socket (the same without its line): a directory it locked has its password as well. */
    private static final String LOCKED_BEFORE_SOCKET = LOCKED.content.replace("local all postgres scram-sha-256\n", "");

    private final String content;

    ClientAuthentication(String content) {
        this.content = content;
    }

    void writeTo(Path dataDirectory) throws IOException {
        Files.writeString(dataDirectory.resolve(FILE), content);
    }

    /** Whether the data directory was last started locked, that is its role has the password. */
    static boolean isLocked(Path dataDirectory) throws IOException {
        try {
            String written = Files.readString(dataDirectory.resolve(FILE));
            return written.equals(LOCKED.content) || written.equals(LOCKED_BEFORE_SOCKET);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
