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
 * @param etaQuantile      the quantile of the modelled wait a promise is worked out at; unset, the share less
 *                         {@value #CALIBRATION}, as measured by the promise benchmark (rounding promises up to times
 *                         people say and never promising earlier than those ahead keep more than the quantile)
 * @param rateWindow       how far back the measured handling rate looks
 * @param zone             time zone when a queue has no business hours
 * @param retirementAlternatives entry point addresses a customer writing to a retiring entry point is told to use
 *                         instead, in this order (unset: the organisation's other active entry points on other channels)
 * @param unassignHold     how long a conversation a person unassigned waits in its queue's unassigned view before the
 *                         auto-assigner offers it to someone else (never past its next SLA due time; zero: offered at once)
 */
@ConfigurationProperties("temas.routing")
public record RoutingSettings(
        @DefaultValue("Genel") String fallbackQueue,
        Map<String, Integer> capacity,
        Map<String, Double> handlingRate,
        @DefaultValue("0.8") double etaPercentile,
        Double etaQuantile,
        @DefaultValue("2h") Duration rateWindow,
        @DefaultValue("Europe/Istanbul") String zone,
        java.util.List<String> retirementAlternatives,
        @DefaultValue("5m") Duration unassignHold) {

    /** How far below the target share the model's quantile lies, so that the target share is kept (BENCHMARKS.md). */
    public static final double CALIBRATION = 0.2;

    public RoutingSettings {
        if (etaPercentile <= 0 || etaPercentile >= 1 || (etaQuantile != null && (etaQuantile <= 0 || etaQuantile >= 1))) {
            throw new IllegalStateException("temas.routing.eta-percentile and eta-quantile lie between 0 and 1");
        }
        capacity = byCode(capacity);
        if (unassignHold == null || unassignHold.isNegative()) {
            throw new IllegalStateException("temas.routing.unassign-hold is a duration of zero or more");
        }
        retirementAlternatives = retirementAlternatives == null ? java.util.List.of() : java.util.List.copyOf(retirementAlternatives);
        handlingRate = byCode(handlingRate);
    }

    /** The quantile promises are worked out at: the setting where one is made, else the calibrated one for the share. */
    public double promiseQuantile() {
        return etaQuantile != null ? etaQuantile : calibrated(etaPercentile);
    }

    /** The model's quantile that keeps a target share of promises: the share less {@link #CALIBRATION}, within 0.05–0.95. */
    public static double calibrated(double share) {
        return Math.clamp(share - CALIBRATION, 0.05, 0.95);
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
        return new RoutingSettings("Genel", null, null, 0.8, null, Duration.ofHours(2), "Europe/Istanbul", null,
                Duration.ofMinutes(5));
    }
}
