package io.temas.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat visitor speaking the chat API over plain HTTP: starts a chat, sends messages and reads the
 * chat's server-sent events on a stream of its own, as a widget or a mobile app would.
 */
public final class ChatVisitor implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String origin;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private CompletableFuture<HttpResponse<Stream<String>>> stream;
    public String sessionId;
    public String token;

    private final String address;

    public ChatVisitor(int port, String origin) {
        this.base = "http://127.0.0.1:" + port;
        this.origin = origin;
        // Each visitor comes from an address of its own (the test server trusts X-Forwarded-For from 127.0.0.1).
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        this.address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A plain HTTP response of the chat API. */
    public record Answer(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {

        public String text(String pointer) {
            return json.at(pointer).asString();
        }
    }

    /** The port of the Temas node this visitor talks to. */
    public int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    /** Starts a chat; keeps its id and token when it was started. */
    public Answer start(String json) {
        Answer answer = post("/chat/v1/sessions", json, null);
        if (answer.status() == 201) {
            sessionId = answer.text("/sessionId");
            token = answer.text("/token");
        }
        return answer;
    }

    public Answer say(String text) {
        return post("/chat/v1/sessions/" + sessionId + "/messages", "{\"text\":" + Api.quote(text) + "}", token);
    }

    public Answer post(String path, String json, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return send(request, bearer);
    }

    public Answer get(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), bearer);
    }

    public Answer send(HttpRequest.Builder request, String bearer) {
        request.header("X-Forwarded-For", address);
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Answer(response.statusCode(), response.body(), json, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the event stream from after {@code after}; events arrive in the background. */
    public ChatVisitor listen(long after) {
        closeStream();
        events.clear();
        seen.clear();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/chat/v1/sessions/" + sessionId + "/events?after=" + after))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").header("X-Forwarded-For", address).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        stream = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> Thread.startVirtualThread(() -> {
            try (Stream<String> lines = response.body()) {
                lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).forEach(data -> events.add(JSON.readTree(data)));
            } catch (RuntimeException closed) {
                // the stream was closed by the test
            }
        }));
        return this;
    }

    /** Waits for the next event that matches, keeping every event seen on the way; fails after 20 s. */
    public JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (event == null) {
                    throw new AssertionError("no such chat event within 20 s; seen: " + seen);
                }
                seen.add(event);
                if (match.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event received so far, in order. */
    public List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    public static Predicate<JsonNode> type(String type, String from) {
        return e -> type.equals(e.path("type").asString()) && (from == null || from.equals(e.path("from").asString()));
    }

    private void closeStream() {
        if (stream != null) {
            stream.cancel(true);
            stream.thenAccept(response -> response.body().close());
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
