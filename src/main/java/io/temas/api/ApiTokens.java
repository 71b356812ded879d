package io.temas.api;

import io.temas.platform.FileStore;
import io.temas.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API tokens. Only a SHA-256 hash of each token is stored; the token itself is shown once, when
 * it is created. A token may act for a console user, whose queue permission then applies to it.
 */
@Service
public class ApiTokens {

    /** A token as listed (never its secret); {@code username} is the console user it acts for, or null. */
    public record Token(UUID id, String name, Set<ApiScope> scopes, Instant createdAt, Instant revokedAt, String username) {
    }

    /** A token just made: the secret is in {@code value}, and nowhere else. */
    public record Issued(Token token, String value) {
    }

    private record Cached(Token token, Instant loadedAt) {
    }

    private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    ApiTokens(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public Issued issue(String name, Set<ApiScope> scopes) {
        return issue(name, scopes, null);
    }

    /** A token acting for the console user {@code username} (null for none). */
    public Issued issue(String name, Set<ApiScope> scopes, String username) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = "tms_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(store(name, scopes, value, username), value);
    }

    /** Creates or refreshes a token with a value chosen by the operator (the bootstrap token). */
    public Token ensure(String name, Set<ApiScope> scopes, String value) {
        Optional<Token> existing = authenticate(value);
        if (existing.isPresent()) {
            return existing.get();
        }
        return store(name, scopes, value, null);
    }

    public Optional<Token> authenticate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(value);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(now)) {
            return Optional.of(cached.token());
        }
        Optional<Token> token = jdbc.sql("select * from api_tokens where token_hash = ? and revoked_at is null")
                .param(hash).query((rs, n) -> token(rs)).optional();
        // Only valid tokens are kept, briefly: unknown values cannot fill memory, and a token revoked
        // on another node stops working here within the TTL.
        token.ifPresentOrElse(t -> cache.put(hash, new Cached(t, now)), () -> cache.remove(hash));
        return token;
    }

    public List<Token> all() {
        return jdbc.sql("select * from api_tokens order by created_at").query((rs, n) -> token(rs)).list();
    }

    public boolean revoke(UUID id) {
        boolean revoked = jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), id).update() == 1;
        cache.clear();
        return revoked;
    }

    private Token store(String name, Set<ApiScope> scopes, String value, String username) {
        UUID id = ids.next();
        jdbc.sql("insert into api_tokens (id, name, token_hash, scopes, created_at, username) values (?, ?, ?, ?, ?, ?)")
                .params(id, name, hash(value), scopes.stream().map(Enum::name).toArray(String[]::new), Timestamp.from(clock.instant()),
                        username)
                .update();
        cache.clear();
        return new Token(id, name, Set.copyOf(scopes), clock.instant(), null, username);
    }

    private static Token token(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        Set<ApiScope> scopes = Arrays.stream((String[]) rs.getArray("scopes").getArray()).map(ApiScope::valueOf)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new Token(rs.getObject("id", UUID.class), rs.getString("name"), scopes, rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("username"));
    }

    static String hash(String value) {
        return FileStore.sha256(value.getBytes(StandardCharsets.UTF_8));
    }
}
