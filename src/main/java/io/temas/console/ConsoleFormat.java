package io.temas.console;

import io.temas.channels.ReasonCode;
import io.temas.conversations.Inbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as the console shows them, in the viewer's language: SLA clocks ("12 dk kaldı"), ages and
 * dates in Istanbul time. Templates call it as {@code @fmt}; the browser keeps the clocks ticking
 * with the same patterns.
 */
@Component("fmt")
class ConsoleFormat {

    static final ZoneId ZONE = ZoneId.of("Europe/Istanbul");

    private final MessageSource messages;
    private final Clock clock;

    ConsoleFormat(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** "12 dk kaldı" or "5 dk gecikti"; empty for no deadline. */
    public String sla(Instant due) {
        if (due == null || due.equals(Instant.MAX)) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), due);
        String span = span(left.abs());
        return left.isNegative() ? text("sla.over", span) : text("sla.left", span);
    }

    /** "due" when within an hour, "breached" when past, else "". */
    public String slaState(Instant due) {
        if (due == null || due.equals(Instant.MAX)) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() ? "breached" : left.compareTo(Duration.ofHours(1)) <= 0 ? "due" : "";
    }

    /** A view's count as the inbox shows it: counts stop at {@link Inbox#COUNT_CAP}, more reads "999+". */
    public String count(int n) {
        return n > Inbox.COUNT_CAP ? Inbox.COUNT_CAP + "+" : Integer.toString(n);
    }

    /** "3 sa 5 dk önce". */
    public String ago(Instant at) {
        return at == null ? "" : text("time.ago", span(Duration.between(at, clock.instant()).abs()));
    }

    public String date(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(ZONE).format(at);
    }

    /** A calendar day in the viewer's language ("30 Haz 2026"); empty for none. */
    public String day(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
    }

    /**
     * Why a message failed, in the reader's language: the code's text from the bundles, its
     * arguments that are keys ({@code #channel.voice}) rendered too; {@code fallback} (the reason
     * as it came) for a code no bundle has.
     */
    public String reason(ReasonCode code, String fallback) {
        if (code == null) {
            return fallback;
        }
        Object[] args = code.args().stream()
                .map(a -> a.startsWith("#") ? messages.getMessage(a.substring(1), null, a.substring(1), locale()) : a).toArray();
        return messages.getMessage(code.key(), args, fallback, locale());
    }

    /** A label from the bundles, or {@code fallback} for keys no bundle has (event kinds added later, say). */
    public String label(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale());
    }

    String span(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return text("time.minutes", minutes);
        }
        if (minutes < 24 * 60) {
            return text("time.hours", minutes / 60, minutes % 60);
        }
        return text("time.days", minutes / (24 * 60), (minutes / 60) % 24);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
