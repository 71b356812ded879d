package io.temas.channels.sms;

import com.sun.net.httpserver.HttpExchange;
import io.temas.support.Holds;
import io.temas.support.LocalProvider;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Twilio's Messages API by its documented wire format: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded {@code To}, {@code From},
 * {@code Body}, HTTP basic auth with the account SID and auth token; answers 201 with the
 * message resource as JSON, 400 with Twilio's error 21211 for recipients scripted as invalid,
 * 429 for recipients scripted as throttled, 401 for wrong credentials. A recipient given to {@link #hold} keeps its
 * next request waiting, as a slow answer would, until the test lets it go.
 */
public final class FakeTwilio implements AutoCloseable {

    /** One request as the fake received it. */
    public record Request(String path, String authorization, Map<String, String> form) {
    }

    private final LocalProvider server;
    private final String accountSid;
    private final String authToken;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Set<String> invalid = ConcurrentHashMap.newKeySet();
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sids = new AtomicInteger();
    private final Holds holds = new Holds();

    public FakeTwilio(String accountSid, String authToken) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        server = LocalProvider.start("/2010-04-01/Accounts/", this::handle);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** "arrived {To}" and "answered {To}" for every request, in the order they happened. */
    List<String> events() {
        return List.copyOf(events);
    }

    void invalidNumber(String to) {
        invalid.add(to);
    }

    void throttle(String to) {
        throttled.add(to);
    }

    /** The next request to {@code to} waits before it is answered until {@link Holds.Held#release} completes. */
    Holds.Held hold(String to) {
        return holds.hold(to);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(exchange.getRequestURI().getPath(), authorization, form));
        String expectedAuth = "Basic " + java.util.Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        String path = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        String to = form.get("To");
        events.add("arrived " + to);
        holds.pass(to);
        if (!expectedAuth.equals(authorization)) {
            answer(exchange, to, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
        } else if (!"POST".equals(exchange.getRequestMethod()) || !path.equals(exchange.getRequestURI().getPath())) {
            answer(exchange, to, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
        } else if (throttled.contains(to)) {
            answer(exchange, to, 429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}");
        } else if (invalid.contains(to)) {
            answer(exchange, to, 400, "{\"code\":21211,\"message\":\"The 'To' number " + to + " is not a valid phone number.\",\"status\":400}");
        } else {
            String sid = "SM%032d".formatted(sids.incrementAndGet());
            answer(exchange, to, 201, """
                    {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":%s,"status":"queued","num_segments":"1"}"""
                    .formatted(sid, accountSid, to, form.get("From"), io.temas.support.Api.quote(form.get("Body"))));
        }
    }

    private void answer(HttpExchange exchange, String to, int status, String json) throws IOException {
        events.add("answered " + to);
        LocalProvider.answer(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
