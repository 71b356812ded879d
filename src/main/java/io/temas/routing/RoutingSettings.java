package io.temas.routing;

import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing defaults.
 *
 * @param fallbackQueue    the queue for messages no rule and no entry point claims
 * @param capacity         conversations an agent handles at once per channel, unless set on the agent
 * @param handlingRate     first responses one agent gives per hour per channel, used until enough
 *                         history exists to measure it
 * @param etaPercentile    the share of customers who should be answered within the promised time
 * @param rateWindow       how far back the measured handling rate looks
 * @param zone             time zone when a queue has no business hours
 */
@ConfigurationProperties("temas.routing")
public record RoutingSettings(
        @DefaultValue("Genel") String fallbackQueue,
        Map<ChannelType, Integer> capacity,
        Map<ChannelType, Double> handlingRate,
        @DefaultValue("0.8") double etaPercentile,
        @DefaultValue("2h") Duration rateWindow,
        @DefaultValue("Europe/Istanbul") String zone) {

    private static final Map<ChannelType, Integer> DEFAULT_CAPACITY = Map.of(
            ChannelType.CHAT, 3, ChannelType.EMAIL, 10, ChannelType.SMS, 10, ChannelType.VOICE, 1,
            ChannelType.SOCIAL, 5, ChannelType.WEBFORM, 10);
    private static final Map<ChannelType, Double> DEFAULT_RATE = Map.of(
            ChannelType.CHAT, 20.0, ChannelType.EMAIL, 8.0, ChannelType.SMS, 15.0, ChannelType.VOICE, 10.0,
            ChannelType.SOCIAL, 12.0, ChannelType.WEBFORM, 8.0);

    public RoutingSettings {
        Map<ChannelType, Integer> c = new EnumMap<>(DEFAULT_CAPACITY);
        if (capacity != null) {
            c.putAll(capacity);
        }
        capacity = Map.copyOf(c);
        Map<ChannelType, Double> r = new EnumMap<>(DEFAULT_RATE);
        if (handlingRate != null) {
            r.putAll(handlingRate);
        }
        handlingRate = Map.copyOf(r);
    }

    public static RoutingSettings defaults() {
        return new RoutingSettings("Genel", null, null, 0.8, Duration.ofHours(2), "Europe/Istanbul");
    }
}
