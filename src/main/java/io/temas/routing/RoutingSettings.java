package io.temas.routing;

import io.temas.shared.InvalidInput;
import io.temas.channels.Channel;
import io.temas.channels.Channels;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing defaults.
 *
 * @param fallbackQueue    the queue for messages no rule and no entry point claims
 * @param capacity         per channel code, overriding the channel's default: conversations an agent handles
 *                         at once, unless set on the agent
 * @param handlingRate     per channel code, overriding the channel's default: first responses one agent gives
 *                         per hour, used until enough history exists to measure it
 * @param etaPercentile    the share of customers who should be answered within the promised time
 * @param rateWindow       how far back the measured handling rate looks
 * @param zone             time zone when a queue has no business hours
 */
@ConfigurationProperties("temas.routing")
public record RoutingSettings(
        @DefaultValue("Genel") String fallbackQueue,
        Map<String, Integer> capacity,
        Map<String, Double> handlingRate,
        @DefaultValue("0.8") double etaPercentile,
        @DefaultValue("2h") Duration rateWindow,
        @DefaultValue("Europe/Istanbul") String zone) {

    public RoutingSettings {
        capacity = byCode(capacity);
        handlingRate = byCode(handlingRate);
    }

    /** Conversations of the channel an agent handles at once: the setting where one is made, else the channel's default. */
    public int capacity(Channel channel) {
        return capacity.getOrDefault(channel.type().code(), channel.capacity());
    }

    /** First responses per agent-hour on the channel: the setting where one is made, else the channel's default. */
    public double handlingRate(Channel channel) {
        return handlingRate.getOrDefault(channel.type().code(), channel.handlingRate());
    }

    /** Refuses a setting for a channel no package registered (a typo would otherwise be ignored). */
    void check(Channels channels) {
        check(channels, "temas.routing.capacity.", capacity);
        check(channels, "temas.routing.handling-rate.", handlingRate);
    }

    private static void check(Channels channels, String prefix, Map<String, ?> settings) {
        settings.keySet().forEach(code -> {
            try {
                channels.type(code);
            } catch (InvalidInput e) {
                throw new IllegalStateException(prefix + code + ": " + e.getMessage(), e);
            }
        });
    }

    private static <T> Map<String, T> byCode(Map<String, T> settings) {
        return settings == null ? Map.of() : settings.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().strip().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    public static RoutingSettings defaults() {
        return new RoutingSettings("Genel", null, null, 0.8, Duration.ofHours(2), "Europe/Istanbul");
    }
}
