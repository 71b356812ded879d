package io.temas.portal;

import io.temas.customers.CustomerId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed-in customers on the help centre, apart from the console's users and sessions: a cookie of
 * its own ({@value #COOKIE}, path {@code /portal}, HttpOnly, SameSite=Lax, Secure over HTTPS) holding
 * 256 random bits, of which the database keeps only the SHA-256, so every node knows every session
 * and a copy of the table opens none. A session ends after {@code session-idle} without a request,
 * {@code session-lifetime} after it began, or when the customer signs out. Signing in always makes a
 * new token and ends the one the browser brought, so a token planted before sign-in is never
 * signed in (session fixation).
 */
@Component
class PortalSessions {

    static final String COOKIE = "temas-portal-session";
    private static final String PATH = "/portal";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A session's last request is written at most this often: reading a page costs no write. */
    private static final Duration TOUCH = Duration.ofMinutes(1);

    /** A signed-in customer, and the address they proved they hold. */
    record Session(CustomerId customer, String address, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final SignInSettings settings;
    private final Clock clock;

    PortalSessions(JdbcClient jdbc, SignInSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The session the request's cookie names, when it is live. */
    Optional<Session> current(HttpServletRequest request) {
        Optional<byte[]> hash = token(request).map(PortalSessions::hash);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Row(Session session, Instant lastSeen) {
        }
        Optional<Row> row = jdbc.sql("select * from portal_sessions where token_hash = ?").param(hash.get())
                .query((rs, n) -> new Row(new Session(new CustomerId(rs.getObject("customer_id", UUID.class)),
                        rs.getString("address"), rs.getTimestamp("created_at").toInstant()), rs.getTimestamp("last_seen_at").toInstant()))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!now.isBefore(row.get().lastSeen().plus(settings.sessionIdle()))
                || !now.isBefore(row.get().session().createdAt().plus(settings.sessionLifetime()))) {
            jdbc.sql("delete from portal_sessions where token_hash = ?").param(hash.get()).update();
            return Optional.empty();
        }
        if (!now.isBefore(row.get().lastSeen().plus(TOUCH))) {
            jdbc.sql("update portal_sessions set last_seen_at = ? where token_hash = ?").params(Timestamp.from(now), hash.get()).update();
        }
        return Optional.of(row.get().session());
    }

    /** Signs the customer in: ends whatever session the browser brought, opens a new one and sets its cookie. */
    void open(CustomerId customer, String address, HttpServletRequest request, HttpServletResponse response) {
        token(request).ifPresent(old -> jdbc.sql("delete from portal_sessions where token_hash = ?").param(hash(old)).update());
        Instant now = clock.instant();
        jdbc.sql("delete from portal_sessions where last_seen_at < ? or created_at < ?")
                .params(Timestamp.from(now.minus(settings.sessionIdle())), Timestamp.from(now.minus(settings.sessionLifetime()))).update();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into portal_sessions (token_hash, customer_id, address, created_at, last_seen_at) values (?, ?, ?, ?, ?)")
                .params(hash(token), customer.value(), address, Timestamp.from(now), Timestamp.from(now)).update();
        cookie(response, COOKIE, token, request.isSecure(), null);
        // The form token of the signed-out browser goes too; the next page makes a new one.
        cookie(response, "temas-portal-csrf", "", request.isSecure(), Duration.ZERO);
    }

    /** Signs out: the session ends at once on every node and the cookie is cleared. */
    void close(HttpServletRequest request, HttpServletResponse response) {
        token(request).ifPresent(old -> jdbc.sql("delete from portal_sessions where token_hash = ?").param(hash(old)).update());
        cookie(response, COOKIE, "", request.isSecure(), Duration.ZERO);
    }

    private static void cookie(HttpServletResponse response, String name, String value, boolean secure, Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value).path(PATH).httpOnly(true).sameSite("Lax")
                .secure(secure);
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }

    private static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
