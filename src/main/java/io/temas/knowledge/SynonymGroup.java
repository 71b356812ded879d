package io.temas.knowledge;

import io.temas.shared.Language;
import java.util.List;
import java.util.UUID;

/**
 * Words and phrases that mean the same in a search, e.g. {@code ["fatura", "faktura", "hesap ekstresi"]}.
 *
 * @param language the only language whose searches the group expands, or null for every language
 */
public record SynonymGroup(UUID id, List<String> terms, Language language) {

    /** A group for every language. */
    public SynonymGroup(UUID id, List<String> terms) {
        this(id, terms, null);
    }

    /** Whether a search in {@code searched} (null: every language) uses this group. */
    boolean appliesTo(Language searched) {
        return language == null || searched == null || language == searched;
    }
}
