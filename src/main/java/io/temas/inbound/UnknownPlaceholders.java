package io.temas.inbound;

import io.temas.shared.InvalidInput;
import io.temas.shared.Placeholders;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A text names placeholders Temas cannot fill (a typo, or the older numbered {@code {0}} form): it is refused, not sent half-filled. */
public class UnknownPlaceholders extends InvalidInput {

    private final Set<String> unknown;
    private final List<String> allowed;

    UnknownPlaceholders(String key, Set<String> unknown, Collection<String> allowed) {
        super("text", "unknown placeholder" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown) + " in " + key
                + "; it may use " + allowed.stream().map(Placeholders::written).collect(Collectors.joining(", ")));
        this.unknown = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(unknown));
        this.allowed = List.copyOf(allowed);
    }

    /** The placeholders as written in the refused text. */
    public Set<String> unknown() {
        return unknown;
    }

    /** The placeholders the text may use, by name. */
    public List<String> allowed() {
        return allowed;
    }
}
