package io.temas.inbound;

import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pipeline settings.
 *
 * @param threadingWindow   per channel: a message joins the customer's open conversation on the same
 *                          channel when that conversation had a message within this window (0 turns it off)
 * @param ackWindow         at most one acknowledgement per conversation within this window
 * @param organisationName  the name acknowledgements are signed with
 * @param noReplyPatterns   sender local parts that never get an acknowledgement
 * @param ackRateLimit      at most this many acknowledgements to one address ...
 * @param ackRateWindow     ... within this window, whatever the conversation (robots that write a new mail each time)
 */
@ConfigurationProperties("temas.inbound")
public record InboundSettings(
        Map<ChannelType, Duration> threadingWindow,
        @DefaultValue("12h") Duration ackWindow,
        @DefaultValue("Temas") String organisationName,
        @DefaultValue({"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster",
                "bounce", "bounces"}) List<String> noReplyPatterns,
        @DefaultValue("5") int ackRateLimit,
        @DefaultValue("1h") Duration ackRateWindow) {

    private static final Map<ChannelType, Duration> DEFAULT_WINDOWS = Map.of(
            ChannelType.EMAIL, Duration.ZERO,
            ChannelType.CHAT, Duration.ofMinutes(30),
            ChannelType.SMS, Duration.ofHours(24),
            ChannelType.VOICE, Duration.ofHours(1),
            ChannelType.SOCIAL, Duration.ofHours(24),
            ChannelType.WEBFORM, Duration.ZERO);

    public InboundSettings {
        Map<ChannelType, Duration> windows = new EnumMap<>(DEFAULT_WINDOWS);
        if (threadingWindow != null) {
            windows.putAll(threadingWindow);
        }
        threadingWindow = Map.copyOf(windows);
    }

    public Duration window(ChannelType channel) {
        return threadingWindow.getOrDefault(channel, Duration.ZERO);
    }
}
