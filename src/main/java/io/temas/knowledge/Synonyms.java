package io.temas.knowledge;

import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.TextInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Synonym groups from the database, expanded at query time (not at indexing), so an admin's edit
 * applies to the next search without re-indexing. A group may hold for one language only. Terms are kept as stems: any inflection or
 * spelling of a word finds its synonyms.
 */
@Component
class Synonyms {

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final Analyzer analyzer = new TurkicAnalyzer();
    /** What a search expands with, by the search's language; the null key is a search in every language. */
    private volatile Map<Language, Expansions> byLanguage = new HashMap<>();

    /** The groups that apply to searches in one language, as stems. */
    private record Expansions(Map<String, List<List<String>>> byStem, List<List<List<String>>> groupsWithPhrases) {
    }

    Synonyms(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    List<SynonymGroup> all() {
        return jdbc.sql("select id, terms, language from kb_synonyms order by created_at, id")
                .query((rs, n) -> new SynonymGroup(rs.getObject("id", UUID.class), Arrays.asList((String[]) rs.getArray("terms").getArray()),
                        rs.getString("language") == null ? null : Language.parse(rs.getString("language")).orElse(null)))
                .list();
    }

    Optional<SynonymGroup> find(UUID id) {
        return all().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    SynonymGroup add(List<String> terms) {
        return add(terms, null);
    }

    /** Adds a group for searches in {@code language} (null: every language). */
    SynonymGroup add(List<String> terms, Language language) {
        List<String> cleaned = cleaned(terms);
        UUID id = ids.next();
        jdbc.sql("insert into kb_synonyms (id, terms, language, created_at) values (?, ?, ?, ?)")
                .params(id, cleaned.toArray(String[]::new), language == null ? null : language.code(), Timestamp.from(clock.instant()))
                .update();
        reload();
        return new SynonymGroup(id, cleaned, language);
    }

    /** Replaces a group's terms and language; empty when there is no such group. */
    Optional<SynonymGroup> change(UUID id, List<String> terms, Language language) {
        List<String> cleaned = cleaned(terms);
        boolean changed = jdbc.sql("update kb_synonyms set terms = ?, language = ? where id = ?")
                .params(cleaned.toArray(String[]::new), language == null ? null : language.code(), id).update() > 0;
        reload();
        return changed ? Optional.of(new SynonymGroup(id, cleaned, language)) : Optional.empty();
    }

    private static List<String> cleaned(List<String> terms) {
        List<String> cleaned = terms == null ? List.of() : terms.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
        if (cleaned.size() < 2) {
            throw new InvalidInput("terms", "a synonym group needs at least two terms");
        }
        for (String term : cleaned) {
            TextInput.check("terms", term, false);
        }
        return cleaned;
    }

    boolean remove(UUID id) {
        boolean removed = jdbc.sql("delete from kb_synonyms where id = ?").param(id).update() > 0;
        reload();
        return removed;
    }

    /** Reads the groups again; called at start and after every change. */
    void reload() {
        use(all());
    }

    /** Expands with these groups from now on. */
    void use(List<SynonymGroup> groups) {
        Map<Language, Expansions> next = new HashMap<>();
        next.put(null, expansionsOf(groups));
        for (Language language : Language.values()) {
            next.put(language, expansionsOf(groups.stream().filter(g -> g.appliesTo(language)).toList()));
        }
        byLanguage = next;
    }

    private Expansions expansionsOf(List<SynonymGroup> groups) {
        Map<String, List<List<String>>> map = new HashMap<>();
        for (SynonymGroup group : groups) {
            List<List<String>> phrases = group.terms().stream().map(this::stems).filter(p -> !p.isEmpty()).toList();
            for (List<String> phrase : phrases) {
                if (phrase.size() == 1) {
                    List<List<String>> others = map.computeIfAbsent(phrase.getFirst(), k -> new ArrayList<>());
                    phrases.stream().filter(p -> !p.equals(phrase) && !others.contains(p)).forEach(others::add);
                }
            }
        }
        List<List<List<String>>> withPhrases = groups.stream().map(g -> g.terms().stream().map(this::stems).filter(p -> !p.isEmpty()).toList())
                .filter(g -> g.stream().anyMatch(p -> p.size() > 1)).toList();
        return new Expansions(Map.copyOf(map), withPhrases);
    }

    private Expansions in(Language language) {
        Expansions found = byLanguage.get(language);
        return found == null ? new Expansions(Map.of(), List.of()) : found;
    }

    /**
     * For query words that contain a phrase of several words ("geri ödeme"), the other phrases
     * of its group; single words are expanded by {@link #expansions}.
     */
    List<List<String>> phraseExpansions(List<String> queryStems, Language language) {
        List<List<String>> out = new ArrayList<>();
        for (List<List<String>> group : in(language).groupsWithPhrases()) {
            for (List<String> phrase : group) {
                if (phrase.size() > 1 && java.util.Collections.indexOfSubList(queryStems, phrase) >= 0) {
                    group.stream().filter(p -> !p.equals(phrase) && !out.contains(p)).forEach(out::add);
                }
            }
        }
        return out;
    }

    /** The other phrases (each a list of stems) that mean the same as this stem in a search in {@code language} (null: any). */
    List<List<String>> expansions(String stem, Language language) {
        return in(language).byStem().getOrDefault(stem, List.of());
    }

    List<String> stems(String text) {
        return ArticleSearch.analyse(analyzer, KnowledgeIndex.BODY, text);
    }
}
