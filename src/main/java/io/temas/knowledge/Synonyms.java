package io.temas.knowledge;

import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Synonym groups from the database, expanded at query time (not at indexing), so an admin's edit
 * applies to the next search without re-indexing. Terms are kept as stems: any inflection or
 * spelling of a word finds its synonyms.
 */
@Component
class Synonyms {

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final Analyzer analyzer = new TurkicAnalyzer();
    private volatile Map<String, List<List<String>>> byStem = Map.of();
    private volatile List<List<List<String>>> groupsWithPhrases = List.of();

    Synonyms(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    List<SynonymGroup> all() {
        return jdbc.sql("select id, terms from kb_synonyms order by created_at")
                .query((rs, n) -> new SynonymGroup(rs.getObject("id", UUID.class), Arrays.asList((String[]) rs.getArray("terms").getArray())))
                .list();
    }

    SynonymGroup add(List<String> terms) {
        List<String> cleaned = terms == null ? List.of() : terms.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
        if (cleaned.size() < 2) {
            throw new InvalidInput("terms", "a synonym group needs at least two terms");
        }
        UUID id = ids.next();
        jdbc.sql("insert into kb_synonyms (id, terms, created_at) values (?, ?, ?)")
                .params(id, cleaned.toArray(String[]::new), Timestamp.from(clock.instant())).update();
        reload();
        return new SynonymGroup(id, cleaned);
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
        byStem = Map.copyOf(map);
        groupsWithPhrases = groups.stream().map(g -> g.terms().stream().map(this::stems).filter(p -> !p.isEmpty()).toList())
                .filter(g -> g.stream().anyMatch(p -> p.size() > 1)).toList();
    }

    /**
     * For query words that contain a phrase of several words ("geri ödeme"), the other phrases
     * of its group; single words are expanded by {@link #expansions}.
     */
    List<List<String>> phraseExpansions(List<String> queryStems) {
        List<List<String>> out = new ArrayList<>();
        for (List<List<String>> group : groupsWithPhrases) {
            for (List<String> phrase : group) {
                if (phrase.size() > 1 && java.util.Collections.indexOfSubList(queryStems, phrase) >= 0) {
                    group.stream().filter(p -> !p.equals(phrase) && !out.contains(p)).forEach(out::add);
                }
            }
        }
        return out;
    }

    /** The other phrases (each a list of stems) that mean the same as this stem. */
    List<List<String>> expansions(String stem) {
        return byStem.getOrDefault(stem, List.of());
    }

    List<String> stems(String text) {
        return ArticleSearch.analyse(analyzer, KnowledgeIndex.BODY, text);
    }
}
