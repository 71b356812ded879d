package io.temas.api;

import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleDraft;
import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.ArticleState;
import io.temas.knowledge.Audience;
import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.KnowledgeReports;
import io.temas.knowledge.SearchHit;
import io.temas.knowledge.SearchQuery;
import io.temas.knowledge.SearchResults;
import io.temas.knowledge.SynonymGroup;
import io.temas.knowledge.Visibility;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base: categories, articles, search, votes, synonyms and the listening reports.
 * Reading needs the READ scope, writing WRITE.
 */
@RestController
@RequestMapping("/api/v1/kb")
class KnowledgeController {

    record CategoryRequest(String slug, UUID parentId, Integer position, Map<String, String> name) {
    }

    record ArticleRequest(String title, String body, String language, UUID categoryId, List<String> tags, String visibility,
                          String state, String slug, UUID translationOf, Integer version) {
    }

    record VoteRequest(Boolean helpful, String comment) {
    }

    record ClickRequest(UUID articleId) {
    }

    record SynonymRequest(List<String> terms, String language) {
    }

    private final KnowledgeBase knowledge;
    private final ArticleSearch search;
    private final KnowledgeReports reports;
    private final Clock clock;

    KnowledgeController(KnowledgeBase knowledge, ArticleSearch search, KnowledgeReports reports, Clock clock) {
        this.knowledge = knowledge;
        this.search = search;
        this.reports = reports;
        this.clock = clock;
    }

    // categories

    @GetMapping("/categories")
    Map<String, Object> categories() {
        return Map.of("categories", knowledge.categories().stream().map(KnowledgeController::category).toList());
    }

    @PostMapping("/categories")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createCategory(@RequestBody CategoryRequest request) {
        Map<String, String> name = request.name() == null ? Map.of() : request.name();
        Category created = knowledge.createCategory(request.slug(), request.parentId(), request.position() == null ? 0 : request.position(),
                name.get("tr"), name.get("az"), name.get("en"));
        return category(created);
    }

    // articles

    @PostMapping("/articles")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody ArticleRequest request, Principal principal) {
        Article article = knowledge.create(draft(request, principal));
        return ConversationsController.map("id", article.id(), "slug", article.slug(), "url", article.url(), "version", article.version());
    }

    @PutMapping("/articles/{id}")
    Map<String, Object> update(@PathVariable UUID id, @RequestBody ArticleRequest request, Principal principal) {
        // With the version the caller read, a save over somebody else's newer one is refused (409) instead of overwriting it.
        return article(knowledge.update(id, draft(request, principal), request.version()));
    }

    @GetMapping("/articles/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        Article article = knowledge.article(id);
        Map<String, Object> body = article(article);
        body.put("translations", knowledge.variants(article).stream()
                .filter(v -> !v.id().equals(id)).map(v -> ConversationsController.map("id", v.id(), "language", v.language().code(), "title", v.title())).toList());
        body.put("versions", knowledge.versions(id).stream()
                .map(v -> ConversationsController.map("version", v.version(), "title", v.title(), "state", v.state().code(), "author", v.author(),
                        "createdAt", v.createdAt())).toList());
        return body;
    }

    @GetMapping("/articles")
    Map<String, Object> list(@RequestParam(required = false) UUID categoryId, @RequestParam(required = false) String language,
                             @RequestParam(required = false) UUID after, @RequestParam(defaultValue = "100") int limit) {
        List<Article> page = categoryId != null || language != null
                ? knowledge.articlesIn(categoryId, language(language), Audience.AGENT, limit)
                : knowledge.list(after, limit);
        return Map.of("articles", page.stream().map(a -> ConversationsController.map("id", a.id(), "slug", a.slug(), "title", a.title(),
                "language", a.language().code(), "state", a.state().code(), "visibility", a.visibility().code(),
                "categoryId", a.categoryId(), "views", a.views())).toList());
    }

    @PostMapping("/articles/{id}/votes")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> vote(@PathVariable UUID id, @RequestBody VoteRequest request) {
        if (request.helpful() == null) {
            throw new InvalidInput("helpful", "helpful (true or false) is required");
        }
        knowledge.vote(id, request.helpful(), request.comment(), "api");
        Article article = knowledge.article(id);
        return ConversationsController.map("id", id, "helpful", article.helpfulVotes(), "unhelpful", article.unhelpfulVotes());
    }

    // search

    @GetMapping("/search")
    Map<String, Object> search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String language,
                               @RequestParam(required = false) UUID categoryId, @RequestParam(required = false) String audience,
                               @RequestParam(defaultValue = "10") int limit) {
        SearchResults results = search.search(new SearchQuery(q, language(language), categoryId, Audience.parse(audience, Audience.CUSTOMER),
                limit, "api"));
        return ConversationsController.map("searchId", results.searchId(), "query", results.query(),
                "results", results.hits().stream().map(KnowledgeController::hit).toList());
    }

    @GetMapping("/suggestions")
    Map<String, Object> suggestions(@RequestParam String text, @RequestParam(required = false) String language,
                                    @RequestParam(defaultValue = "3") int limit) {
        return Map.of("results", search.similarTo(text, language(language), limit).stream().map(KnowledgeController::hit).toList());
    }

    @PostMapping("/search/{searchId}/click")
    Map<String, Object> click(@PathVariable UUID searchId, @RequestBody ClickRequest request) {
        if (request.articleId() == null) {
            throw new InvalidInput("articleId", "articleId is required");
        }
        knowledge.article(request.articleId());
        search.clicked(searchId, request.articleId());
        return ConversationsController.map("searchId", searchId, "articleId", request.articleId());
    }

    // synonyms

    @GetMapping("/synonyms")
    Map<String, Object> synonyms() {
        return Map.of("synonyms", knowledge.synonyms().stream().map(KnowledgeController::synonyms).toList());
    }

    @PostMapping("/synonyms")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> addSynonyms(@RequestBody SynonymRequest request) {
        return synonyms(knowledge.addSynonyms(request.terms(), language(request.language())));
    }

    @DeleteMapping("/synonyms/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeSynonyms(@PathVariable UUID id) {
        if (!knowledge.removeSynonyms(id)) {
            throw new NotFound("no synonym group " + id);
        }
    }

    /** Rebuilding reads every article: for administrators only (see {@link ApiSecurity}). */
    @PostMapping("/index/rebuild")
    Map<String, Object> rebuild() {
        return Map.of("articles", knowledge.reindex());
    }

    // reports

    @GetMapping("/reports/failed-searches")
    Map<String, Object> failedSearches(@RequestParam(defaultValue = "30") int days, @RequestParam(defaultValue = "100") int limit) {
        return Map.of("failedSearches", reports.failedSearches(since(days), Math.clamp(limit, 1, 1000)));
    }

    @GetMapping("/reports/helpfulness")
    KnowledgeReports.Helpfulness helpfulness(@RequestParam(defaultValue = "100") int limit) {
        return reports.helpfulness(Math.clamp(limit, 1, 1000));
    }

    @GetMapping("/reports/pareto")
    KnowledgeReports.Pareto pareto(@RequestParam(defaultValue = "30") int days) {
        return reports.pareto(since(days));
    }

    /** Reports look back at most ten years: further back than any data, and than the database's dates reach. */
    private java.time.Instant since(int days) {
        if (days > 3660) {
            throw new InvalidInput("days", "days must be at most 3660");
        }
        return clock.instant().minus(Duration.ofDays(Math.max(1, days)));
    }

    private static ArticleDraft draft(ArticleRequest r, Principal principal) {
        Language language = r.language() == null ? null : Language.parse(r.language())
                .orElseThrow(() -> new InvalidInput("language", "unsupported language '" + r.language() + "' (tr, az, en)"));
        return new ArticleDraft(r.title(), r.body(), language, r.categoryId(), r.tags(), Visibility.parse(r.visibility(), Visibility.PUBLIC),
                ArticleState.parse(r.state(), ArticleState.PUBLISHED), r.slug(), r.translationOf(),
                principal == null ? "api" : principal.getName());
    }

    private static Language language(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return Language.parse(code).orElseThrow(() -> new InvalidInput("language", "unsupported language '" + code + "' (tr, az, en)"));
    }

    private static Map<String, Object> category(Category c) {
        return ConversationsController.map("id", c.id(), "parentId", c.parentId(), "slug", c.slug(), "position", c.position(),
                "name", ConversationsController.map("tr", c.nameTr(), "az", c.nameAz(), "en", c.nameEn()));
    }

    private static Map<String, Object> article(Article a) {
        return ConversationsController.map("id", a.id(), "slug", a.slug(), "url", a.url(), "title", a.title(), "body", a.bodyHtml(), "text", a.bodyText(),
                "language", a.language().code(), "categoryId", a.categoryId(), "tags", a.tags(), "state", a.state().code(),
                "visibility", a.visibility().code(), "version", a.version(), "helpful", a.helpfulVotes(), "unhelpful", a.unhelpfulVotes(),
                "views", a.views(), "createdAt", a.createdAt(), "updatedAt", a.updatedAt());
    }

    /** A group with its language as a code ({@code "tr"}), null when it holds for every language. */
    private static Map<String, Object> synonyms(SynonymGroup g) {
        return ConversationsController.map("id", g.id(), "terms", g.terms(), "language", g.language() == null ? null : g.language().code());
    }

    private static Map<String, Object> hit(SearchHit h) {
        return ConversationsController.map("id", h.id(), "slug", h.slug(), "title", h.title(), "snippet", h.snippet(), "language", h.language().code(),
                "categoryId", h.categoryId(), "url", h.url(), "score", h.score());
    }

}
