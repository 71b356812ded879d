package io.temas.chat;

import io.temas.routing.BusinessCalendars;
import io.temas.routing.EntryPoint;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.RoutingSettings;
import io.temas.shared.Language;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What the chat says to visitors, in their language, from the {@code chat} and {@code chatbot} bundles. */
@Component
class ChatTexts {

    private final MessageSource messages;
    private final BusinessCalendars calendars;
    private final Queues queues;
    private final RoutingSettings routing;
    private final Map<Language, Map<String, String>> widget = new java.util.concurrent.ConcurrentHashMap<>();

    ChatTexts(MessageSource messages, BusinessCalendars calendars, Queues queues, RoutingSettings routing) {
        this.messages = messages;
        this.calendars = calendars;
        this.queues = queues;
        this.routing = routing;
    }

    String get(Language language, String key, Object... args) {
        return messages.getMessage(key, args, key, language.locale());
    }

    /** A moment as the visitor reads it: their language, the zone of the entry point's business hours. */
    String when(Language language, Instant at, EntryPoint entryPoint) {
        ZoneId zone = queues.find(entryPoint.queueId()).map(Queue::businessHoursId).map(calendars::get).map(h -> h.zone())
                .orElseGet(() -> ZoneId.of(routing.zone()));
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(language.locale())
                .withZone(zone).format(at);
    }

    /** Every {@code widget.*} text of the chat bundle in a language, without the prefix, for the widget. */
    Map<String, String> widget(Language language) {
        return widget.computeIfAbsent(language, l -> {
            Map<String, String> texts = new LinkedHashMap<>();
            Properties keys = new Properties();
            try (var in = ChatTexts.class.getResourceAsStream("/i18n/chat.properties")) {
                if (in != null) {
                    keys.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the chat bundle cannot be read", e);
            }
            keys.stringPropertyNames().stream().filter(k -> k.startsWith("widget.")).sorted()
                    .forEach(k -> texts.put(k.substring("widget.".length()), messages.getMessage(k, null, k, l.locale())));
            return Map.copyOf(texts);
        });
    }
}
