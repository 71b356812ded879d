package io.temas.knowledge;

import io.temas.shared.Language;
import java.util.UUID;

/**
 * A search as someone typed it.
 *
 * @param text       the words, in any spelling (with or without Turkish letters, inflected, with typos)
 * @param language   only articles in this language; null searches every language
 * @param categoryId only articles in this category or below it; null for all
 * @param audience   customers see public articles, agents internal ones too
 * @param limit      at most this many hits (1-50; 10 when 0)
 * @param source     who searched, for the search log: {@code portal}, {@code api}, {@code console}, {@code bot}
 */
public record SearchQuery(String text, Language language, UUID categoryId, Audience audience, int limit, String source) {

    public SearchQuery {
        text = text == null ? "" : text.strip();
        if (text.length() > 500) {
            text = text.substring(0, 500);
        }
        audience = audience == null ? Audience.CUSTOMER : audience;
        limit = limit <= 0 ? 10 : Math.min(limit, 50);
        source = source == null || source.isBlank() ? "api" : source;
    }

    /** A customer's search in one language, ten hits. */
    public static SearchQuery of(String text, Language language) {
        return new SearchQuery(text, language, null, Audience.CUSTOMER, 10, "api");
    }
}
