package io.temas.events;

/**
 * A line refused, with why: {@code line} counts from 1 in the body or file (a CSV's header is line 1), {@code field}
 * names what was wrong when one thing was (null otherwise), {@code reason} says why in English (the API's and the
 * logs' words), {@code raw} is the line as it came (a NUL shown as U+2400), and {@code code} is the reason as the
 * console says it in the reader's language (null for lines refused before codes were kept).
 */
public record EventRefusal(int line, String field, String reason, String raw, io.temas.shared.ReasonCode code) {
}
