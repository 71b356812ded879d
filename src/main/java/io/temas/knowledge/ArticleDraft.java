package io.temas.knowledge;

import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.TextInput;
import java.util.List;
import java.util.UUID;

/**
 * What an author writes: title, body (HTML, sanitised on the way in, or plain text) and language
 * are required; the rest has defaults (published, public, no category, no tags, a slug made from
 * the title). Text with control characters (NUL above all) and over-long text are refused.
 *
 * @param translationOf an article this one translates: both become language variants of each other
 * @param author        who wrote this version, for the version history
 */
public record ArticleDraft(String title, String body, Language language, UUID categoryId, List<String> tags,
                           Visibility visibility, ArticleState state, String slug, UUID translationOf, String author) {

    /** The longest title, in characters: a heading, not a paragraph. */
    public static final int MAX_TITLE = 300;

    /** The longest body, in characters (HTML or plain text as written): a long help article is a tenth of this. */
    public static final int MAX_BODY = 200_000;

    public ArticleDraft {
        TextInput.check("title", title, false);
        TextInput.check("body", body, true);
        TextInput.check("slug", slug, false);
        if (tags != null) {
            tags.forEach(tag -> TextInput.check("tags", tag, false));
        }
        if (title != null && title.strip().length() > MAX_TITLE) {
            throw new InvalidInput("title", "title is longer than " + MAX_TITLE + " characters");
        }
        if (body != null && body.length() > MAX_BODY) {
            throw new InvalidInput("body", "body is longer than " + MAX_BODY + " characters");
        }
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
