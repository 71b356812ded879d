package io.temas.console;

import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Canned replies per language; {@code {{customer}}}, {@code {{agent}}} and {@code {{reference}}} are filled in when inserted,
 * by the same {@link io.temas.shared.Placeholders} as acknowledgements.
 */
@Component
public class CannedReplies {

    record CannedReply(UUID id, String title, String body, String language) {

        String fill(Map<String, String> values) {
            return io.temas.shared.Placeholders.fill(body, values);
        }
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;

    CannedReplies(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    List<CannedReply> all() {
        return jdbc.sql("SELECT id, title, body, language FROM canned_replies ORDER BY language, title")
                .query(CannedReply.class).list();
    }

    /** Replies in this language first, then the others. */
    List<CannedReply> forLanguage(String language) {
        return jdbc.sql("SELECT id, title, body, language FROM canned_replies ORDER BY language <> ?, language, title")
                .param(language).query(CannedReply.class).list();
    }

    /** Creates the canned reply, or replaces the text of the one with this title and language. */
    public void save(String title, String body, String language) {
        if (title == null || title.isBlank() || body == null || body.isBlank()) {
            throw new InvalidInput(title == null || title.isBlank() ? "title" : "text", "a canned reply needs a title and a text");
        }
        jdbc.sql("""
                INSERT INTO canned_replies (id, title, body, language, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (title, language) DO UPDATE SET body = EXCLUDED.body""")
                .params(ids.next(), title.strip(), body.strip(), language, Timestamp.from(clock.instant())).update();
    }

    /** What a canned reply's text may name: filled in when an agent inserts it. */
    static final List<String> PLACEHOLDERS = List.of("customer", "agent", "reference");

    /** Adds a reply; one with the same title in the same language is refused rather than replaced. */
    void create(String title, String body, String language) {
        placeholders(body);
        if (exists(title, language)) {
            throw new ConsoleRefusal("admin.error.cannedTaken");
        }
        save(title, body, language);
    }

    /** A text naming a placeholder nobody fills in would reach the customer with the braces in it: refused. */
    private static void placeholders(String body) {
        if (!io.temas.shared.Placeholders.unknown(body, PLACEHOLDERS).isEmpty()) {
            throw new ConsoleRefusal("admin.error.cannedPlaceholder");
        }
    }

    private boolean exists(String title, String language) {
        return title != null && jdbc.sql("SELECT count(*) FROM canned_replies WHERE title = ? AND language = ?")
                .params(title.strip(), language).query(Integer.class).single() > 0;
    }

    java.util.Optional<CannedReply> find(UUID id) {
        return jdbc.sql("SELECT id, title, body, language FROM canned_replies WHERE id = ?").param(id).query(CannedReply.class).optional();
    }

    /** Changes a reply's title, text and language. */
    void update(UUID id, String title, String body, String language) {
        placeholders(body);
        if (title == null || title.isBlank() || body == null || body.isBlank()) {
            throw new InvalidInput(title == null || title.isBlank() ? "title" : "text", "a canned reply needs a title and a text");
        }
        try {
            jdbc.sql("UPDATE canned_replies SET title = ?, body = ?, language = ? WHERE id = ?")
                    .params(title.strip(), body.strip(), language, id).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConsoleRefusal("admin.error.cannedTaken");
        }
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM canned_replies WHERE id = ?").param(id).update();
    }
}
