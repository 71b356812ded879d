package io.temas.inbound;

import io.temas.shared.Language;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The acknowledgement texts per language: an admin's own text where one was saved, else the
 * message bundle's. Texts name their placeholders ({@code {{greeting}}}, {@code {{reference}}} …,
 * see {@link AckTemplates#placeholders}); a text using one its key does not have is refused.
 */
@Component
public class AckTexts implements AckTemplates.Overrides {

    /** The texts an admin may change. */
    public static final List<String> KEYS = List.of("ack.email.subject", "ack.email.subject.plain", "ack.email.body", "ack.short");

    /** One text: the bundle's default and the admin's override, if any. */
    public record Text(Language language, String key, String standard, String override) {

        public String current() {
            return override != null ? override : standard;
        }
    }

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;
    private volatile Map<String, String> cache;
    private volatile java.time.Instant loadedAt = java.time.Instant.MIN;

    AckTexts(JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public Optional<String> override(Language language, String key) {
        Map<String, String> all = cache;
        // Other nodes' changes show within half a minute; this node's at once.
        if (all == null || loadedAt.isBefore(clock.instant().minusSeconds(30))) {
            all = new HashMap<>();
            for (Map.Entry<String, String> row : jdbc.sql("select language, template_key, text from ack_templates")
                    .query((rs, n) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getString(3))).list()) {
                all.put(row.getKey(), row.getValue());
            }
            cache = all;
            loadedAt = clock.instant();
        }
        return Optional.ofNullable(all.get(language.code() + "/" + key));
    }

    public List<Text> of(Language language) {
        return KEYS.stream().map(key -> new Text(language, key, messages.getMessage(key, null, key, language.locale()),
                override(language, key).orElse(null))).toList();
    }

    /** Saves the admin's text; a blank text, or the bundle's own, returns to the default. */
    public void save(Language language, String key, String text, String by) {
        if (!KEYS.contains(key)) {
            throw new io.temas.shared.InvalidInput("key", "unknown acknowledgement text '" + key + "'");
        }
        String normalised = text == null ? "" : text.replace("\r\n", "\n").strip();
        java.util.Set<String> unknown = io.temas.shared.Placeholders.unknown(normalised, AckTemplates.placeholders(key));
        if (!unknown.isEmpty()) {
            throw new UnknownPlaceholders(key, unknown, AckTemplates.placeholders(key));
        }
        if (normalised.isEmpty() || normalised.equals(messages.getMessage(key, null, key, language.locale()))) {
            reset(language, key);
            return;
        }
        jdbc.sql("""
                        insert into ack_templates (language, template_key, text, updated_by, updated_at) values (?, ?, ?, ?, ?)
                        on conflict (language, template_key) do update set text = excluded.text, updated_by = excluded.updated_by,
                            updated_at = excluded.updated_at""")
                .params(language.code(), key, normalised, by, Timestamp.from(clock.instant())).update();
        cache = null;
    }

    public void reset(Language language, String key) {
        jdbc.sql("delete from ack_templates where language = ? and template_key = ?").params(language.code(), key).update();
        cache = null;
    }
}
