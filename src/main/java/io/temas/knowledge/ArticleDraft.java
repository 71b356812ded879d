package io.temas.knowledge;

import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import java.util.List;
import java.util.UUID;

/**
 * What an author writes: title, body (HTML, sanitised on the way in, or plain text) and language
 * are required; the rest has defaults (published, public, no category, no tags, a slug made from
 * the title).
 *
 * @param translationOf an article this one translates: both become language variants of each other
 * @param author        who wrote this version, for the version history
 */
public record ArticleDraft(String title, String body, Language language, UUID categoryId, List<String> tags,
                           Visibility visibility, ArticleState state, String slug, UUID translationOf, String author) {

    public ArticleDraft {
        if (title == null || title.isBlank()) {
            throw new InvalidInput("title", "title is required");
        }
        if (body == null || body.isBlank()) {
            throw new InvalidInput("body", "body is required");
        }
        if (language == null) {
            throw new InvalidInput("language", "language is required (tr, az, en)");
        }
        title = title.strip();
        tags = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
        state = state == null ? ArticleState.PUBLISHED : state;
        author = author == null || author.isBlank() ? "system" : author;
    }

    /** A published, public article with only the required parts. */
    public static ArticleDraft of(String title, String body, Language language) {
        return new ArticleDraft(title, body, language, null, null, null, null, null, null, null);
    }
}
