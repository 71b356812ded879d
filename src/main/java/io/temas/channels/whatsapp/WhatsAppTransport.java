package io.temas.channels.whatsapp;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.shared.ReasonCode;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends WhatsApp messages through the Cloud API: text, or an approved template when the message
 * carries one (the only kind allowed outside the 24-hour window).
 * The {@code wamid} WhatsApp answers is the reference its status webhooks name. Until the connector
 * is configured every send fails for good with that reason, so nothing waits for a setting forever.
 */
@Component
class WhatsAppTransport implements OutboundTransport {

    /** Headers of an outbound message that make it a template: name, language code, parameters as a JSON array. */
    static final String TEMPLATE = "X-WhatsApp-Template";
    static final String TEMPLATE_LANGUAGE = "X-WhatsApp-Template-Language";
    static final String TEMPLATE_PARAMETERS = "X-WhatsApp-Template-Parameters";

    static final String NOT_CONFIGURED = "WhatsApp is not configured (temas.whatsapp.access-token and temas.whatsapp.phone-number-id)";

    private final WhatsAppSettings settings;
    private final GraphApi graph;
    private final JsonMapper json;

    WhatsAppTransport(WhatsAppSettings settings, GraphApi graph, JsonMapper json) {
        this.settings = settings;
        this.graph = graph;
        this.json = json;
    }

    @Override
    public ChannelType channel() {
        return WhatsAppChannel.WHATSAPP;
    }

    @Override
    public String name() {
        return "whatsapp";
    }

    /** One call to the Graph API per send, nothing written: sends go side by side. */
    @Override
    public boolean sendsSideBySide() {
        return true;
    }

    /** The Cloud API's throughput for the business number ({@code temas.whatsapp.sends-per-second}). */
    @Override
    public int sendsPerSecond() {
        return settings.sendsPerSecond();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (!settings.configured()) {
            return new SendResult.PermanentFailure(NOT_CONFIGURED, ReasonCode.of("whatsapp.reason.notConfigured"));
        }
        Map<String, Object> payload;
        try {
            payload = payload(message);
        } catch (IllegalArgumentException e) {
            return new SendResult.PermanentFailure(e.getMessage());
        }
        try {
            GraphApi.Answer answer = graph.send(payload);
            if (answer.ok()) {
                String wamid = answer.body() == null ? null : answer.body().path("messages").path(0).path("id").asString(null);
                return wamid == null ? new SendResult.TemporaryFailure("WhatsApp answered " + answer.status() + " without a message id")
                        : new SendResult.Sent(wamid);
            }
            return WhatsAppErrors.classify(answer.status(), answer.body());
        } catch (IOException e) {
            return new SendResult.TemporaryFailure("the Graph API is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.TemporaryFailure("interrupted");
        }
    }

    /** The Cloud API's message object for an outbound message. */
    Map<String, Object> payload(OutboundMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messaging_product", "whatsapp");
        payload.put("recipient_type", "individual");
        payload.put("to", to(message.recipient()));
        Map<String, String> headers = message.headers();
        if (headers.containsKey(TEMPLATE)) {
            payload.put("type", "template");
            payload.put("template", template(headers));
        } else {
            payload.put("type", "text");
            payload.put("text", Map.of("preview_url", false, "body", message.body()));
        }
        return payload;
    }

    private Map<String, Object> template(Map<String, String> headers) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", headers.get(TEMPLATE));
        template.put("language", Map.of("code", headers.getOrDefault(TEMPLATE_LANGUAGE, "tr")));
        List<String> parameters = headers.containsKey(TEMPLATE_PARAMETERS)
                ? List.of(json.readValue(headers.get(TEMPLATE_PARAMETERS), String[].class)) : List.of();
        if (!parameters.isEmpty()) {
            List<Map<String, String>> values = new ArrayList<>();
            parameters.forEach(p -> values.add(Map.of("type", "text", "text", p)));
            template.put("components", List.of(Map.of("type", "body", "parameters", values)));
        }
        return template;
    }

    /** WhatsApp wants the number in international form without the {@code +}. */
    static String to(String recipient) {
        String r = recipient == null ? "" : recipient.strip();
        return r.startsWith("+") ? r.substring(1) : r;
    }
}
