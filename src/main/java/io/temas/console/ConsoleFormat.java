package io.temas.console;

import io.temas.channels.Channels;
import io.temas.shared.ReasonCode;
import io.temas.conversations.Inbox;
import io.temas.routing.SlaDurations;
import io.temas.shared.ChannelType;
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
 * Times and the engine's sentences as the console shows them, in the viewer's language: SLA clocks
 * ("12 dk kaldı"), ages, dates in the viewer's zone ({@link ViewerZone}), and reasons kept as codes
 * ({@link ReasonCode}). Templates call it as {@code @fmt}; the browser keeps the clocks ticking
 * with the same patterns.
 */
@Component("fmt")
class ConsoleFormat {

    /** How close a real-time channel's deadline is before its clock shows "due". */
    static final Duration PRECISE_DUE = Duration.ofSeconds(10);

    private final MessageSource messages;
    private final Clock clock;
    private final Channels channels;
    private final ViewerZone zone;

    ConsoleFormat(MessageSource messages, Clock clock, Channels channels, ViewerZone zone) {
        this.messages = messages;
        this.clock = clock;
        this.channels = channels;
        this.zone = zone;
    }

    /** The viewer's time zone: their browser's, else the console's configured one. */
    public ZoneId zone() {
        return zone.current();
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

    /**
     * "25 sn kaldı", "1 dk 5 sn gecikti": the clock of a real-time channel (chat answers within
     * seconds) to the second; other channels' clocks as {@link #sla(Instant)}.
     */
    public String sla(Instant due, ChannelType channel) {
        if (!precise(channel) || due == null || due.equals(Instant.MAX)) {
            return sla(due);
        }
        Duration left = Duration.between(clock.instant(), due);
        String span = preciseSpan(left.abs());
        return left.isNegative() ? text("sla.over", span) : text("sla.left", span);
    }

    /** An SLA target as the admin writes it: {@code 30s}, {@code 90m}, {@code 4h}, {@code 3d}. */
    public String target(Duration target) {
        return target == null ? "" : SlaDurations.format(target);
    }

    /** An SLA target in the reader's words ("1 g 4 sa", "30 dk", "45 sn"): each unit that is not zero, largest first. */
    public String targetWords(Duration target) {
        if (target == null) {
            return "";
        }
        long seconds = Math.max(0, target.getSeconds());
        java.util.List<String> parts = new java.util.ArrayList<>();
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60};
        String[] units = {"duration.days", "duration.hours", "duration.minutes", "duration.seconds"};
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                parts.add(text(units[i], amounts[i]));
            }
        }
        return parts.isEmpty() ? text("duration.seconds", 0) : String.join(" ", parts);
    }

    /** The clock's classes: its state, and {@code precise} for a real-time channel (the browser ticks it every second). */
    public String slaClasses(Instant due, ChannelType channel) {
        String state = slaState(due, channel);
        return precise(channel) ? (state + " precise").strip() : state;
    }

    /** Whether the channel's clocks count seconds (and tick every second in the browser). */
    public boolean precise(ChannelType channel) {
        return channel != null && channels.knows(channel) && channels.of(channel).realTime();
    }

    /** As {@link #slaState(Instant)}, but a real-time channel's clock is "due" only in its last {@link #PRECISE_DUE}. */
    public String slaState(Instant due, ChannelType channel) {
        if (!precise(channel) || due == null || due.equals(Instant.MAX)) {
            return slaState(due);
        }
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() ? "breached" : left.compareTo(PRECISE_DUE) <= 0 ? "due" : "";
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
                .withLocale(locale()).withZone(zone()).format(at);
    }

    /** A time of day in the viewer's language and zone ("14:05"); empty for none. */
    public String time(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale()).withZone(zone()).format(at);
    }

    /** A deadline: to the second for a real-time channel ("3 Ara 2026 14:05:30"), else as {@link #date}. */
    public String due(Instant at, ChannelType channel) {
        if (at == null || at.equals(Instant.MAX)) {
            return "";
        }
        return precise(channel) ? DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                .withLocale(locale()).withZone(zone()).format(at) : date(at);
    }

    /** A calendar day in the viewer's language ("30 Haz 2026"); empty for none. */
    public String day(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
    }

    /**
     * An engine's sentence (why a message failed, why a conversation went where it went, what
     * happened on a timeline) in the reader's language: the code's text from the bundles, its
     * arguments rendered too (keys, instants, numbers, nested codes, see {@link ReasonCode});
     * {@code fallback} (the reason as it came) for a code no bundle has.
     */
    public String reason(ReasonCode code, String fallback) {
        if (code == null) {
            return fallback;
        }
        if (ReasonCode.LIST.equals(code.key())) {
            return code.args().stream().map(this::argument).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(text("reason.separator")));
        }
        Object[] args = code.args().stream().map(this::argument).toArray();
        return messages.getMessage(code.key(), args, fallback, locale());
    }

    /** Why two customers were merged, in the reader's language when the engine or a screen wrote it, else as a person wrote it. */
    public String mergeReason(String reason) {
        return String.valueOf(argument(io.temas.customers.Merges.said(reason)));
    }

    /** A routing rule's name as the reader says it: the engine's own ("entry point", "fallback") from the bundles, a rule's as its admin wrote it. */
    public String rule(String name) {
        if (name == null) {
            return "";
        }
        return switch (name) {
            case "entry point" -> text("routing.rule.entryPoint");
            case "fallback" -> text("routing.rule.fallback");
            case "manual transfer" -> text("routing.rule.manualTransfer");
            default -> name;
        };
    }

    /**
     * A code's argument: a {@code #key} in the reader's language, an {@code @instant} in their zone, a {@code %number}
     * as a number (for the bundle to write), a {@code &nested} code said in full; anything else, or one that is none of
     * these after all, as written.
     */
    private Object argument(String arg) {
        if (arg.length() < 2) {
            return arg;
        }
        switch (arg.charAt(0)) {
            case '#' -> {
                return messages.getMessage(arg.substring(1), null, arg, locale());
            }
            case '@' -> {
                try {
                    return date(Instant.parse(arg.substring(1)));
                } catch (java.time.format.DateTimeParseException notAnInstant) {
                    return arg;
                }
            }
            case '%' -> {
                try {
                    java.math.BigDecimal number = new java.math.BigDecimal(arg.substring(1));
                    // A number no message writes (1e999999999 would take the heap to print): shown as written.
                    return number.precision() > 40 || Math.abs(number.scale()) > 40 ? arg : number;
                } catch (NumberFormatException notANumber) {
                    return arg;
                }
            }
            case '\\' -> {
                return arg.substring(1);
            }
            case '&' -> {
                ReasonCode nested = ReasonCode.unnest(arg).orElseThrow();
                Object[] args = nested.args().stream().map(this::argument).toArray();
                return messages.getMessage(nested.key(), args, arg, locale());
            }
            default -> {
                return arg;
            }
        }
    }

    /** A label from the bundles, or {@code fallback} for keys no bundle has (event kinds added later, say). */
    public String label(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale());
    }

    String preciseSpan(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return text("time.seconds", seconds);
        }
        if (seconds < 3600) {
            return text("time.minutesSeconds", seconds / 60, seconds % 60);
        }
        return span(d);
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
