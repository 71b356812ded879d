package io.temas.knowledge;

import io.temas.shared.Language;
import java.util.UUID;

/**
 * Which articles an author's list shows: each part narrows it, null parts do not. {@code text} is
 * looked for in the title, the slug and the tags as typed (not the search index: drafts are not in it).
 */
public record ArticleFilter(ArticleState state, UUID categoryId, Language language, String text) {

    public static ArticleFilter all() {
        return new ArticleFilter(null, null, null, null);
    }
}
