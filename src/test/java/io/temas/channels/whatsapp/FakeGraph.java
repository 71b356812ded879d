package io.temas.channels.whatsapp;

import com.sun.net.httpserver.HttpExchange;
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
 * Plays Meta's Graph API for WhatsApp by its documented wire format, all calls with
 * {@code Authorization: Bearer <token>} (401 with error 190 otherwise):
 * {@code POST /{version}/{phone-number-id}/messages} answers {@code {"messages":[{"id":"wamid..."}]}},
 * or the error scripted for the recipient ({@code {"error":{"code":..}}} with its HTTP status);
 * {@code GET /{version}/{media-id}} answers the media's URL, type and size, and that URL its bytes;
 * {@code GET /{version}/{waba-id}/message_templates} answers the scripted templates in {@code data}.
 */
final class FakeGraph implements AutoCloseable {

    /** A message as the fake received it. */
    record Sent(String path, String authorization, JsonNode body, String wamid) {
    }

    private record Failure(int status, int code, String message) {
    }

    private record Media(byte[] bytes, String mimeType) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalProvider server;
    private final String version;
    private final String token;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> templates = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Integer> downloads = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private volatile String nextPage;

    FakeGraph(String version, String token) {
        this.version = version;
        this.token = token;
        server = LocalProvider.start("/", this::handle);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Sends to {@code to} (a wa_id) fail with this HTTP status and Graph error code. */
    void fail(String to, int status, int code, String message) {
        failures.put(to, new Failure(status, code, message));
    }

    void media(String id, byte[] bytes, String mimeType) {
        media.put(id, new Media(bytes, mimeType));
    }

    void template(String name, String language, String category, String status, String body) {
        Map<String, Object> template = new java.util.HashMap<>(Map.of("name", name, "language", language, "category", category,
                "id", "tpl-" + ids.incrementAndGet(),
                "components", List.of(Map.of("type", "HEADER", "format", "TEXT", "text", "Temas"), Map.of("type", "BODY", "text", body))));
        if (status != null) {
            template.put("status", status);
        }
        templates.add(template);
    }

    /** Meta stops listing a template. */
    void dropTemplate(String name) {
        templates.removeIf(t -> name.equals(t.get("name")));
    }

    /** The template listing names this as its next page (null: it is the last page). */
    void nextPage(String url) {
        nextPage = url;
    }

    /** The media file's URL answers a redirect to {@code location}. */
    void redirect(String id, byte[] bytes, String mimeType, String location) {
        media.put(id, new Media(bytes, mimeType));
        redirects.put(id, location);
    }

    /** How often the bytes of a media object were downloaded. */
    int downloads(String id) {
        return downloads.getOrDefault(id, 0);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + token).equals(authorization)) {
            answer(exchange, 401, error(190, "Invalid OAuth access token."));
            return;
        }
        if (path.startsWith("/files/")) {
            String id = path.substring("/files/".length());
            downloads.merge(id, 1, Integer::sum);
            String location = redirects.get(id);
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            Media file = media.get(id);
            LocalProvider.answer(exchange, 200, file.mimeType(), file.bytes());
            return;
        }
        String[] parts = path.split("/");
        if (parts.length < 3 || !parts[1].equals(version)) {
            answer(exchange, 400, error(2500, "Unknown path components: " + path));
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && parts.length == 4 && parts[3].equals("messages")) {
            JsonNode body = JSON.readTree(request);
            String to = body.path("to").asString("");
            Failure failure = failures.get(to);
            if (failure != null) {
                sent.add(new Sent(path, authorization, body, null));
                answer(exchange, failure.status(), error(failure.code(), failure.message()));
                return;
            }
            String wamid = "wamid.HBgM" + to + "FQIAERgS" + ids.incrementAndGet();
            sent.add(new Sent(path, authorization, body, wamid));
            answer(exchange, 200, Map.of("messaging_product", "whatsapp", "contacts", List.of(Map.of("input", to, "wa_id", to)),
                    "messages", List.of(Map.of("id", wamid))));
            return;
        }
        if (parts.length == 4 && parts[3].equals("message_templates")) {
            Map<String, Object> paging = new java.util.HashMap<>(Map.of("cursors", Map.of("before", "a", "after", "b")));
            if (nextPage != null) {
                paging.put("next", nextPage);
            }
            answer(exchange, 200, Map.of("data", templates, "paging", paging));
            return;
        }
        if (parts.length == 3 && media.containsKey(parts[2])) {
            Media file = media.get(parts[2]);
            answer(exchange, 200, Map.of("messaging_product", "whatsapp", "url", baseUrl() + "/files/" + parts[2], "mime_type", file.mimeType(),
                    "sha256", "x", "file_size", file.bytes().length, "id", parts[2]));
            return;
        }
        answer(exchange, 400, error(100, "Unsupported get request. Object with ID '" + parts[parts.length - 1] + "' does not exist"));
    }

    private static Map<String, Object> error(int code, String message) {
        return Map.of("error", Map.of("message", message, "type", "OAuthException", "code", code,
                "error_data", Map.of("messaging_product", "whatsapp", "details", message), "fbtrace_id", "AbC"));
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        LocalProvider.answer(exchange, status, "application/json", JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
