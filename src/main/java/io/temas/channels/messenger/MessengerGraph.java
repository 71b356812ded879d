package io.temas.channels.messenger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Graph API calls Temas makes, by their documented wire format: the Send API ({@code POST
 * {base}/{version}/{account}/messages}, the page access token as a bearer token), answered
 * {@code {"recipient_id","message_id"}} or {@code {"error":{"message","code","error_subcode"}}},
 * and downloads of attachment URLs from webhooks.
 */
class MessengerGraph {

    /** The largest attachment fetched (Meta's own limit on attachments is 25 MB). */
    static final long MAX_FILE = 25L * 1024 * 1024;

    /** An answer: HTTP status and the body as JSON (null when it was not JSON). */
    record Answer(int status, JsonNode body) {
    }

    /** A downloaded attachment. */
    record Fetched(String contentType, byte[] content) {
    }

    private final MessengerSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    MessengerGraph(MessengerSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Posts a Send API request for the account ({@code me} for the page the token belongs to). */
    Answer send(String account, Object payload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.root() + "/" + account + "/messages"))
                .timeout(settings.timeout()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + settings.pageAccessToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(payload))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (RuntimeException e) {
            body = null;
        }
        return new Answer(response.statusCode(), body);
    }

    /** Fetches an attachment from the URL the webhook named; refuses anything that is not http(s) or is over {@link #MAX_FILE}. */
    Fetched download(String url) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("not an http(s) URL: " + url);
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("the download answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes((int) MAX_FILE + 1);
            if (bytes.length > MAX_FILE) {
                throw new IOException("the attachment is larger than " + MAX_FILE + " bytes");
            }
            return new Fetched(response.headers().firstValue("Content-Type").orElse(null), bytes);
        }
    }
}
