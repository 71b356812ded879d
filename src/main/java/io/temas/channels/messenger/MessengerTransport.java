package io.temas.channels.messenger;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.shared.ReasonCode;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a free-form reply ({@code messaging_type: RESPONSE}) through the Send API: Messenger from
 * the page ({@code me}), Instagram through the Instagram account. Meta accepts such replies only
 * within 24 hours of the customer's last message, so one later than that is refused here with the
 * reason, and Meta's own refusal (code 10, subcode 2018278) says the same.
 *
 * <p>Errors map to the outbox's rules: throttling and transient errors (codes 1, 2, 4, 17, 32,
 * 613, HTTP 429 and 5xx) are retried; permission, parameter, token and unavailable-user errors
 * (10, 100, 190, 200, 551 and other 4xx) fail for good with Meta's message. The reference is
 * Meta's {@code message_id}, which delivery and read receipts name.
 */
final class MessengerTransport implements OutboundTransport {

    /** Meta's standard messaging window for free-form replies. */
    static final Duration WINDOW = Duration.ofHours(24);

    private static final Set<Integer> TEMPORARY = Set.of(1, 2, 4, 17, 32, 341, 613);

    private final ChannelType channel;
    private final MessengerSettings settings;
    private final MessengerGraph graph;
    private final MessengerContacts contacts;
    private final Clock clock;

    MessengerTransport(ChannelType channel, MessengerSettings settings, MessengerGraph graph, MessengerContacts contacts, Clock clock) {
        this.channel = channel;
        this.settings = settings;
        this.graph = graph;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public ChannelType channel() {
        return channel;
    }

    /** One name for both channels: receipts name Meta's message id whichever app it went to. */
    @Override
    public String name() {
        return "messenger";
    }

    /** One call to the Graph API per send, the window read from what is committed, nothing written: sends go side by side. */
    @Override
    public boolean sendsSideBySide() {
        return true;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (!settings.configured()) {
            return new SendResult.PermanentFailure(label() + " is not configured: set " + settings.missing(),
                    ReasonCode.of("messenger.reason.notConfigured", label()));
        }
        String prefix = channel.code() + ":";
        String recipient = message.recipient();
        if (recipient == null || !recipient.startsWith(prefix) || recipient.length() == prefix.length()) {
            return new SendResult.PermanentFailure("'" + recipient + "' is not a " + label() + " user (" + prefix + "<id>)");
        }
        if (message.body() == null || message.body().isBlank()) {
            return new SendResult.PermanentFailure(label() + " cannot send an empty message");
        }
        String userId = recipient.substring(prefix.length());
        Optional<Instant> lastHeard = contacts.lastHeard(channel, userId);
        if (lastHeard.isPresent() && lastHeard.get().plus(WINDOW).isBefore(clock.instant())) {
            return new SendResult.PermanentFailure(outsideWindow() + " (the customer last wrote at " + lastHeard.get() + ")",
                    ReasonCode.of("messenger.reason.window", label()));
        }
        Map<String, Object> payload = Map.of("recipient", Map.of("id", userId), "messaging_type", "RESPONSE",
                "message", Map.of("text", message.body()));
        String account = MessengerChannels.INSTAGRAM.equals(channel) && !MessengerSettings.blank(settings.instagramAccountId())
                ? settings.instagramAccountId().strip() : "me";
        try {
            return result(graph.send(account, payload));
        } catch (IOException e) {
            return new SendResult.TemporaryFailure("Graph API unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.TemporaryFailure("interrupted");
        }
    }

    /** The Graph API's answer in the outbox's terms. */
    SendResult result(MessengerGraph.Answer answer) {
        var body = answer.body();
        if (answer.status() / 100 == 2 && body != null && body.hasNonNull("message_id")) {
            return new SendResult.Sent(body.get("message_id").asString());
        }
        var error = body == null ? null : body.get("error");
        int code = error == null ? 0 : error.path("code").asInt(0);
        int subcode = error == null ? 0 : error.path("error_subcode").asInt(0);
        String detail = error == null ? "HTTP " + answer.status() : error.path("message").asString("HTTP " + answer.status());
        String reason = label() + " answered " + answer.status() + (code == 0 ? "" : " (code " + code + (subcode == 0 ? "" : "/" + subcode) + ")")
                + ": " + detail;
        if (code == 10 && subcode == 2018278 || code == 10 && detail.contains("outside of allowed window")) {
            return new SendResult.PermanentFailure(outsideWindow() + "; " + reason, ReasonCode.of("messenger.reason.window", label()));
        }
        if (code == 551 || code == 100 && subcode == 2018001) {
            return new SendResult.PermanentFailure("the person is not available on " + label() + " (blocked the page or left); " + reason,
                    ReasonCode.of("messenger.reason.unavailable", label()));
        }
        if (code == 190 || answer.status() == 401) {
            return new SendResult.PermanentFailure("the page access token was refused; check temas.messenger.page-access-token; " + reason,
                    ReasonCode.of("messenger.reason.tokenRefused", label()));
        }
        if (TEMPORARY.contains(code) || answer.status() == 429 || answer.status() >= 500 || answer.status() / 100 == 2) {
            boolean throttled = answer.status() == 429 || code != 1 && code != 2 && TEMPORARY.contains(code);
            return new SendResult.TemporaryFailure(reason, throttled ? ReasonCode.of("messenger.reason.throttled", label()) : null);
        }
        return new SendResult.PermanentFailure(reason);
    }

    private String outsideWindow() {
        return "outside " + label() + "'s 24-hour messaging window: a free-form reply is accepted only within 24 hours of the "
                + "customer's last message";
    }

    private String label() {
        return MessengerChannels.INSTAGRAM.equals(channel) ? "Instagram" : "Messenger";
    }
}
