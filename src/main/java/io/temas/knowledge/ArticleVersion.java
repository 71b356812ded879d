package io.temas.knowledge;

import java.time.Instant;
import java.util.List;

/** One saved version of an article: who changed it and when. */
public record ArticleVersion(int version, String title, String bodyHtml, List<String> tags, ArticleState state, String author,
                             Instant createdAt) {
}
