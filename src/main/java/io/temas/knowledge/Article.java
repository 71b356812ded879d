package io.temas.knowledge;

import io.temas.shared.Language;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article in one language, current version. {@code bodyHtml} is sanitised and safe to render;
 * {@code bodyText} is the same as plain text (for inserting into a reply).
 */
public record Article(UUID id, String slug, UUID categoryId, Language language, UUID translationGroup, String title,
                      String bodyHtml, String bodyText, List<String> tags, ArticleState state, Visibility visibility,
                      int version, int helpfulVotes, int unhelpfulVotes, long views, Instant createdAt, Instant updatedAt) {

    /** The article's public address on the portal, relative to the site ({@code /portal/articles/{slug}}). */
    public String url() {
        return ArticleSearch.articleUrl(slug);
    }

    /** (helpful + 1) / (helpful + unhelpful + 2): one half for an article nobody voted on yet. */
    public double helpfulness() {
        return (helpfulVotes + 1.0) / (helpfulVotes + unhelpfulVotes + 2.0);
    }

    public boolean readableBy(Audience audience) {
        return state == ArticleState.PUBLISHED && audience.sees(visibility);
    }
}
