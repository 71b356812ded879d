package io.temas.support;

import io.temas.channels.WebhookSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PBX speaking the generic CTI webhook: posts call events signed with the test's CTI secret, as
 * {@code X-Temas-Signature: sha256=<hex>}, to {@code /api/v1/webhooks/cti}.
 */
public final class Cti {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public Cti(int port) {
        this.port = port;
    }

    /** A Turkish mobile number no other test is likely to have used. */
    public static String phone() {
        return "+90542" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    public Api.Response ringing(String callId, String from, String extension) {
        return send("""
                {"callId":"%s","event":"ringing","from":"%s","to":"+908502220000","extension":"%s","at":"%s"}"""
                .formatted(callId, from, extension, Instant.now()));
    }

    public Api.Response answered(String callId, String extension) {
        return send("""
                {"callId":"%s","event":"answered","extension":"%s","at":"%s"}""".formatted(callId, extension, Instant.now()));
    }

    public Api.Response ended(String callId, int duration, String cause, String recordingUrl) {
        return send("""
                {"callId":"%s","event":"ended","duration":%d,"cause":"%s"%s,"at":"%s"}"""
                .formatted(callId, duration, cause, recordingUrl == null ? "" : ",\"recordingUrl\":\"" + recordingUrl + "\"", Instant.now()));
    }

    /** Posts one event as it is, signed. */
    public Api.Response send(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return post(body, WebhookSignatures.sha256(TemasIntegrationTest.CTI_SECRET, body));
    }

    /** Posts a body with this signature header, or none (null): forged and unsigned events. */
    public Api.Response post(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhooks/cti"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Temas-Signature", signature);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Api.Response(response.statusCode(), type, response.body(), type.contains("json") ? JSON.readTree(response.body()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
