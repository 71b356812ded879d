package io.temas.console;

import io.temas.customers.TimelineEntry;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A timeline entry's sentence in the reader's language. A call is told from the call itself
 * ({@link CallTexts}: how long, how it ended); an entry recorded with a detail code is said from
 * the bundles with its arguments (dates in the reader's zone). An older entry with neither has only its English summary: an
 * English reader gets it, anyone else gets nothing beside the entry's title (already in their
 * language), except a received message, whose summary is the customer's own subject or text (its
 * English "joined …" tail left off). Templates call it as {@code @timelineTexts}.
 */
@Component("timelineTexts")
class TimelineTexts {

    /** What the inbound pipeline appended to an older received message's summary when it joined a conversation. */
    private static final Pattern JOINED = Pattern.compile(" \\(joined [^()]*: [^()]*\\)$");

    private final ConsoleFormat format;
    private final CallTexts calls;

    TimelineTexts(ConsoleFormat format, CallTexts calls) {
        this.format = format;
        this.calls = calls;
    }

    public String summary(TimelineEntry entry) {
        Optional<String> call = calls.told(entry);
        if (call.isPresent()) {
            return call.get();
        }
        if (entry.detail() != null) {
            return format.reason(entry.detail(), entry.summary());
        }
        if (english() || entry.summary() == null) {
            return entry.summary();
        }
        return "message.received".equals(entry.kind()) ? JOINED.matcher(entry.summary()).replaceFirst("") : "";
    }

    private static boolean english() {
        return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
