package io.temas.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser without JavaScript uses it: signs in through the login form, keeps the
 * session cookie, and posts forms with the CSRF token read from the page they are on.
 */
public final class Console {

    /** A page or a redirect: status, body and where it points. */
    public record Page(int status, String body, String location) {

        /** The value of the hidden {@code _csrf} input (or the {@code csrf-token} meta tag). */
        public String csrf() {
            Matcher input = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(body);
            if (input.find()) {
                return input.group(1);
            }
            Matcher meta = Pattern.compile("name=\"csrf-token\"\\s+content=\"([^\"]+)\"").matcher(body);
            if (meta.find()) {
                return meta.group(1);
            }
            throw new IllegalStateException("No CSRF token on the page (status " + status + ")");
        }
    }

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    private Console(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A browser that has not signed in. */
    public static Console anonymous(int port) {
        return new Console(port);
    }

    /** Signs in as {@code username}; fails when the sign-in does not lead to the console. */
    public static Console signIn(int port, String username, String password) {
        Console console = new Console(port);
        Page login = console.get("/login");
        Page done = console.post("/login", login.csrf(), Map.of("username", username, "password", password));
        if (done.status() != 302 || done.location() == null || !done.location().contains("/console")) {
            throw new IllegalStateException("Sign-in as " + username + " failed: " + done.status() + " " + done.location());
        }
        return console;
    }

    /** Sets a cookie as a browser would send it, whatever its value. */
    public void cookie(String name, String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Opens a server-sent event stream and answers its lines as they come; the stream ends when the server closes it. */
    public java.util.stream.Stream<String> stream(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET the way htmx sends it; the page's location is htmx's {@code HX-Redirect}, if any. */
    public Page getHtmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET(), "HX-Redirect");
    }

    /** Opens {@code formPage} for its CSRF token, then posts the fields to {@code action}. */
    public Page submit(String formPage, String action, Map<String, String> fields) {
        return post(action, get(formPage).csrf(), fields);
    }

    /** As {@link #submit}, with fields that repeat (check boxes). */
    public Page submit(String formPage, String action, List<Map.Entry<String, String>> fields) {
        return post(action, get(formPage).csrf(), fields, Map.of());
    }

    /** As {@link #submit}, the way htmx posts: with {@code HX-Request: true}. */
    public Page submitHtmx(String formPage, String action, Map<String, String> fields) {
        return post(action, get(formPage).csrf(), List.copyOf(fields.entrySet()), Map.of("HX-Request", "true"));
    }

    public Page post(String action, String csrf, Map<String, String> fields) {
        return post(action, csrf, List.copyOf(fields.entrySet()), Map.of());
    }

    private Page post(String action, String csrf, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("_csrf", csrf));
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> field : all) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        headers.forEach(request::header);
        return send(request);
    }

    private Page send(HttpRequest.Builder request) {
        return send(request, "Location");
    }

    private Page send(HttpRequest.Builder request, String locationHeader) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept-Language", "tr").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.body(), response.headers().firstValue(locationHeader).orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
