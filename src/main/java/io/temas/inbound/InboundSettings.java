package io.temas.inbound;

import io.temas.shared.InvalidInput;
import io.temas.channels.Channel;
import io.temas.channels.Channels;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pipeline settings.
 *
 * @param threadingWindow   per channel code, overriding the channel's own default: a message joins the customer's
 *                          open conversation on the same channel when that conversation had a message within
 *                          this window (0 turns it off)
 * @param ackWindow         at most one acknowledgement per conversation within this window
 * @param organisationName  the name acknowledgements are signed with until an admin saves one (unset: the bundle's
 *                          "customer service" in the customer's language)
 * @param noReplyPatterns   sender local parts that never get an acknowledgement
 * @param ackRateLimit      at most this many acknowledgements to one address ...
 * @param ackRateWindow     ... within this window, whatever the conversation (robots that write a new mail each time)
 */
@ConfigurationProperties("temas.inbound")
public record InboundSettings(
        Map<String, Duration> threadingWindow,
        @DefaultValue("12h") Duration ackWindow,
        String organisationName,
        @DefaultValue({"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster",
                "bounce", "bounces"}) List<String> noReplyPatterns,
        @DefaultValue("5") int ackRateLimit,
        @DefaultValue("1h") Duration ackRateWindow) {

    public InboundSettings {
        threadingWindow = threadingWindow == null ? Map.of() : threadingWindow.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().strip().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    /** The channel's threading window: the setting where one is made, else the channel's default. */
    public Duration window(Channel channel) {
        return threadingWindow.getOrDefault(channel.type().code(), channel.threadingWindow());
    }

    /** Refuses a setting for a channel no package registered (a typo would otherwise be ignored). */
    void check(Channels channels) {
        threadingWindow.keySet().forEach(code -> {
            try {
                channels.type(code);
            } catch (InvalidInput e) {
                throw new IllegalStateException("temas.inbound.threading-window." + code + ": " + e.getMessage(), e);
            }
        });
    }
}
