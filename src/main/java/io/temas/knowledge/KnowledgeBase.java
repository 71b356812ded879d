package io.temas.knowledge;

import io.temas.channels.HtmlSanitiser;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import io.temas.shared.PageCursor;
import io.temas.shared.TextFolding;
import io.temas.shared.TextInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The knowledge base's content: the category tree, articles in Turkish, Azerbaijani and English
 * linked as translations, their versions, synonyms for search, and readers' views and votes.
 * Every change is stored in PostgreSQL and then put into the search index before the method
 * returns, so what was written is found by the very next search.
 */
@Service
public class KnowledgeBase implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final int REINDEX_BATCH = 1000;

    private final Articles articles;
    private final KnowledgeIndex index;
    private final Synonyms synonyms;
    private final SearchLog searchLog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Ids ids;
    private final Clock clock;

    KnowledgeBase(Articles articles, KnowledgeIndex index, Synonyms synonyms, SearchLog searchLog, JdbcClient jdbc,
                  TransactionTemplate transactions, Ids ids, Clock clock) {
        this.articles = articles;
        this.searchLog = searchLog;
        this.index = index;
        this.synonyms = synonyms;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    private boolean rebuiltAtStart;

    /** Whether start-up found the index missing or behind and rebuilt it. */
    boolean rebuiltAtStart() {
        return rebuiltAtStart;
    }

    /** Loads the synonyms and rebuilds the index from the database when it is missing or behind. */
    @Override
    public void afterSingletonsInstantiated() {
        synonyms.reload();
        long[] stamp = articles.publishedStamp();
        rebuiltAtStart = index.revision() < stamp[0] || index.size() != stamp[1];
        if (rebuiltAtStart) {
            long started = System.nanoTime();
            int count = reindex();
            log.info("Rebuilt the knowledge index: {} articles in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        }
    }

    // categories

    public List<Category> categories() {
        return articles.categories();
    }

    public Category category(UUID id) {
        return categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new CategoryNotFound(String.valueOf(id)));
    }

    public Optional<Category> categoryBySlug(String slug) {
        return categories().stream().filter(c -> c.slug().equals(slug)).findFirst();
    }

    /** The category and its ancestors, root first. */
    public List<Category> categoryPath(UUID id) {
        Map<UUID, Category> byId = new HashMap<>();
        categories().forEach(c -> byId.put(c.id(), c));
        return path(byId, id).stream().map(byId::get).toList();
    }

    /** Adds a category under {@code parentId} (null for a top-level one); the slug is made from the Turkish name when null. */
    public Category createCategory(String slug, UUID parentId, int position, String nameTr, String nameAz, String nameEn) {
        if (nameTr == null || nameTr.isBlank()) {
            throw new InvalidInput("name", "a category needs a Turkish name");
        }
        TextInput.check("name", nameTr, false);
        TextInput.check("name", nameAz, false);
        TextInput.check("name", nameEn, false);
        TextInput.check("slug", slug, false);
        if (parentId != null) {
            category(parentId);
        }
        Category category = new Category(ids.next(), parentId, slug == null || slug.isBlank() ? slugOf(nameTr) : slugOf(slug), position,
                nameTr.strip(), blankToNull(nameAz), blankToNull(nameEn));
        try {
            articles.insertCategory(category, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new KnowledgeConflict("the category slug '" + category.slug() + "' is taken");
        }
        return category;
    }

    /**
     * Renames, reorders or moves a category. Moving it changes where its articles are filtered by
     * category, so the index is rebuilt then; a rename or a new position needs no rebuild.
     */
    public Category updateCategory(UUID id, UUID parentId, int position, String nameTr, String nameAz, String nameEn) {
        Category current = category(id);
        if (nameTr == null || nameTr.isBlank()) {
            throw new InvalidInput("name", "a category needs a Turkish name");
        }
        TextInput.check("name", nameTr, false);
        TextInput.check("name", nameAz, false);
        TextInput.check("name", nameEn, false);
        if (parentId != null) {
            category(parentId);
            if (path(categoryMap(), parentId).contains(id)) {
                throw new InvalidInput("parentId", "a category cannot be placed under itself or one of its own subcategories");
            }
        }
        Category next = new Category(id, parentId, current.slug(), position, nameTr.strip(), blankToNull(nameAz), blankToNull(nameEn));
        articles.updateCategory(next);
        if (!java.util.Objects.equals(parentId, current.parentId())) {
            reindex();
        }
        return next;
    }

    // articles

    /** Writes a new article; when published it is searchable once this returns. */
    public Article create(ArticleDraft draft) {
        Map<UUID, Category> categories = categoryMap();
        Article article = transactions.execute(tx -> insert(draft, categories));
        putInIndex(List.of(article), categories);
        return article;
    }

    /**
     * Writes many articles in one transaction and indexes them together (imports, demo content,
     * benchmarks): much faster than one {@link #create} each.
     */
    public List<Article> importArticles(List<ArticleDraft> drafts) {
        Map<UUID, Category> categories = categoryMap();
        List<Article> created = transactions.execute(tx -> {
            List<Article> out = new ArrayList<>(drafts.size());
            for (ArticleDraft draft : drafts) {
                out.add(insert(draft, categories));
            }
            return out;
        });
        putInIndex(created, categories);
        return created;
    }

    /** Saves a new version of the article (state and visibility included); the index follows before this returns. */
    public Article update(UUID id, ArticleDraft draft) {
        return update(id, draft, null);
    }

    /**
     * As {@link #update(UUID, ArticleDraft)}, only over the version the author started from: when
     * somebody saved the article since, nothing is written and {@link StaleArticle} says so.
     *
     * @param expectedVersion the version the author edited, or null to save over whatever is current
     */
    public Article update(UUID id, ArticleDraft draft, Integer expectedVersion) {
        Map<UUID, Category> categories = categoryMap();
        Article updated = transactions.execute(tx -> {
            Article current = articles.findForUpdate(id).orElseThrow(() -> new ArticleNotFound(id.toString())).article();
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new StaleArticle(id, expectedVersion, current.version());
            }
            checkCategory(draft.categoryId(), categories);
            String slug = draft.slug() == null || draft.slug().isBlank() ? current.slug() : slugOf(draft.slug());
            if (!slug.equals(current.slug()) && articles.slugTaken(slug)) {
                throw new KnowledgeConflict("the slug '" + slug + "' is taken");
            }
            String html = storable(bodyHtml(draft.body()));
            Article next = new Article(id, slug, draft.categoryId(), draft.language(), current.translationGroup(), draft.title(), html,
                    HtmlSanitiser.toText(html), draft.tags(), draft.state(), draft.visibility(), current.version() + 1,
                    current.helpfulVotes(), current.unhelpfulVotes(), current.views(), current.createdAt(), clock.instant());
            try {
                articles.update(next, articles.nextRevision(), draft.author());
            } catch (DuplicateKeyException e) {
                throw new KnowledgeConflict("the article's translations already have one in " + draft.language().code());
            }
            return next;
        });
        putInIndex(List.of(updated), categories);
        return updated;
    }

    /** Moves the article to another state (publish, unpublish, archive) as a new version, over {@code expectedVersion} when given. */
    public Article changeState(UUID id, ArticleState state, String author, Integer expectedVersion) {
        Article a = article(id);
        return update(id, new ArticleDraft(a.title(), a.bodyHtml(), a.language(), a.categoryId(), a.tags(), a.visibility(), state, a.slug(),
                null, author), expectedVersion);
    }

    /**
     * Brings back an old version's title, body and tags as a new version in the draft state (so
     * it is read again before it is published); the history keeps every version in between.
     */
    public Article restore(UUID id, int version, String author, Integer expectedVersion) {
        Article a = article(id);
        ArticleVersion old = version(id, version).orElseThrow(() -> new ArticleNotFound(id + " version " + version));
        return update(id, new ArticleDraft(old.title(), old.bodyHtml(), a.language(), a.categoryId(), old.tags(), a.visibility(),
                ArticleState.DRAFT, a.slug(), null, author), expectedVersion);
    }

    /** One saved version of the article. */
    public Optional<ArticleVersion> version(UUID id, int version) {
        return versions(id).stream().filter(v -> v.version() == version).findFirst();
    }

    /**
     * The body as readers would see it once saved: the same sanitising and paragraphs as
     * {@link #create} and {@link #update}, nothing stored. Refuses what saving would refuse.
     */
    public String render(String body) {
        TextInput.check("body", body, true);
        if (body == null || body.isBlank()) {
            return "";
        }
        if (body.length() > ArticleDraft.MAX_BODY) {
            throw new InvalidInput("body", "body is longer than " + ArticleDraft.MAX_BODY + " characters");
        }
        return storable(bodyHtml(body));
    }

    /**
     * The stored HTML keeps to the same limit as what authors write (escaping and paragraphs make
     * it longer than the text), so an article's own body can always be saved again: on a publish,
     * an unpublish, a restore.
     */
    private static String storable(String html) {
        if (html.length() > ArticleDraft.MAX_BODY) {
            throw new InvalidInput("body", "body is longer than " + ArticleDraft.MAX_BODY + " characters once formatted");
        }
        return html;
    }

    /** A page of the articles an editor's filter finds: the articles and, when there are more, the cursor of the next page. */
    public record ArticlePage(List<Article> items, String next) {
    }

    /**
     * The articles matching the filter in any state, last changed first, a page at a time: the first page, or the one
     * after {@code after} (the cursor the page before answered).
     * @throws io.temas.shared.InvalidInput for an {@code after} that is not a cursor
     */
    public ArticlePage articles(ArticleFilter filter, String after, int size) {
        int limit = Math.max(1, Math.min(size, 500));
        List<Article> found = articles.filter(filter == null ? ArticleFilter.all() : filter, PageCursor.decode(after),
                limit + 1);
        if (found.size() <= limit) {
            return new ArticlePage(found, null);
        }
        Article last = found.get(limit - 1);
        return new ArticlePage(found.subList(0, limit), new PageCursor(last.updatedAt(), last.id()).encode());
    }

    public Article article(UUID id) {
        return articles.find(id).orElseThrow(() -> new ArticleNotFound(String.valueOf(id))).article();
    }

    public Optional<Article> articleBySlug(String slug) {
        return articles.findBySlug(slug).map(Articles.Row::article);
    }

    /** The article in every language it is written in (itself included). */
    public List<Article> variants(Article article) {
        return articles.variants(article.translationGroup());
    }

    /** Saved versions, newest first. */
    public List<ArticleVersion> versions(UUID id) {
        article(id);
        return articles.versions(id);
    }

    /** Published articles in the category and below it (every category when null), most viewed first. */
    public List<Article> articlesIn(UUID categoryId, Language language, Audience audience, int limit) {
        List<UUID> within = null;
        if (categoryId != null) {
            Map<UUID, Category> byId = categoryMap();
            within = byId.values().stream().filter(c -> path(byId, c.id()).contains(categoryId)).map(Category::id).toList();
        }
        return articles.published(within, language, audience, Math.max(1, Math.min(limit, 500)));
    }

    /** Every article in any state, a page at a time in id order ({@code after} the last id of the previous page). */
    public List<Article> list(UUID after, int size) {
        return articles.page(after, Math.max(1, Math.min(size, 500))).stream().map(Articles.Row::article).toList();
    }

    // readers

    /**
     * A reader found the article helpful or not, with an optional comment. The vote moves the
     * article in the ranking at once.
     */
    public void vote(UUID articleId, boolean helpful, String comment, String source) {
        String cleaned = comment == null || comment.isBlank() ? null : comment.strip();
        if (cleaned != null && cleaned.length() > 2000) {
            cleaned = cleaned.substring(0, 2000);
        }
        String text = cleaned;
        Articles.Row row = transactions.execute(tx -> {
            Articles.Row counted = articles.countVote(articleId, helpful, articles.nextRevision())
                    .orElseThrow(() -> new ArticleNotFound(articleId.toString()));
            jdbc.sql("insert into kb_votes (id, article_id, helpful, comment, source, voted_at) values (?, ?, ?, ?, ?, ?)")
                    .params(ids.next(), articleId, helpful, text, source == null ? "api" : source, Timestamp.from(clock.instant()))
                    .update();
            return counted;
        });
        if (row.article().state() == ArticleState.PUBLISHED) {
            index.put(List.of(entry(row.article(), row.revision(), categoryMap())));
        }
    }

    /** A reader opened the article, from a logged search when {@code searchId} is given (which marks that search answered). */
    public void viewed(UUID articleId, UUID searchId, String source) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("insert into kb_views (id, article_id, search_id, source, viewed_at) values (?, ?, ?, ?, ?)")
                    .params(ids.next(), articleId, searchId, source == null ? "portal" : source, Timestamp.from(clock.instant()))
                    .update();
            articles.countView(articleId);
            if (searchId != null) {
                searchLog.clicked(searchId, articleId);
            }
        });
    }

    // synonyms

    public List<SynonymGroup> synonyms() {
        return synonyms.all();
    }

    /** Declares words or phrases that mean the same; applies to the next search. */
    public SynonymGroup addSynonyms(List<String> terms) {
        return synonyms.add(terms);
    }

    /** As {@link #addSynonyms(List)}, for searches in {@code language} only (null: every language). */
    public SynonymGroup addSynonyms(List<String> terms, Language language) {
        return synonyms.add(terms, language);
    }

    /** Replaces a group's words and language; applies to the next search. */
    public SynonymGroup changeSynonyms(UUID id, List<String> terms, Language language) {
        return synonyms.change(id, terms, language).orElseThrow(() -> new NotFound("no synonym group " + id));
    }

    public Optional<SynonymGroup> synonymGroup(UUID id) {
        return synonyms.find(id);
    }

    public boolean removeSynonyms(UUID id) {
        return synonyms.remove(id);
    }

    // index

    /** Rebuilds the search index from the database; answers how many articles it holds. */
    public int reindex() {
        Map<UUID, Category> categories = categoryMap();
        index.clear();
        int[] count = {0};
        articles.forEachPublished(REINDEX_BATCH, rows -> {
            index.add(rows.stream().map(r -> entry(r.article(), r.revision(), categories)).toList());
            count[0] += rows.size();
        });
        index.refresh();
        index.commitIfChanged();
        return count[0];
    }

    private Article insert(ArticleDraft draft, Map<UUID, Category> categories) {
        checkCategory(draft.categoryId(), categories);
        UUID id = ids.next();
        UUID group = id;
        if (draft.translationOf() != null) {
            group = articles.find(draft.translationOf()).orElseThrow(() -> new ArticleNotFound(draft.translationOf().toString()))
                    .article().translationGroup();
        }
        String slug;
        if (draft.slug() != null && !draft.slug().isBlank()) {
            slug = slugOf(draft.slug());
            if (articles.slugTaken(slug)) {
                throw new KnowledgeConflict("the slug '" + slug + "' is taken");
            }
        } else {
            slug = freeSlug(slugOf(draft.title()));
        }
        String html = storable(bodyHtml(draft.body()));
        Instant now = clock.instant();
        Article article = new Article(id, slug, draft.categoryId(), draft.language(), group, draft.title(), html, HtmlSanitiser.toText(html),
                draft.tags(), draft.state(), draft.visibility(), 1, 0, 0, 0, now, now);
        try {
            articles.insert(article, articles.nextRevision(), draft.author());
        } catch (DuplicateKeyException e) {
            throw new KnowledgeConflict("the article's translations already have one in " + draft.language().code());
        }
        return article;
    }

    private void putInIndex(List<Article> changed, Map<UUID, Category> categories) {
        List<KnowledgeIndex.Entry> entries = new ArrayList<>();
        for (Article article : changed) {
            if (article.state() == ArticleState.PUBLISHED) {
                entries.add(entry(article, 0, categories));
            } else {
                index.remove(article.id(), 0);
            }
        }
        // The revision is read back in one query rather than carried through each insert; only the
        // articles written here count (another writer's newer revision is not in this index yet).
        if (!entries.isEmpty()) {
            long revision = articles.maxRevision(entries.stream().map(KnowledgeIndex.Entry::id).toList());
            index.put(entries.stream().map(e -> new KnowledgeIndex.Entry(e.id(), e.slug(), e.language(), e.categoryPath(), e.visibility(),
                    e.title(), e.text(), e.tags(), e.helpfulness(), revision)).toList());
        }
    }

    private KnowledgeIndex.Entry entry(Article a, long revision, Map<UUID, Category> categories) {
        return new KnowledgeIndex.Entry(a.id(), a.slug(), a.language().code(), a.categoryId() == null ? List.of() : path(categories, a.categoryId()),
                a.visibility().code(), a.title(), a.bodyText(), a.tags(), a.helpfulness(), revision);
    }

    private Map<UUID, Category> categoryMap() {
        Map<UUID, Category> byId = new HashMap<>();
        articles.categories().forEach(c -> byId.put(c.id(), c));
        return byId;
    }

    private static void checkCategory(UUID categoryId, Map<UUID, Category> categories) {
        if (categoryId != null && !categories.containsKey(categoryId)) {
            throw new CategoryNotFound(categoryId.toString());
        }
    }

    /** Root first, ending with {@code id}; stops at a cycle. */
    private static List<UUID> path(Map<UUID, Category> byId, UUID id) {
        List<UUID> path = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (UUID current = id; current != null && byId.containsKey(current) && seen.add(current); current = byId.get(current).parentId()) {
            path.addFirst(current);
        }
        return path;
    }

    private String freeSlug(String base) {
        String slug = base;
        for (int n = 2; articles.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    /** Folded to ASCII, words joined by hyphens: "Faturamı nasıl öderim?" → "faturami-nasil-oderim". */
    static String slugOf(String text) {
        String slug = TextFolding.fold(text).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "makale" : slug;
    }

    /** HTML is sanitised; plain text becomes paragraphs, and lines starting with "- " a list. */
    static String bodyHtml(String body) {
        if (body.contains("<") && body.contains(">")) {
            return HtmlSanitiser.sanitise(body);
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : body.strip().split("\\n\\s*\\n")) {
            String[] lines = paragraph.strip().split("\\n");
            boolean list = java.util.Arrays.stream(lines).allMatch(l -> l.strip().startsWith("- "));
            if (list) {
                html.append("<ul>");
                for (String line : lines) {
                    html.append("<li>").append(escape(line.strip().substring(2).strip())).append("</li>");
                }
                html.append("</ul>");
            } else {
                html.append("<p>").append(escape(String.join(" ", java.util.Arrays.stream(lines).map(String::strip).toList()))).append("</p>");
            }
        }
        return HtmlSanitiser.sanitise(html.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
