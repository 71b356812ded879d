package io.temas.console;

import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleDraft;
import io.temas.knowledge.ArticleFilter;
import io.temas.knowledge.ArticleNotFound;
import io.temas.knowledge.ArticleState;
import io.temas.knowledge.ArticleVersion;
import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.StaleArticle;
import io.temas.knowledge.Visibility;
import io.temas.shared.Language;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Knowledge-base authoring, the articles: the list with filters, the editor with a preview
 * rendered as the help centre renders it, publishing, translations side by side as tabs, and the
 * version history with restore. Supervisors and admins write here (see {@link WebSecurity}); a save
 * names the version its author started from, so a second author's save over a newer version is
 * refused with a message instead of silently undoing the first one's.
 */
@Controller
class KnowledgeArticlesController {

    static final String BASE = "/console/knowledge/admin";
    /** Articles on one page of the editors' list. */
    static final int PAGE = 100;

    /** The editor as submitted. {@code action}: {@code draft}, {@code publish} or {@code preview}; {@code version}: what the author edited. */
    record ArticleForm(String title, String body, String language, String categoryId, String visibility, String tags, String version,
                       String translationOf, String action) {

        static ArticleForm of(Article a) {
            return new ArticleForm(a.title(), a.bodyHtml(), a.language().code(), a.categoryId() == null ? "" : a.categoryId().toString(),
                    a.visibility().code(), String.join(", ", a.tags()), Integer.toString(a.version()), null, null);
        }

        ArticleForm withVersion(int current) {
            return new ArticleForm(title, body, language, categoryId, visibility, tags, Integer.toString(current), translationOf, action);
        }
    }

    private final KnowledgeBase knowledge;

    KnowledgeArticlesController(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    /** The reader's language, for category names. */
    @org.springframework.web.bind.annotation.ModelAttribute("lang")
    Language lang(java.util.Locale locale) {
        return Language.parse(locale.getLanguage()).orElse(Language.DEFAULT);
    }

    @GetMapping({BASE, BASE + "/articles"})
    String list(@RequestParam(required = false) String state, @RequestParam(required = false) String category,
                @RequestParam(required = false) String language, @RequestParam(required = false) String q,
                @RequestParam(required = false) String after, Model model) {
        ArticleState chosenState = parse(() -> ArticleState.parse(state, null));
        UUID chosenCategory = category == null || category.isBlank() ? null : parse(() -> UUID.fromString(category.strip()));
        Language chosenLanguage = language == null || language.isBlank() ? null : Language.parse(language).orElse(null);
        String text = q == null ? "" : io.temas.shared.TextInput.strip(q, false);
        KnowledgeBase.ArticlePage page = knowledge.articles(new ArticleFilter(chosenState, chosenCategory, chosenLanguage, text), after, PAGE);
        model.addAttribute("articles", page.items());
        model.addAttribute("next", page.next());
        model.addAttribute("after", after == null || after.isBlank() ? null : after);
        model.addAttribute("filter", Map.of("state", chosenState == null ? "" : chosenState.code(),
                "category", chosenCategory == null ? "" : chosenCategory.toString(),
                "language", chosenLanguage == null ? "" : chosenLanguage.code(), "q", text));
        model.addAttribute("states", ArticleState.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("categories", categories());
        model.addAttribute("categoryNames", categoryNames());
        return "console/kb/articles";
    }

    /**
     * A new article. From the failed-search report {@code title} is the search as typed and
     * {@code terms} its words, kept as tags; {@code translationOf} starts a translation of an article.
     */
    @GetMapping(BASE + "/articles/new")
    String create(@RequestParam(required = false) String title, @RequestParam(required = false) String terms,
                  @RequestParam(required = false) String language, @RequestParam(required = false) UUID translationOf, Model model) {
        String lang = language != null && Language.parse(language).isPresent() ? Language.parse(language).get().code() : Language.DEFAULT.code();
        String category = "";
        String visibility = Visibility.PUBLIC.code();
        if (translationOf != null) {
            Article original = knowledge.article(translationOf);
            category = original.categoryId() == null ? "" : original.categoryId().toString();
            visibility = original.visibility().code();
        }
        String typedTitle = title == null ? "" : io.temas.shared.TextInput.strip(title, false);
        String typedTerms = terms == null ? "" : io.temas.shared.TextInput.strip(terms, false);
        ArticleForm form = new ArticleForm(typedTitle, "", lang, category, visibility, typedTerms, null,
                translationOf == null ? null : translationOf.toString(), null);
        return editor(null, form, null, model);
    }

    @PostMapping(BASE + "/articles")
    String insert(ArticleForm form, Principal principal, Model model, RedirectAttributes flash, HttpServletResponse response) {
        if ("preview".equals(form.action())) {
            return previewed(null, form, model, response);
        }
        return KnowledgeForms.submit(() -> {
            UUID translationOf = blank(form.translationOf()) ? null : AdminForms.id(form.translationOf(), "kb.admin.error.invalid");
            Article created = knowledge.create(draft(form, translationOf, principal));
            flash.addFlashAttribute("notice", created.state() == ArticleState.PUBLISHED ? "kb.admin.notice.published" : "kb.admin.notice.saved");
            return "redirect:" + BASE + "/articles/" + created.id();
        }, model, response, () -> editor(null, form, null, model));
    }

    @GetMapping(BASE + "/articles/{id}")
    String edit(@PathVariable UUID id, Model model) {
        Article article = knowledge.article(id);
        return editor(article, ArticleForm.of(article), null, model);
    }

    @PostMapping(BASE + "/articles/{id}")
    String save(@PathVariable UUID id, ArticleForm form, Principal principal, Model model, RedirectAttributes flash,
                HttpServletResponse response) {
        Article article = knowledge.article(id);
        if ("preview".equals(form.action())) {
            return previewed(article, form, model, response);
        }
        return KnowledgeForms.submit(() -> {
            Article saved = knowledge.update(id, draft(form, null, principal), expected(form.version()));
            flash.addFlashAttribute("notice", saved.state() == ArticleState.PUBLISHED ? "kb.admin.notice.published" : "kb.admin.notice.saved");
            return "redirect:" + BASE + "/articles/" + id;
        }, model, response, () -> stale(article, form, model));
    }

    /** Publish, unpublish (back to a draft) or archive, as a new version over the one the author saw. */
    @PostMapping(BASE + "/articles/{id}/state")
    String state(@PathVariable UUID id, @RequestParam(required = false) String state, @RequestParam(required = false) String version,
                 Principal principal, RedirectAttributes flash) {
        knowledge.article(id);
        return KnowledgeForms.act(() -> {
            ArticleState next = ArticleState.parse(AdminForms.required(state, "kb.admin.error.invalid"), null);
            knowledge.changeState(id, next, principal.getName(), expected(version));
            return "kb.admin.notice." + next.code();
        }, BASE + "/articles/" + id, flash);
    }

    /** The body as the help centre will show it (an htmx fragment; nothing is saved). */
    @PostMapping(BASE + "/preview")
    String preview(@RequestParam(required = false) String title, @RequestParam(required = false) String body,
                   @RequestParam(required = false) String language, Model model) {
        // Always 200: htmx swaps only successful answers, and a refusal is said inside the fragment.
        render(title, body, language, model);
        return "console/kb/editor :: preview";
    }

    @GetMapping(BASE + "/articles/{id}/versions/{version}")
    String version(@PathVariable UUID id, @PathVariable int version, Model model) {
        Article article = knowledge.article(id);
        ArticleVersion old = knowledge.version(id, version).orElseThrow(() -> new ArticleNotFound(id + " version " + version));
        model.addAttribute("article", article);
        model.addAttribute("old", old);
        model.addAttribute("categoryNames", categoryNames());
        return "console/kb/version";
    }

    /** Brings an old version back as a new draft; refused when the article moved on since the author looked. */
    @PostMapping(BASE + "/articles/{id}/versions/{version}/restore")
    String restore(@PathVariable UUID id, @PathVariable int version, @RequestParam(required = false) String current, Principal principal,
                   RedirectAttributes flash) {
        knowledge.article(id);
        return KnowledgeForms.act(() -> {
            knowledge.restore(id, version, principal.getName(), expected(current));
            return "kb.admin.notice.restored";
        }, BASE + "/articles/" + id, flash);
    }

    // the editor page

    private String editor(Article article, ArticleForm form, String previewHtml, Model model) {
        model.addAttribute("article", article);
        model.addAttribute("form", form);
        model.addAttribute("languages", Language.values());
        model.addAttribute("visibilities", Visibility.values());
        model.addAttribute("categories", categories());
        model.addAttribute("states", ArticleState.values());
        if (article != null) {
            List<Article> variants = knowledge.variants(article);
            model.addAttribute("variants", variants);
            model.addAttribute("missing", java.util.Arrays.stream(Language.values())
                    .filter(l -> variants.stream().noneMatch(v -> v.language() == l)).toList());
            model.addAttribute("versions", knowledge.versions(article.id()));
        } else if (!blank(form.translationOf())) {
            UUID original = parse(() -> UUID.fromString(form.translationOf().strip()));
            model.addAttribute("original", knowledge.article(original));
        }
        if (previewHtml != null) {
            model.addAttribute("previewHtml", previewHtml);
            model.addAttribute("previewTitle", form.title());
            model.addAttribute("previewLanguage", form.language());
        }
        return "console/kb/editor";
    }

    /** The no-script preview: the editor again, the preview filled in, nothing saved. */
    private String previewed(Article article, ArticleForm form, Model model, HttpServletResponse response) {
        render(form.title(), form.body(), form.language(), model);
        if (model.getAttribute("previewError") != null) {
            response.setStatus(422);
        }
        String html = (String) model.getAttribute("previewHtml");
        return editor(article, form, html == null ? "" : html, model);
    }

    private void render(String title, String body, String language, Model model) {
        model.addAttribute("previewTitle", title == null ? "" : io.temas.shared.TextInput.strip(title, false));
        model.addAttribute("previewLanguage", Language.parse(language).orElse(Language.DEFAULT).code());
        try {
            model.addAttribute("previewHtml", knowledge.render(body));
        } catch (io.temas.shared.InvalidInput e) {
            model.addAttribute("previewError", KnowledgeForms.key(e));
        }
    }

    /** After a refused save: the page again with what the author typed; after a stale save, set to save over the current version. */
    private String stale(Article article, ArticleForm form, Model model) {
        Object refused = model.getAttribute(KnowledgeForms.STALE);
        Article current = knowledge.article(article.id());
        ArticleForm again = refused instanceof StaleArticle ? form.withVersion(current.version()) : form;
        return editor(current, again, null, model);
    }

    private ArticleDraft draft(ArticleForm form, UUID translationOf, Principal principal) {
        Language language = Language.parse(AdminForms.required(form.language(), "kb.admin.error.language"))
                .orElseThrow(() -> new ConsoleRefusal("kb.admin.error.language"));
        UUID category = blank(form.categoryId()) ? null : AdminForms.id(form.categoryId(), "kb.admin.error.category");
        ArticleState state = "publish".equals(form.action()) ? ArticleState.PUBLISHED : ArticleState.DRAFT;
        return new ArticleDraft(form.title(), form.body(), language, category, AdminForms.list(form.tags()),
                Visibility.parse(form.visibility(), Visibility.PUBLIC), state, null, translationOf, principal.getName());
    }

    private static Integer expected(String version) {
        return AdminForms.number(version, "kb.admin.error.invalid");
    }

    private List<Category> categories() {
        return knowledge.categories().stream().sorted(Comparator.comparingInt(Category::position).thenComparing(Category::nameTr)).toList();
    }

    private Map<UUID, Category> categoryNames() {
        Map<UUID, Category> byId = new LinkedHashMap<>();
        knowledge.categories().forEach(c -> byId.put(c.id(), c));
        return byId;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A filter value the page could not have offered: the list unfiltered by it is no answer, so say it is not there. */
    private static <T> T parse(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw new io.temas.shared.NotFound("no such filter value");
        }
    }
}
