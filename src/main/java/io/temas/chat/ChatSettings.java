package io.temas.chat;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live chat limits.
 *
 * @param tokenLifetime     how long a visitor token lets a reload continue the same chat
 * @param maxText           characters in one message
 * @param maxFrameBytes     bytes in one WebSocket frame; a larger one closes the socket (1009)
 * @param messagesPerMinute messages (and files) one chat may send in a minute, beyond a burst of a quarter of it
 * @param sessionsPerMinute chats one client address may start in a minute
 * @param heartbeat         how often an idle event stream gets a comment line, so proxies keep it open
 * @param fileTypes         media types a visitor may send; the file's first bytes must match its type
 * @param idleTimeout       a chat with the bot and no connected visitor for this long ends as left
 */
@ConfigurationProperties("temas.chat")
public record ChatSettings(
        @DefaultValue("24h") Duration tokenLifetime,
        @DefaultValue("4000") int maxText,
        @DefaultValue("16384") int maxFrameBytes,
        @DefaultValue("30") int messagesPerMinute,
        @DefaultValue("20") int sessionsPerMinute,
        @DefaultValue("25s") Duration heartbeat,
        @DefaultValue({"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}) List<String> fileTypes,
        @DefaultValue("30m") Duration idleTimeout) {

    public ChatSettings {
        fileTypes = List.copyOf(fileTypes);
        if (maxText < 1 || maxFrameBytes < 256 || messagesPerMinute < 1 || sessionsPerMinute < 1) {
            throw new IllegalArgumentException("temas.chat: max-text >= 1, max-frame-bytes >= 256, messages-per-minute >= 1, "
                    + "sessions-per-minute >= 1");
        }
    }
}
