package io.temas.portal;

import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.Audience;
import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.SearchHit;
import io.temas.knowledge.SearchQuery;
import io.temas.knowledge.SearchResults;
import io.temas.shared.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The help centre's pages: topics and popular articles, search, a topic, an article with its
 * "was this helpful?" vote. Pages speak the visitor's language (Turkish unless {@code ?lang=az}
 * or {@code en}) and show articles in it, falling back to Turkish where a topic has none.
 */
@Controller
class PortalController {

    private final KnowledgeBase knowledge;
    private final ArticleSearch search;
    private final PortalLimits limits;

    PortalController(KnowledgeBase knowledge, ArticleSearch search, PortalLimits limits) {
        this.knowledge = knowledge;
        this.search = search;
        this.limits = limits;
    }

    @GetMapping({"/portal", "/portal/"})
    String home(Locale locale, Model model) {
        Language language = language(locale);
        List<Category> categories = knowledge.categories();
        model.addAttribute("topics", categories.stream().filter(c -> c.parentId() == null).toList());
        model.addAttribute("children", categories);
        model.addAttribute("popular", inLanguageOrTurkish(null, language, 8));
        return "portal/home";
    }

    @GetMapping("/portal/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String category, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        Language language = language(locale);
        model.addAttribute("q", q);
        if (q.isBlank()) {
            return "redirect:/portal";
        }
        if (!limits.search(request.getRemoteAddr())) {
            return tooMany(response, model, limits.searchWait(request.getRemoteAddr()));
        }
        UUID categoryId = category == null ? null : knowledge.categoryBySlug(category).map(Category::id).orElse(null);
        SearchResults results = search.search(new SearchQuery(q, language, categoryId, Audience.CUSTOMER, 20, "portal"));
        List<SearchHit> hits = results.hits();
        boolean otherLanguages = false;
        if (hits.isEmpty()) {
            // Nothing in the visitor's language (logged as a failed search: a translation is missing) — other languages may help.
            hits = search.searchQuietly(new SearchQuery(q, null, categoryId, Audience.CUSTOMER, 20, "portal"));
            otherLanguages = !hits.isEmpty();
        }
        // A hit in another language answers nothing in this one: the search stays failed.
        model.addAttribute("searchId", otherLanguages ? null : results.searchId());
        model.addAttribute("hits", hits);
        model.addAttribute("otherLanguages", otherLanguages);
        return "portal/search";
    }

    @GetMapping("/portal/categories/{slug}")
    String category(@PathVariable String slug, Locale locale, Model model, HttpServletResponse response) {
        Language language = language(locale);
        Optional<Category> found = knowledge.categoryBySlug(slug);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        Category category = found.get();
        model.addAttribute("category", category);
        model.addAttribute("path", knowledge.categoryPath(category.id()));
        model.addAttribute("subcategories", knowledge.categories().stream().filter(c -> category.id().equals(c.parentId())).toList());
        model.addAttribute("articles", inLanguageOrTurkish(category.id(), language, 200));
        return "portal/category";
    }

    @GetMapping("/portal/articles/{slug}")
    String article(@PathVariable String slug, @RequestParam(name = "s", required = false) String searchId,
                   @RequestParam(required = false) String voted, Locale locale, Model model, HttpServletResponse response) {
        Language language = language(locale);
        Optional<Article> found = knowledge.articleBySlug(slug).filter(a -> a.readableBy(Audience.CUSTOMER));
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        Article article = found.get();
        if (voted == null) {
            knowledge.viewed(article.id(), uuid(searchId), "portal");
        }
        model.addAttribute("article", article);
        model.addAttribute("path", article.categoryId() == null ? List.of() : knowledge.categoryPath(article.categoryId()));
        List<Article> variants = knowledge.variants(article).stream()
                .filter(v -> !v.id().equals(article.id()) && v.readableBy(Audience.CUSTOMER)).toList();
        model.addAttribute("variants", variants);
        // Read in a language the article is not written in: say so, and point at the reader's translation when there is one.
        Optional<Article> translation = article.language() == language ? Optional.empty()
                : variants.stream().filter(v -> v.language() == language).findFirst();
        model.addAttribute("translation", translation.orElse(null));
        model.addAttribute("untranslated", article.language() != language && translation.isEmpty());
        model.addAttribute("voted", voted);
        return "portal/article";
    }

    @PostMapping("/portal/articles/{slug}/vote")
    String vote(@PathVariable String slug, @RequestParam String helpful, @RequestParam(required = false) String comment,
                Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<Article> found = knowledge.articleBySlug(slug).filter(a -> a.readableBy(Audience.CUSTOMER));
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        if (!limits.vote(request.getRemoteAddr())) {
            return tooMany(response, model, limits.voteWait(request.getRemoteAddr()));
        }
        boolean yes = "yes".equals(helpful);
        knowledge.vote(found.get().id(), yes, comment, "portal");
        return "redirect:/portal/articles/" + slug + "?voted=" + (yes ? "yes" : "no") + "#vote";
    }

    private List<Article> inLanguageOrTurkish(UUID categoryId, Language language, int limit) {
        List<Article> articles = knowledge.articlesIn(categoryId, language, Audience.CUSTOMER, limit);
        return articles.isEmpty() && language != Language.TR ? knowledge.articlesIn(categoryId, Language.TR, Audience.CUSTOMER, limit) : articles;
    }

    private static String notFound(Model model, HttpServletResponse response) {
        return PortalProblems.notice(HttpStatus.NOT_FOUND, "kb.portal.notFound", null, model, response);
    }

    /** 429 with a page that says to wait, in the visitor's language, and {@code Retry-After} in whole seconds. */
    private static String tooMany(HttpServletResponse response, Model model, java.time.Duration wait) {
        PortalProblems.retryAfter(response, wait);
        return PortalProblems.notice(HttpStatus.TOO_MANY_REQUESTS, "kb.portal.tooMany.title", "kb.portal.tooMany.text", model, response);
    }

    static Language language(Locale locale) {
        return Language.parse(locale == null ? null : locale.getLanguage()).orElse(Language.DEFAULT);
    }

    private static UUID uuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
