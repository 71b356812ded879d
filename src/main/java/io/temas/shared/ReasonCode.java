package io.temas.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A sentence the engine writes, as the console says it in the reader's language (why a message
 * failed or was not sent, what happened on a customer's timeline, why a conversation was routed
 * where it was): a key of the message bundles (a connector's own, such as {@code whatsapp.reason.window}, or the console's,
 * such as {@code delivery.unreachable}) and its arguments. An argument that starts with {@code #}
 * is itself a key, rendered in the reader's language too ({@code #channel.voice}); one that starts
 * with {@code @} is an instant ({@code @2026-12-03T09:00:00Z}), shown in the reader's language and
 * zone; one that starts with {@code %} is a number ({@code %8.5}), written as the reader's language
 * writes numbers where the bundle says {@code {0,number,0.0}}; one that starts with {@code &} is a
 * whole code of its own ({@link #nested}), said first and put in. A code whose key is {@link #LIST}
 * says each of its (nested) arguments in turn, joined as the bundles join a list
 * ({@code reason.separator}). An argument that looks like one of these but is not (a key no bundle
 * has, a word starting with {@code @}) is shown as written; text someone sent goes in through {@link #text}. The English
 * text stays beside it for logs and the API; a reason without a code (a provider's own words) is
 * shown as it came.
 */
public record ReasonCode(String key, List<String> args) {

    /** The key of a code that is a list of codes, each argument one of them ({@link #nested}). */
    public static final String LIST = "reason.list";

    /** Separates a nested code's key and arguments inside one argument; a control character no text carries. */
    public static final char UNIT = '\u001F';

    public ReasonCode {
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A code with its arguments, each written as text. */
    public static ReasonCode of(String key, Object... args) {
        return new ReasonCode(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /**
     * An argument that is text as someone sent it (a field name, a value from an uploaded line): shown as written even
     * when it starts like a key, an instant, a number or a nested code, which a leading {@code \\} marks.
     */
    public static String text(String value) {
        return value != null && !value.isEmpty() && "#@%&\\".indexOf(value.charAt(0)) >= 0 ? "\\" + value : value;
    }

    /** An argument that is a bundle key of its own, rendered in the reader's language. */
    public static String key(String key) {
        return "#" + key;
    }

    /** An argument that is an instant, shown in the reader's language and zone. */
    public static String at(java.time.Instant at) {
        return "@" + at;
    }

    /** An argument that is a number, written in the reader's language. */
    public static String number(Number n) {
        return "%" + n;
    }

    /**
     * An argument that is a code of its own, said in the reader's language and put in its place.
     * A nested code's arguments are text, {@code #key}, {@code @instant} or {@code %number}; not codes again.
     */
    public static String nested(ReasonCode code) {
        StringBuilder arg = new StringBuilder("&").append(code.key());
        for (String a : code.args()) {
            arg.append(UNIT).append(a.replace(UNIT, ' '));
        }
        return arg.toString();
    }

    /** The codes said one after the other (a rule's conditions), joined as the reader's language joins a list. */
    public static ReasonCode list(java.util.List<ReasonCode> parts) {
        return new ReasonCode(LIST, parts.stream().map(ReasonCode::nested).toList());
    }

    /** A {@link #nested} argument read back as its code; empty for an argument that is none. */
    public static java.util.Optional<ReasonCode> unnest(String arg) {
        if (arg == null || arg.length() < 2 || arg.charAt(0) != '&') {
            return java.util.Optional.empty();
        }
        String[] parts = arg.substring(1).split(String.valueOf(UNIT), -1);
        return java.util.Optional.of(new ReasonCode(parts[0], Arrays.asList(parts).subList(1, parts.length)));
    }

    /** The codes a {@link #list} is made of; this code alone when it is no list. */
    public List<ReasonCode> parts() {
        if (!LIST.equals(key)) {
            return List.of(this);
        }
        return args.stream().map(ReasonCode::unnest).flatMap(java.util.Optional::stream).toList();
    }

    /** This code followed by others, as one {@link #list} (a list's parts are taken in). */
    public ReasonCode then(List<ReasonCode> more) {
        List<ReasonCode> all = new java.util.ArrayList<>(parts());
        more.forEach(m -> all.addAll(m.parts()));
        return list(all);
    }

    /** The code from stored columns; null when none was stored. */
    public static ReasonCode stored(String key, String[] args) {
        return key == null ? null : new ReasonCode(key, args == null ? List.of() : List.of(args));
    }

    /** The arguments as stored ({@code text[]}). */
    public String[] storedArgs() {
        return args.toArray(String[]::new);
    }
}
