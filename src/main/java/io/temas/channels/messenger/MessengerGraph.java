package io.temas.channels.messenger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.temas.channels.BoundedDownloads;
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

    /** A download may take this many times the call timeout, body included. */
    static final int DOWNLOAD_TIMEOUTS = 6;

    /** An answer: HTTP status and the body as JSON (null when it was not JSON). */
    record Answer(int status, JsonNode body) {
    }

    private final MessengerSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    MessengerGraph(MessengerSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = BoundedDownloads.client(settings.timeout());
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

    /**
     * Fetches an attachment from the URL the webhook named: https on one of the media hosts (or the
     * configured Graph API itself), no redirect elsewhere, at most {@link #MAX_FILE} bytes, within
     * {@link #DOWNLOAD_TIMEOUTS} times the call timeout. The page token never goes with it.
     */
    BoundedDownloads.Fetched download(String url) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL");
        }
        return BoundedDownloads.get(http, uri, this::trusted, MAX_FILE, settings.timeout().multipliedBy(DOWNLOAD_TIMEOUTS));
    }

    /** Whether an attachment may be fetched from {@code url}. */
    boolean trusted(URI url) {
        return BoundedDownloads.httpsOn(url, settings.mediaHosts())
                || BoundedDownloads.sameOrigin(url, URI.create(settings.baseUrl()));
    }
}
