package io.temas.knowledge;

import java.util.List;
import java.util.UUID;

/**
 * The hits of one search, best first. {@code searchId} names the search in the search log: pass it
 * along when the searcher opens a hit ({@link ArticleSearch#clicked}), so the log knows the search
 * answered something.
 */
public record SearchResults(UUID searchId, String query, List<SearchHit> hits) {
}
