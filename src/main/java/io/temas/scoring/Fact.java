package io.temas.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of facts a rule may read about a customer. Each has a name as written in a rule, what
 * it answers (a yes/no, a number or a text) and the arguments it takes: {@code s} a text in double
 * quotes, {@code p} a period (a number of days from 1 to 3650, or {@code today}), {@code *} any number of
 * {@code attribute = value} filters on an event's attributes.
 */
public enum Fact {
    VIP(Kind.YES_NO, ""),
    STAGE(Kind.TEXT, ""),
    SEGMENT(Kind.YES_NO, "s"),
    CONVERSATIONS(Kind.NUMBER, "p"),
    OPEN_CONVERSATIONS(Kind.NUMBER, ""),
    BREACHES(Kind.NUMBER, "p"),
    COMPLAINTS(Kind.NUMBER, "p"),
    OPEN_COMPLAINTS(Kind.NUMBER, ""),
    CSAT_AVG(Kind.NUMBER, "p"),
    CSAT_LAST(Kind.NUMBER, ""),
    EVENTS(Kind.NUMBER, "sp*"),
    EVENT_SUM(Kind.NUMBER, "ssp*"),
    /** Another score's value; in alert rules only (scores are computed before alerts). */
    SCORE(Kind.NUMBER, "s");

    /** What a fact answers. */
    public enum Kind { YES_NO, NUMBER, TEXT }

    private final Kind kind;
    private final String arguments;

    Fact(Kind kind, String arguments) {
        this.kind = kind;
        this.arguments = arguments;
    }

    public Kind kind() {
        return kind;
    }

    /** The argument signature ({@code s}, {@code p}, {@code *}). */
    String arguments() {
        return arguments;
    }

    /** The name as written in a rule, e.g. {@code open_complaints}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the fact is written with its arguments, for the catalogue shown beside the rules. */
    public String usage() {
        if (arguments.isEmpty()) {
            return word();
        }
        return switch (this) {
            case SEGMENT -> "segment(\"gold\")";
            case EVENTS -> "events(\"atm_use\", 7, outcome = \"refused\")";
            case EVENT_SUM -> "event_sum(\"payment\", \"amount\", 365)";
            case SCORE -> "score(\"risk\")";
            default -> word() + "(30)";
        };
    }

    static Optional<Fact> named(String word) {
        return Arrays.stream(values()).filter(f -> f.word().equals(word)).findFirst();
    }
}
