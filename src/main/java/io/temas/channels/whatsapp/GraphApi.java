package io.temas.channels.whatsapp;

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
 * The few Graph API calls WhatsApp needs, each with the bearer token: send a message, look up a
 * media object and fetch its bytes, list the account's message templates. Answers carry the HTTP
 * status and the parsed JSON (null when the body is not JSON); network trouble is an
 * {@link IOException} for the caller to classify. No redirect is followed with the token: the
 * client never follows redirects, and media come through {@link BoundedDownloads}.
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

    /** A media download may take this many times the call timeout, body included. */
    static final int DOWNLOAD_TIMEOUTS = 6;

    private final WhatsAppSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    GraphApi(WhatsAppSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = BoundedDownloads.client(settings.timeout());
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
            next = next(answer.body().path("paging").path("next"));
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
        URI url;
        try {
            url = URI.create(lookup.body().path("url").asString());
        } catch (IllegalArgumentException e) {
            throw new IOException("media " + mediaId + " is offered at an unreadable URL");
        }
        if (!trusted(url)) {
            throw new IOException("media " + mediaId + " is offered at " + url.getHost() + ", which is not Meta's: not fetched");
        }
        BoundedDownloads.Fetched file;
        try {
            file = BoundedDownloads.get(http, url, this::trusted, limit, settings.timeout().multipliedBy(DOWNLOAD_TIMEOUTS),
                    "Authorization", "Bearer " + settings.accessToken());
        } catch (IOException e) {
            throw new IOException("media " + mediaId + ": " + e.getMessage(), e);
        }
        String type = lookup.body().path("mime_type").asString(file.contentType() == null ? "application/octet-stream" : file.contentType());
        return new Media(file.bytes(), type);
    }

    /**
     * The next page of a listing, only when it is on the configured Graph API (the token goes with
     * it): a cursor pointing anywhere else ends the listing with an error rather than leak the token.
     */
    private String next(JsonNode cursor) throws IOException {
        if (!cursor.isString() || cursor.asString().isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(cursor.asString());
        } catch (IllegalArgumentException e) {
            throw new IOException("the Graph API named an unreadable next page");
        }
        if (!BoundedDownloads.sameOrigin(uri, URI.create(settings.baseUrl()))) {
            throw new IOException("the Graph API named a next page on " + uri.getHost() + ", not on the configured Graph API: not followed");
        }
        return uri.toString();
    }

    /**
     * Whether the access token may go to a media URL: Meta serves media from its own hosts (or from
     * the configured Graph API's host), and the token is not handed to anybody else.
     */
    boolean trusted(URI url) {
        return BoundedDownloads.httpsOn(url, java.util.List.of("fbsbx.com", "facebook.com", "whatsapp.net"))
                || BoundedDownloads.sameOrigin(url, URI.create(settings.baseUrl()));
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
