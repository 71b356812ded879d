package io.temas.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Someone at the door of any route: a browser session (signed in through the login form, or only having
 * opened the login page), optionally carrying an API token, sending bare requests. It reads
 * status, {@code Location} and body, except of a live stream, which it leaves at its status.
 */
public final class Guest {

    /** What came back: the status, where a redirect points, and the body. */
    public record Answer(int status, String location, String body) {

        /** Refused at the door: 401, 403, or sent to the login page. */
        public boolean refused() {
            return status == 401 || status == 403 || (status / 100 == 3 && location != null && location.matches("(https?://[^/]+)?/login(\\?.*)?"));
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"(?:_csrf\"\\s+value|csrf-token\"\\s+content)=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String token;
    private String csrf;
    private String portalCsrf;

    private Guest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A visitor who opened the login page: a session and its CSRF token, nobody signed in. */
    public static Guest anonymous(int port) {
        Guest visitor = new Guest(port);
        visitor.csrf = visitor.csrfOf(visitor.send("GET", "/login", false, null));
        // The help centre checks its forms against a cookie of its own, which its contact page sets.
        visitor.portalCsrf = visitor.csrfOf(visitor.send("GET", "/portal/contact", false, null));
        return visitor;
    }

    /** Signs in through the login form; the session's CSRF token is then read from the console. */
    public static Guest signedIn(int port, String username, String password) {
        Guest visitor = anonymous(port);
        Answer done = visitor.send("POST", "/login", false,
                "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(visitor.csrf));
        if (done.status() != 302 || done.location() == null || !done.location().contains("/console")) {
            throw new IllegalStateException("Sign-in as " + username + " failed: " + done.status() + " " + done.location());
        }
        visitor.csrf = visitor.csrfOf(visitor.send("GET", "/console/inbox", false, null));
        return visitor;
    }

    /** The same visitor sending {@code Authorization: Bearer <token>} on every request. */
    public Guest bearing(String apiToken) {
        this.token = apiToken;
        return this;
    }

    /** Sends the request without a body; with {@code csrf}, the session's token goes along as the form field {@code _csrf}. */
    public Answer send(String method, String path, boolean withCsrf) {
        return send(method, path, false, withCsrf ? "_csrf=" + encode(csrfFor(path)) : null);
    }

    /** This session's CSRF token. */
    public String csrf() {
        return csrf;
    }

    /** Sends the request with {@code token} as the form field {@code _csrf}, whoever's it is. */
    public Answer send(String method, String path, String token) {
        return send(method, path, false, "_csrf=" + encode(token));
    }

    /** Sends the request with the session's CSRF token in the header htmx uses. */
    public Answer sendWithCsrfHeader(String method, String path) {
        return send(method, path, true, null);
    }

    private Answer send(String method, String path, boolean csrfHeader, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "tr");
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (csrfHeader) {
            request.header("X-CSRF-TOKEN", csrfFor(path));
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                // A live stream never ends: its status is all there is to know.
                boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                body = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String csrfFor(String path) {
        return path.startsWith("/portal") ? portalCsrf : csrf;
    }

    private String csrfOf(Answer page) {
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on the page (status " + page.status() + ")");
        }
        return token.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
