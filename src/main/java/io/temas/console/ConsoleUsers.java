package io.temas.console;

import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Console users with BCrypt-hashed passwords; also the sign-in's user lookup. */
@Component
public class ConsoleUsers implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Ids ids;
    private final Clock clock;
    private final ConsoleSessions sessions;

    ConsoleUsers(JdbcClient jdbc, PasswordEncoder passwords, Ids ids, Clock clock, ConsoleSessions sessions) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.ids = ids;
        this.clock = clock;
        this.sessions = sessions;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        record Row(String username, String hash, Role role, boolean enabled) {
        }
        Row row = jdbc.sql("SELECT username, password_hash, role, enabled FROM console_users WHERE username = :u")
                .param("u", stored(username))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), Role.of(rs.getString(3)), rs.getBoolean(4)))
                .optional().orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(row.username()).password(row.hash()).authorities(row.role().authorities())
                .disabled(!row.enabled()).build();
    }

    public Optional<ConsoleUser> find(String username) {
        return jdbc.sql("SELECT * FROM console_users WHERE username = :u").param("u", username).query(ConsoleUsers::map).optional();
    }

    public List<ConsoleUser> all() {
        return jdbc.sql("SELECT * FROM console_users ORDER BY role DESC, username").query(ConsoleUsers::map).list();
    }

    /** Whether this (lower-case) name can be a user name: 2 to 64 letters, digits, dots, dashes or underscores. */
    static boolean isUsername(String name) {
        return name.matches("[a-z0-9._-]{2,64}");
    }

    /**
     * Whether the user is already exactly so: enabled, with this name, role and password (its hash not one the encoder
     * would renew). Checking the password costs one BCrypt round, as hashing it would; what it saves a caller is a write
     * and its commit, and the user's open sessions.
     */
    public boolean already(String username, String displayName, Role role, String rawPassword) {
        record Row(String displayName, String hash, Role role, boolean enabled) {
        }
        return jdbc.sql("SELECT display_name, password_hash, role, enabled FROM console_users WHERE username = :u")
                .param("u", stored(username))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), Role.of(rs.getString(3)), rs.getBoolean(4))).optional()
                .filter(row -> row.enabled() && row.role() == role && Objects.equals(row.displayName(), displayName))
                .filter(row -> !passwords.upgradeEncoding(row.hash()) && passwords.matches(rawPassword, row.hash()))
                .isPresent();
    }

    /** Creates the user, or sets the password, name and role of an existing one (whose open sessions end). */
    @Transactional
    public ConsoleUser save(String username, String displayName, Role role, String rawPassword) {
        String name = stored(username);
        if (!isUsername(name)) {
            throw new InvalidInput("username", "User names are 2 to 64 letters, digits, dots, dashes or underscores.");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO console_users (id, username, display_name, password_hash, role, created_at, updated_at)
                VALUES (:id, :u, :d, :h, :r, :now, :now)
                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash,
                    role = EXCLUDED.role, enabled = true, updated_at = EXCLUDED.updated_at
                """)
                .param("id", ids.next()).param("u", name).param("d", displayName).param("h", passwords.encode(rawPassword))
                .param("r", role.code()).param("now", java.sql.Timestamp.from(now)).update();
        sessions.endAll(name);
        return find(name).orElseThrow();
    }

    /** Sets a new password and ends the user's open sessions; false when there is no such user. */
    public boolean setPassword(String username, String rawPassword) {
        boolean changed = jdbc.sql("UPDATE console_users SET password_hash = :h, updated_at = :now WHERE username = :u")
                .param("h", passwords.encode(rawPassword)).param("now", java.sql.Timestamp.from(clock.instant()))
                .param("u", username).update() == 1;
        sessions.endAll(username);
        return changed;
    }

    /** A disabled user cannot sign in, and their open sessions end; false when there is no such user. */
    public boolean setEnabled(String username, boolean enabled) {
        boolean changed = jdbc.sql("UPDATE console_users SET enabled = :e, updated_at = :now WHERE username = :u")
                .param("e", enabled).param("now", java.sql.Timestamp.from(clock.instant())).param("u", username).update() == 1;
        if (!enabled) {
            sessions.endAll(username);
        }
        return changed;
    }

    /** A user name as stored: without surrounding blanks, in lower case. */
    private static String stored(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    private static ConsoleUser map(ResultSet rs, int row) throws SQLException {
        return new ConsoleUser(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                Role.of(rs.getString("role")), rs.getString("language"), rs.getBoolean("enabled"),
                QueuePermission.of(rs.getString("queue_access")));
    }
}
