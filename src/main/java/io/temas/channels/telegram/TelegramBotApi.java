package io.temas.channels.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.temas.channels.BoundedDownloads;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Bot API methods Temas calls, by their documented wire format: {@code POST
 * {base}/bot{token}/{method}} with a JSON body, answered {@code {"ok":true,"result":…}} or
 * {@code {"ok":false,"error_code","description","parameters"?}}; files are fetched from
 * {@code {base}/file/bot{token}/{file_path}}.
 */
@Component
class TelegramBotApi {

    /** The largest file the Bot API hands to bots (20 MB); larger ones are not fetched. */
    static final long MAX_FILE = 20L * 1024 * 1024;

    /** A file download may take this many times the call timeout, body included. */
    static final int DOWNLOAD_TIMEOUTS = 6;

    /** A method's answer: the HTTP status and the body read as JSON (null when it was not JSON). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status / 100 == 2 && body != null && body.path("ok").asBoolean(false);
        }

        String description() {
            return body == null ? "HTTP " + status : body.path("description").asString("HTTP " + status);
        }
    }

    private final TelegramSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    TelegramBotApi(TelegramSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = BoundedDownloads.client(settings.timeout());
    }

    /** Calls a method with a JSON body. */
    Answer call(String method, Object payload) throws IOException, InterruptedException {
        if (!settings.tokenWellFormed()) {
            throw new IOException("temas.telegram.bot-token is not a bot token");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.root() + "/bot" + settings.botToken() + "/" + method))
                .timeout(settings.timeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(payload))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), parse(response.body()));
    }

    /**
     * Fetches a file the update named: {@code getFile} for its path, then the bytes.
     *
     * @throws IOException when either step fails or the file is over {@link #MAX_FILE}
     */
    Fetched fetch(String fileId) throws IOException, InterruptedException {
        Answer answer = call("getFile", java.util.Map.of("file_id", fileId));
        if (!answer.ok()) {
            throw new IOException("getFile answered " + answer.status() + ": " + answer.description());
        }
        String path = answer.body().path("result").path("file_path").asString("");
        if (path.isBlank()) {
            throw new IOException("getFile named no file_path");
        }
        String encoded = String.join("/", java.util.Arrays.stream(path.split("/"))
                .map(p -> URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20")).toList());
        URI base = URI.create(settings.root());
        BoundedDownloads.Fetched fetched = BoundedDownloads.get(http, URI.create(settings.root() + "/file/bot" + settings.botToken() + "/" + encoded),
                uri -> BoundedDownloads.sameOrigin(uri, base), MAX_FILE, settings.timeout().multipliedBy(DOWNLOAD_TIMEOUTS));
        return new Fetched(path, fetched.contentType(), fetched.bytes());
    }

    /** A downloaded file: its path on Telegram's side (the name is its last part), type and bytes. */
    record Fetched(String path, String contentType, byte[] content) {

        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
