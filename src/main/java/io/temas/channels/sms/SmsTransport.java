package io.temas.channels.sms;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RetryAfter;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends SMS through the provider chosen in {@code temas.sms.provider}. Provider answers map to
 * the outbox's retry rules: throttling (429), server errors and network trouble are retried (no sooner than a
 * {@code Retry-After} the provider sends),
 * refused requests (an invalid number) are not. The provider's message id is kept as the
 * reference its delivery receipts name. With the provider {@code none} there is no transport.
 */
public class SmsTransport implements OutboundTransport {

    private final SmsSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    SmsTransport(SmsSettings settings, JsonMapper json) {
        if (!settings.twilio() && !settings.generic()) {
            throw new IllegalStateException("temas.sms.provider must be none, generic or twilio, not '" + settings.provider() + "'");
        }
        if (settings.baseUrl() == null || settings.baseUrl().isBlank()) {
            throw new IllegalStateException("temas.sms.base-url is required for the " + settings.provider() + " SMS provider");
        }
        if (settings.twilio() && (blank(settings.accountSid()) || blank(settings.authToken()))) {
            throw new IllegalStateException("temas.sms.account-sid and temas.sms.auth-token are required for Twilio");
        }
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public ChannelType channel() {
        return ChannelType.SMS;
    }

    @Override
    public String name() {
        return settings.provider().toLowerCase(java.util.Locale.ROOT);
    }

    /** One HTTP call to the provider per send, nothing written: sends go side by side. */
    @Override
    public boolean sendsSideBySide() {
        return true;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        String from = message.sender() != null && !message.sender().isBlank() ? message.sender() : settings.sender();
        try {
            HttpResponse<String> response = http.send(settings.twilio() ? twilio(message, from) : generic(message, from),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return result(response);
        } catch (IOException e) {
            return new SendResult.TemporaryFailure("provider unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.TemporaryFailure("interrupted");
        }
    }

    private HttpRequest twilio(OutboundMessage message, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.recipient());
        form.put("From", from);
        form.put("Body", message.body());
        if (!blank(settings.publicUrl())) {
            form.put("StatusCallback", settings.publicUrl().replaceAll("/+$", "") + "/api/v1/webhooks/sms/twilio/status");
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder().encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(root() + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json"))
                .timeout(settings.timeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest generic(OutboundMessage message, String from) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("from", from);
        payload.put("to", message.recipient());
        payload.put("text", message.body());
        payload.put("segments", GsmSegments.count(message.body()).segments());
        byte[] body = json.writeValueAsBytes(payload);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "/messages"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json");
        if (!blank(settings.apiKey())) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        if (!blank(settings.webhookSecret())) {
            request.header("X-Temas-Signature", SmsSignatures.generic(settings.webhookSecret(), body));
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private SendResult result(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status >= 200 && status < 300) {
            String reference = text(answer, settings.twilio() ? "sid" : "id");
            return new SendResult.Sent(reference);
        }
        String detail = "provider answered " + status + (answer == null ? "" : ": " + answer.path("message").asString(
                answer.path("error").asString("")));
        if (status == 408 || status == 429 || status >= 500 || status == 401 || status == 403) {
            // A provider's Retry-After is a real time (or seconds from now), so it is read against the real clock.
            return new SendResult.TemporaryFailure(detail, null,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
        }
        return new SendResult.PermanentFailure(detail);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || node.path(field).isMissingNode() || node.path(field).isNull() ? null : node.path(field).asString();
    }

    private String root() {
        return settings.baseUrl().replaceAll("/+$", "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The transport, or none (a null bean, left out of the transports) for the provider
     * {@code none}: decided when the bean is made, not by a condition, so a context processed
     * ahead of time at build follows the provider it is started with.
     */
    @Configuration(proxyBeanMethods = false)
    static class Provider {

        @Bean
        SmsTransport smsTransport(SmsSettings settings, JsonMapper json) {
            return "none".equalsIgnoreCase(settings.provider()) ? null : new SmsTransport(settings, json);
        }
    }
}
