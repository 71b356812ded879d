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
 * zone. The English
 * text stays beside it for logs and the API; a reason without a code (a provider's own words) is
 * shown as it came.
 */
public record ReasonCode(String key, List<String> args) {

    public ReasonCode {
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A code with its arguments, each written as text. */
    public static ReasonCode of(String key, Object... args) {
        return new ReasonCode(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** An argument that is a bundle key of its own, rendered in the reader's language. */
    public static String key(String key) {
        return "#" + key;
    }

    /** An argument that is an instant, shown in the reader's language and zone. */
    public static String at(java.time.Instant at) {
        return "@" + at;
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
