package io.temas.channels.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Graph API calls WhatsApp needs, each with the bearer token: send a message, look up a
 * media object and fetch its bytes, list the account's message templates. Answers carry the HTTP
 * status and the parsed JSON (null when the body is not JSON); network trouble is an
 * {@link IOException} for the caller to classify.
 */
@Component
class GraphApi {

    /** One answer: its status and body as JSON (null when it was not JSON). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Bytes of a media object and what they are. */
    record Media(byte[] bytes, String contentType) {
    }

    private final WhatsAppSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    GraphApi(WhatsAppSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** {@code POST /{version}/{phone-number-id}/messages}. */
    Answer send(Object payload) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(payload);
        HttpRequest request = authorised(URI.create(settings.root() + "/" + encode(settings.phoneNumberId()) + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** {@code GET /{version}/{business-account-id}/message_templates}, following the paging cursor. */
    java.util.List<JsonNode> templates() throws IOException, InterruptedException {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        String next = settings.root() + "/" + encode(settings.businessAccountId()) + "/message_templates?limit=100";
        for (int page = 0; next != null && page < 50; page++) {
            Answer answer = answer(http.send(authorised(URI.create(next)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            if (!answer.ok() || answer.body() == null) {
                throw new IOException("the Graph API answered " + answer.status() + WhatsAppErrors.describe(answer.body()));
            }
            answer.body().path("data").forEach(all::add);
            JsonNode cursor = answer.body().path("paging").path("next");
            next = cursor.isString() && !cursor.asString().isBlank() ? cursor.asString() : null;
        }
        return all;
    }

    /** {@code GET /{version}/{media-id}} for the URL, then the URL itself; refuses more than {@code limit} bytes. */
    Media media(String mediaId, long limit) throws IOException, InterruptedException {
        Answer lookup = answer(http.send(authorised(URI.create(settings.root() + "/" + encode(mediaId))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        if (!lookup.ok() || lookup.body() == null || !lookup.body().path("url").isString()) {
            throw new IOException("media " + mediaId + ": the Graph API answered " + lookup.status() + WhatsAppErrors.describe(lookup.body()));
        }
        long size = lookup.body().path("file_size").asLong(0);
        if (size > limit) {
            throw new IOException("media " + mediaId + " is " + size + " bytes, more than the " + limit + " allowed");
        }
        URI url = URI.create(lookup.body().path("url").asString());
        if (!trusted(url)) {
            throw new IOException("media " + mediaId + " is offered at " + url.getHost() + ", which is not Meta's: not fetched");
        }
        HttpResponse<InputStream> file = http.send(authorised(url).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = file.body()) {
            if (file.statusCode() / 100 != 2) {
                throw new IOException("media " + mediaId + ": download answered " + file.statusCode());
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new IOException("media " + mediaId + " is more than the " + limit + " bytes allowed");
            }
            String type = lookup.body().path("mime_type").asString(file.headers().firstValue("Content-Type").orElse("application/octet-stream"));
            return new Media(bytes, type);
        }
    }

    /**
     * Whether the access token may go to a media URL: Meta serves media from its own hosts (or from
     * the configured Graph API's host), and the token is not handed to anybody else.
     */
    boolean trusted(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
        String graphHost = URI.create(settings.baseUrl()).getHost();
        boolean meta = "https".equals(url.getScheme())
                && (host.endsWith(".fbsbx.com") || host.endsWith(".facebook.com") || host.endsWith(".whatsapp.net"));
        return meta || host.equalsIgnoreCase(graphHost == null ? "" : graphHost);
    }

    private HttpRequest.Builder authorised(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Authorization", "Bearer " + settings.accessToken());
    }

    private Answer answer(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (RuntimeException e) {
            body = null;
        }
        return new Answer(response.statusCode(), body);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment == null ? "" : segment, StandardCharsets.UTF_8);
    }
}
