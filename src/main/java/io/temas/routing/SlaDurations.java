package io.temas.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SLA targets as people write them: a whole number and a unit, {@code 30s}, {@code 2m}, {@code 4h}
 * or {@code 3d} (a bare number counts minutes, as the targets were once written). One reader for
 * the admin screen and the API, so both take and refuse the same things.
 */
public final class SlaDurations {

    /** The longest target taken; anything longer is a typing mistake. */
    public static final Duration LONGEST = Duration.ofDays(365);

    private static final Pattern WRITTEN = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    private SlaDurations() {
    }

    /**
     * The duration written, from one second to {@link #LONGEST}.
     *
     * @throws InvalidRoutingInput naming {@code field} when it is blank, malformed, zero or too long
     */
    public static Duration parse(String text, String field) {
        Matcher m = WRITTEN.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidRoutingInput(field, field + " must be written as 30s, 2m, 4h or 3d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero() || d.compareTo(LONGEST) > 0) {
            throw new InvalidRoutingInput(field, field + " must be from 1 second to 365 days");
        }
        return d;
    }

    /** The shortest way {@link #parse} reads back: {@code 30s}, {@code 90m}, {@code 4h}, {@code 3d}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
