package io.temas.routing;

import java.util.List;

/**
 * What a routing rule looks at; every condition given must hold, an empty one is not checked.
 *
 * @param entryPoints entry point addresses (normalised on save)
 * @param channels    channel codes
 * @param languages   language codes
 * @param keywords    words or phrases, any of which in subject or text (Turkish letters folded)
 * @param segments    customer segments, any of which
 * @param vip         only VIP customers (true) or only others (false)
 */
public record RuleConditions(List<String> entryPoints, List<String> channels, List<String> languages, List<String> keywords,
                             List<String> segments, Boolean vip) {

    public RuleConditions {
        entryPoints = entryPoints == null ? List.of() : List.copyOf(entryPoints);
        channels = channels == null ? List.of() : List.copyOf(channels);
        languages = languages == null ? List.of() : List.copyOf(languages);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
