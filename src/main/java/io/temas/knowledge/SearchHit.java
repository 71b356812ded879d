package io.temas.knowledge;

import io.temas.shared.Language;
import java.util.UUID;

/**
 * One article found.
 *
 * @param snippet the passage that best matches, as HTML: text escaped, matched words in {@code <mark>}
 * @param score   relevance, comparable only within one search
 */
public record SearchHit(UUID id, String slug, String title, String snippet, Language language, UUID categoryId,
                        double score) {

    /** The article's public address on the portal, relative to the site ({@code /portal/articles/{slug}}). */
    public String url() {
        return ArticleSearch.articleUrl(slug);
    }
}
