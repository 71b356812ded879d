package io.temas.knowledge;

import io.temas.shared.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.springframework.stereotype.Service;

/**
 * Finds articles the way customers and agents type: without Turkish letters ("musteri" finds
 * "müşteri", and the other way round), inflected ("faturanızın" finds "fatura"), with a typo
 * ("siparşim"), or in other words an admin declared synonyms. Ranking is BM25 over title (×3),
 * tags (×2) and body, nudged up by how helpful readers found an article. The portal, the API, the
 * console and the chat bot all search through here, so they rank alike.
 */
@Service
public class ArticleSearch {

    /** Where the portal shows an article; the console inserts this as a link (prefix it with the site's address). */
    public static String articleUrl(String slug) {
        return "/portal/articles/" + slug;
    }

    private static final float TITLE = 3f;
    private static final float TAGS = 2f;
    private static final float BODY = 1f;
    private static final float PREFIX = 0.3f;
    private static final float FUZZY = 0.5f;
    private static final float SYNONYM = 0.8f;
    private static final float HELPFULNESS_WEIGHT = 0.3f;
    private static final int RESCORED = 50;
    private static final int COMMON_WORD_DOCS = 200;
    private static final int MAX_TERMS = 32;
    private static final int SNIPPET_LENGTH = 180;
    private static final int SUMMARY_LENGTH = 200;
    private static final Set<String> STORED = Set.of(KnowledgeIndex.ID, KnowledgeIndex.SLUG, KnowledgeIndex.TITLE,
            KnowledgeIndex.LANGUAGE, "category");

    /** Analyzers keep per-thread state internally, so one serves every search. */
    private static final TurkicAnalyzer PLAIN = new TurkicAnalyzer();

    private final KnowledgeIndex index;
    private final Synonyms synonyms;
    private final SearchLog log;

    ArticleSearch(KnowledgeIndex index, Synonyms synonyms, SearchLog log) {
        this.index = index;
        this.synonyms = synonyms;
        this.log = log;
    }

    /**
     * Searches published articles and records the search in the search log.
     *
     * @return the hits, best first, and the id of the logged search (to pass to {@link #clicked})
     */
    public SearchResults search(SearchQuery query) {
        List<SearchHit> hits = find(query, true);
        UUID searchId = log.record(query, normalise(query.text()), hits.size());
        return new SearchResults(searchId, query.text(), hits);
    }

    /** Searches without writing to the search log (previews, benchmarks, the bot's own look-ups). */
    public List<SearchHit> searchQuietly(SearchQuery query) {
        return find(query, true);
    }

    /**
     * Articles that answer a customer's message, for an agent to insert into the reply: published
     * articles, internal ones included, in the given language (every language when null), best
     * first. Not written to the search log.
     *
     * @param customerText the customer's message (subject and text), as written
     * @param n            at most this many (1-20)
     */
    public List<SearchHit> similarTo(String customerText, Language language, int n) {
        return find(new SearchQuery(customerText, language, null, Audience.AGENT, Math.max(1, Math.min(n, 20)), "suggestion"), false);
    }

    /** The searcher opened a hit of a logged search: the search answered something. */
    public void clicked(UUID searchId, UUID articleId) {
        if (searchId != null && articleId != null) {
            log.clicked(searchId, articleId);
        }
    }

    /** How a query is grouped in the failed-search report: folded words without filler words. */
    public static String normalise(String text) {
        return String.join(" ", analyse(PLAIN, TurkicAnalyzer.PLAIN_FIELD, text));
    }

    private List<SearchHit> find(SearchQuery query, boolean fuzzy) {
        List<String> stems = analyse(index.analyzer(), KnowledgeIndex.BODY, query.text());
        List<String> prefixes = analyse(index.analyzer(), KnowledgeIndex.PREFIXES, query.text());
        if (stems.isEmpty()) {
            return List.of();
        }
        Map<String, String> terms = new LinkedHashMap<>();
        for (int i = 0; i < stems.size() && terms.size() < MAX_TERMS; i++) {
            terms.putIfAbsent(stems.get(i), i < prefixes.size() ? prefixes.get(i) : null);
        }
        return index.search(searcher -> {
            Query built = query(searcher.getIndexReader(), terms, stems, query, fuzzy);
            return hits(searcher, built, highlight(terms.keySet(), query.language()), query.limit());
        });
    }

    private Query query(IndexReader reader, Map<String, String> terms, List<String> stems, SearchQuery query, boolean fuzzy)
            throws IOException {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (Map.Entry<String, String> term : terms.entrySet()) {
            // Near spellings only for words the index does not know (most likely typos): fuzzy
            // expansion of a common word costs much and finds little.
            int bodyFrequency = reader.docFreq(new Term(KnowledgeIndex.BODY, term.getKey()));
            boolean unknown = fuzzy && bodyFrequency == 0 && reader.docFreq(new Term(KnowledgeIndex.TITLE, term.getKey())) == 0;
            // A common word matches plenty by its stem; its prefix would only add postings to walk.
            String prefix = bodyFrequency < Math.max(COMMON_WORD_DOCS, reader.maxDoc() / 100) ? term.getValue() : null;
            for (Query clause : termClauses(term.getKey(), prefix, unknown, query.language())) {
                text.add(clause, Occur.SHOULD);
            }
        }
        for (List<String> phrase : synonyms.phraseExpansions(stems, query.language())) {
            text.add(new BoostQuery(allWords(phrase), SYNONYM), Occur.SHOULD);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(text.build(), Occur.MUST);
        if (query.language() != null) {
            all.add(new TermQuery(new Term(KnowledgeIndex.LANGUAGE, query.language().code())), Occur.FILTER);
        }
        if (query.audience() == Audience.CUSTOMER) {
            all.add(new TermQuery(new Term(KnowledgeIndex.VISIBILITY, Visibility.PUBLIC.code())), Occur.FILTER);
        }
        if (query.categoryId() != null) {
            all.add(new TermQuery(new Term(KnowledgeIndex.CATEGORY, query.categoryId().toString())), Occur.FILTER);
        }
        return all.build();
    }

    /**
     * Snippets mark the words themselves (and their synonyms), not fuzzy neighbours: expanding
     * fuzzy terms again for every hit would cost more than the search.
     */
    private Query highlight(java.util.Collection<String> stems, Language language) {
        BooleanQuery.Builder marked = new BooleanQuery.Builder();
        for (String stem : stems) {
            marked.add(new TermQuery(new Term(KnowledgeIndex.BODY, stem)), Occur.SHOULD);
            for (List<String> phrase : synonyms.expansions(stem, language)) {
                phrase.forEach(word -> marked.add(new TermQuery(new Term(KnowledgeIndex.BODY, word)), Occur.SHOULD));
            }
        }
        return marked.build();
    }

    /**
     * One query word: its stem in title, tags and body, its prefix, near spellings, and its
     * synonyms. They are flat clauses of one disjunction (scores add up), which Lucene evaluates
     * with max-score pruning; nested per-word disjunctions were several times slower at 100,000
     * articles.
     */
    private List<Query> termClauses(String stem, String prefix, boolean fuzzy, Language language) {
        List<Query> alternatives = new ArrayList<>(alternatives(stem, prefix, fuzzy, 1f));
        for (List<String> phrase : synonyms.expansions(stem, language)) {
            if (phrase.size() == 1) {
                alternatives.addAll(alternatives(phrase.getFirst(), null, false, SYNONYM));
            } else {
                alternatives.add(new BoostQuery(allWords(phrase), SYNONYM / phrase.size()));
            }
        }
        return alternatives;
    }

    /** Every word of a phrase, each in title, tags or body. */
    private static Query allWords(List<String> phrase) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : phrase) {
            all.add(new DisjunctionMaxQuery(alternatives(word, null, false, 1f), 0.1f), Occur.MUST);
        }
        return all.build();
    }

    private static List<Query> alternatives(String stem, String prefix, boolean fuzzy, float boost) {
        List<Query> queries = new ArrayList<>(7);
        queries.add(boosted(new TermQuery(new Term(KnowledgeIndex.TITLE, stem)), TITLE * boost));
        queries.add(boosted(new TermQuery(new Term(KnowledgeIndex.TAGS, stem)), TAGS * boost));
        queries.add(boosted(new TermQuery(new Term(KnowledgeIndex.BODY, stem)), BODY * boost));
        if (prefix != null) {
            queries.add(boosted(new TermQuery(new Term(KnowledgeIndex.PREFIXES, prefix)), PREFIX * boost));
        }
        if (fuzzy && stem.length() >= 4 && Character.isLetter(stem.charAt(0))) {
            // One edit, first letter fixed: cheap automata, and what phone typing mostly gets wrong.
            queries.add(boosted(new FuzzyQuery(new Term(KnowledgeIndex.TITLE, stem), 1, 1, 16, true), TITLE * FUZZY * boost));
            queries.add(boosted(new FuzzyQuery(new Term(KnowledgeIndex.BODY, stem), 1, 1, 16, true), BODY * FUZZY * boost));
        }
        return queries;
    }

    private static Query boosted(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }

    private List<SearchHit> hits(IndexSearcher searcher, Query query, Query highlight, int limit) throws IOException {
        TopDocs top = nudged(searcher, searcher.search(query, Math.max(limit, RESCORED)), limit);
        if (top.scoreDocs.length == 0) {
            return List.of();
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, index.analyzer())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Language.TR.locale()), SNIPPET_LENGTH, 0.3f))
                .withMaxNoHighlightPassages(1)
                .withHandleMultiTermQuery(false)
                .build();
        String[] snippets = highlighter.highlight(KnowledgeIndex.BODY, highlight, top, 1);
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
        for (int i = 0; i < top.scoreDocs.length; i++) {
            ScoreDoc scoreDoc = top.scoreDocs[i];
            Document doc = stored.document(scoreDoc.doc, STORED);
            String category = doc.get("category");
            hits.add(new SearchHit(UUID.fromString(doc.get(KnowledgeIndex.ID)), doc.get(KnowledgeIndex.SLUG), doc.get(KnowledgeIndex.TITLE),
                    // Only an empty body has no passage; its beginning then stands in for one.
                    snippets[i] != null ? snippets[i]
                            : escape(summary(stored.document(scoreDoc.doc, Set.of(KnowledgeIndex.BODY)).get(KnowledgeIndex.BODY))),
                    Language.parse(doc.get(KnowledgeIndex.LANGUAGE)).orElse(Language.DEFAULT),
                    category == null ? null : UUID.fromString(category), scoreDoc.score));
        }
        return hits;
    }

    /**
     * Re-ranks the best {@value #RESCORED} by relevance plus a helpfulness nudge:
     * {@code score × (1 + weight × (helpfulness − ½))}, so a well-rated article moves above an
     * equally relevant one, never above a clearly better match.
     */
    private static TopDocs nudged(IndexSearcher searcher, TopDocs top, int limit) throws IOException {
        ScoreDoc[] docs = top.scoreDocs.clone();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc doc : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc.doc, leaves));
            NumericDocValues values = leaf.reader().getNumericDocValues(KnowledgeIndex.HELPFULNESS);
            double helpfulness = values != null && values.advanceExact(doc.doc - leaf.docBase)
                    ? Float.intBitsToFloat((int) values.longValue()) : 0.5;
            doc.score = (float) (doc.score * (1 + HELPFULNESS_WEIGHT * (helpfulness - 0.5)));
        }
        java.util.Arrays.sort(docs, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new TopDocs(top.totalHits, java.util.Arrays.copyOf(docs, Math.min(limit, docs.length)));
    }

    static String summary(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= SUMMARY_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SUMMARY_LENGTH);
        return flat.substring(0, cut > SUMMARY_LENGTH / 2 ? cut : SUMMARY_LENGTH) + " …";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static List<String> analyse(org.apache.lucene.analysis.Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
