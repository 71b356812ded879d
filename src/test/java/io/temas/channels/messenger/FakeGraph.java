package io.temas.channels.messenger;

import com.sun.net.httpserver.HttpExchange;
import io.temas.support.Holds;
import io.temas.support.LocalProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the Graph API's Send API by its documented wire format: {@code POST /{version}/{account}/messages}
 * with {@code recipient}, {@code messaging_type} and {@code message}, the page access token as a
 * bearer token; answers {@code {"recipient_id","message_id"}} or {@code {"error":{"message","type",
 * "code","error_subcode","fbtrace_id"}}}. Recipients can be scripted to fail with Meta's codes.
 * Attachment URLs are served under {@code /media/}. A recipient given to {@link #hold} keeps its next
 * send waiting, as a slow API would.
 */
final class FakeGraph implements AutoCloseable {

    /** A Send API call as the fake received it. */
    record Sent(String path, String recipient, String messagingType, String text) {
    }

    /** Meta's error for a recipient: HTTP status, code, subcode and message. */
    record Failure(int status, int code, int subcode, String message) {

        static final Failure OUTSIDE_WINDOW = new Failure(400, 10, 2018278,
                "(#10) This message is sent outside of allowed window.");
        static final Failure RATE_LIMITED = new Failure(400, 613, 0, "Calls to this api have exceeded the rate limit.");
        static final Failure UNAVAILABLE = new Failure(400, 551, 1545041, "This person isn't available right now.");
        static final Failure SERVER = new Failure(500, 2, 0, "An unexpected error has occurred. Please retry your request later.");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalProvider server;
    private final String version;
    private final String token;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> media = new ConcurrentHashMap<>();
    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Holds holds = new Holds();

    FakeGraph(String version, String token) {
        this.version = version;
        this.token = token;
        server = LocalProvider.start("/", this::handle);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The URL of a file served with these bytes. */
    String media(String name, byte[] content) {
        media.put(name, content);
        return baseUrl() + "/media/" + name + "?token=abc";
    }

    /** How often a file was downloaded. */
    int downloads(String name) {
        return downloads.getOrDefault(name, 0);
    }

    private final Map<String, Integer> downloads = new java.util.concurrent.ConcurrentHashMap<>();

    /** The next send to {@code recipient} waits before it is answered until {@link Holds.Held#release} completes. */
    Holds.Held hold(String recipient) {
        return holds.hold(recipient);
    }

    void fail(String recipient, Failure failure) {
        failing.put(recipient, failure);
    }

    List<Sent> sentTo(String recipient) {
        return sent.stream().filter(s -> s.recipient().equals(recipient)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/media/")) {
            downloads.merge(path.substring(7), 1, Integer::sum);
            byte[] content = media.get(path.substring(7));
            LocalProvider.answer(exchange, content == null ? 404 : 200, content == null ? "text/plain" : "image/jpeg",
                    content == null ? "Not found".getBytes(StandardCharsets.UTF_8) : content);
            return;
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, new Failure(400, 190, 0, "Invalid OAuth access token."));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/" + version + "/") || !path.endsWith("/messages")) {
            error(exchange, new Failure(400, 100, 33, "Unsupported post request."));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String recipient = body.at("/recipient/id").asString();
        sent.add(new Sent(path, recipient, body.path("messaging_type").asString(), body.at("/message/text").asString()));
        holds.pass(recipient);
        Failure failure = failing.get(recipient);
        if (failure != null) {
            error(exchange, failure);
            return;
        }
        LocalProvider.answer(exchange, 200, "application/json", "{\"recipient_id\":\"%s\",\"message_id\":\"m_%s_%d\"}"
                .formatted(recipient, recipient, ids.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange exchange, Failure failure) throws IOException {
        String json = "{\"error\":{\"message\":\"%s\",\"type\":\"OAuthException\",\"code\":%d%s,\"fbtrace_id\":\"Ab12\"}}"
                .formatted(failure.message(), failure.code(), failure.subcode() == 0 ? "" : ",\"error_subcode\":" + failure.subcode());
        LocalProvider.answer(exchange, failure.status(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
