package io.temas.complaints;

import java.util.List;
import java.util.UUID;

/**
 * A keyword rule: a customer's message that says one of {@code keywords} (a word or a phrase,
 * matched at the start of a word with Turkish letters folded, as routing rules match) marks its
 * conversation a complaint of {@code category}. With a {@code language}, only messages in that
 * language are looked at.
 */
public record ComplaintRule(UUID id, String name, String category, String language, List<String> keywords, boolean active) {

    public ComplaintRule {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
