package io.temas.channels.telegram;

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
 * Plays the Telegram Bot API by its documented wire format: {@code POST /bot<token>/<method>}
 * with a JSON body, answered {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code",
 * "description","parameters"?}}; {@code getFile} names a {@code file_path} served at
 * {@code GET /file/bot<token>/<file_path>}. Chats can be scripted to fail the way Telegram fails:
 * blocked (403), not found (400), throttled (429 with {@code retry_after}), a server error (500).
 * A chat given to {@link #hold} keeps its next {@code sendMessage} waiting, as a slow API would.
 */
final class FakeTelegram implements AutoCloseable {

    /** A {@code sendMessage} call as the fake received it. */
    record Sent(String chatId, String text, JsonNode replyMarkup) {
    }

    enum Failure {
        BLOCKED(403, "Forbidden: bot was blocked by the user"),
        NOT_FOUND(400, "Bad Request: chat not found"),
        THROTTLED(429, "Too Many Requests: retry after 42"),
        SERVER(500, "Internal Server Error");

        final int status;
        final String description;

        Failure(int status, String description) {
            this.status = status;
            this.description = description;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalProvider server;
    private final String token;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();
    private final Holds holds = new Holds();

    FakeTelegram(String token) {
        this.token = token;
        server = LocalProvider.start("/", this::handle);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** A file the bot may fetch by this id; stored at {@code documents/<fileId>.bin}. */
    /** How often the bytes of a file were downloaded. */
    int downloads(String fileId) {
        return downloads.getOrDefault(fileId, 0);
    }

    void file(String fileId, byte[] content) {
        files.put(fileId, content);
    }

    /** The next {@code sendMessage} to {@code chatId} waits before it is answered until {@link Holds.Held#release} completes. */
    Holds.Held hold(String chatId) {
        return holds.hold(chatId);
    }

    void fail(String chatId, Failure failure) {
        failing.put(chatId, failure);
    }

    List<Sent> sentTo(String chatId) {
        return sent.stream().filter(s -> s.chatId().equals(chatId)).toList();
    }

    /** The {@code setWebhook} calls received, oldest first. */
    List<JsonNode> webhooks() {
        return List.copyOf(webhooks);
    }

    private final java.util.Map<String, Integer> downloads = new java.util.concurrent.ConcurrentHashMap<>();

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/file/bot" + token + "/")) {
            String filePath = path.substring(("/file/bot" + token + "/").length());
            String fileId = filePath.substring(filePath.indexOf('/') + 1).replaceFirst("\\.bin$", "");
            byte[] content = files.get(fileId);
            downloads.merge(fileId, 1, Integer::sum);
            if (content == null) {
                LocalProvider.answer(exchange, 404, "application/json", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}".getBytes());
            } else {
                LocalProvider.answer(exchange, 200, "application/octet-stream", content);
            }
            return;
        }
        if (!path.startsWith("/bot" + token + "/") || !"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 401, "Unauthorized", null);
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        switch (path.substring(("/bot" + token + "/").length())) {
            case "getFile" -> {
                String fileId = body.path("file_id").asString();
                if (files.containsKey(fileId)) {
                    ok(exchange, "{\"file_id\":\"%s\",\"file_unique_id\":\"u%s\",\"file_size\":%d,\"file_path\":\"documents/%s.bin\"}"
                            .formatted(fileId, fileId, files.get(fileId).length, fileId));
                } else {
                    error(exchange, 400, "Bad Request: invalid file_id", null);
                }
            }
            case "sendMessage" -> {
                String chatId = body.path("chat_id").asString();
                sent.add(new Sent(chatId, body.path("text").asString(), body.get("reply_markup")));
                holds.pass(chatId);
                Failure failure = failing.get(chatId);
                if (failure != null) {
                    error(exchange, failure.status, failure.description, failure == Failure.THROTTLED ? "{\"retry_after\":42}" : null);
                } else {
                    ok(exchange, "{\"message_id\":%d,\"from\":{\"id\":1,\"is_bot\":true,\"first_name\":\"Temas\"},\"chat\":{\"id\":%s,\"type\":\"private\"},\"date\":1764000000,\"text\":%s}"
                            .formatted(ids.incrementAndGet(), chatId, JSON.writeValueAsString(body.path("text").asString())));
                }
            }
            case "setWebhook" -> {
                webhooks.add(body);
                LocalProvider.answer(exchange, 200, "application/json",
                        "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}".getBytes(StandardCharsets.UTF_8));
            }
            default -> error(exchange, 404, "Not Found: method not found", null);
        }
    }

    private static void ok(HttpExchange exchange, String result) throws IOException {
        LocalProvider.answer(exchange, 200, "application/json", ("{\"ok\":true,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange exchange, int status, String description, String parameters) throws IOException {
        String json = "{\"ok\":false,\"error_code\":" + status + ",\"description\":\"" + description + "\""
                + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}";
        LocalProvider.answer(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
