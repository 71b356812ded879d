package io.temas.console;

import static io.temas.console.KnowledgeArticlesController.BASE;

import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.KnowledgeReports;
import io.temas.knowledge.SynonymGroup;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Knowledge-base authoring, everything around the articles: the category tree (names per
 * language, order, parent), synonym groups per language, the search-index rebuild, and the
 * failed-search report whose every line opens the editor for the article it asks for.
 */
@Controller
class KnowledgeCatalogueController {

    /** The category form as typed. */
    record CategoryForm(String nameTr, String nameAz, String nameEn, String parentId, String position, String slug) {

        static CategoryForm of(Category c) {
            return new CategoryForm(c.nameTr(), c.nameAz(), c.nameEn(), c.parentId() == null ? "" : c.parentId().toString(),
                    Integer.toString(c.position()), c.slug());
        }
    }

    /** The synonym form as typed: terms one a line or separated by commas; language empty for every language. */
    record SynonymForm(String terms, String language) {
    }

    /** A category with its depth in the tree, for the indented list. */
    record Node(Category category, int depth) {
    }

    private static final int REPORT_DAYS = 30;
    private static final int REPORT_MAX_DAYS = 3660;

    private final KnowledgeBase knowledge;
    private final KnowledgeReports reports;
    private final ConsoleFormat format;
    private final Clock clock;

    KnowledgeCatalogueController(KnowledgeBase knowledge, KnowledgeReports reports, ConsoleFormat format, Clock clock) {
        this.knowledge = knowledge;
        this.reports = reports;
        this.format = format;
        this.clock = clock;
    }

    /** The reader's language, for category names. */
    @org.springframework.web.bind.annotation.ModelAttribute("lang")
    Language lang(java.util.Locale locale) {
        return Language.parse(locale.getLanguage()).orElse(Language.DEFAULT);
    }

    // categories

    @GetMapping(BASE + "/categories")
    String categories(Model model) {
        return categoriesPage(null, new CategoryForm("", "", "", "", "0", ""), model);
    }

    @GetMapping(BASE + "/categories/{id}")
    String category(@PathVariable UUID id, Model model) {
        return categoriesPage(id, CategoryForm.of(knowledge.category(id)), model);
    }

    @PostMapping(BASE + "/categories")
    String createCategory(CategoryForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return KnowledgeForms.submit(() -> {
            knowledge.createCategory(form.slug(), parent(form), position(form), form.nameTr(), form.nameAz(), form.nameEn());
            flash.addFlashAttribute("notice", "kb.admin.notice.saved");
            return "redirect:" + BASE + "/categories";
        }, model, response, () -> categoriesPage(null, form, model));
    }

    @PostMapping(BASE + "/categories/{id}")
    String updateCategory(@PathVariable UUID id, CategoryForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        knowledge.category(id);
        return KnowledgeForms.submit(() -> {
            knowledge.updateCategory(id, parent(form), position(form), form.nameTr(), form.nameAz(), form.nameEn());
            flash.addFlashAttribute("notice", "kb.admin.notice.saved");
            return "redirect:" + BASE + "/categories";
        }, model, response, () -> categoriesPage(id, form, model));
    }

    private String categoriesPage(UUID editing, CategoryForm form, Model model) {
        List<Category> all = knowledge.categories();
        model.addAttribute("tree", tree(all));
        model.addAttribute("parents", all.stream().filter(c -> !c.id().equals(editing)).sorted(Comparator.comparing(Category::nameTr)).toList());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/kb/categories";
    }

    /** Depth first, siblings by position then name: the order the help centre lists them in. */
    static List<Node> tree(List<Category> all) {
        Map<UUID, List<Category>> children = new HashMap<>();
        List<Category> roots = new ArrayList<>();
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        all.forEach(c -> ids.add(c.id()));
        for (Category c : all) {
            if (c.parentId() == null || !ids.contains(c.parentId())) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Node> out = new ArrayList<>();
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        roots.stream().sorted(order()).forEach(root -> walk(root, 0, children, out, seen));
        return out;
    }

    private static void walk(Category c, int depth, Map<UUID, List<Category>> children, List<Node> out, java.util.Set<UUID> seen) {
        if (!seen.add(c.id())) {
            return;
        }
        out.add(new Node(c, depth));
        children.getOrDefault(c.id(), List.of()).stream().sorted(order()).forEach(child -> walk(child, depth + 1, children, out, seen));
    }

    private static Comparator<Category> order() {
        return Comparator.comparingInt(Category::position).thenComparing(Category::nameTr);
    }

    private static UUID parent(CategoryForm form) {
        return form.parentId() == null || form.parentId().isBlank() ? null : AdminForms.id(form.parentId(), "kb.admin.error.parent");
    }

    private static int position(CategoryForm form) {
        Integer position = AdminForms.number(form.position(), "kb.admin.error.position");
        return position == null ? 0 : position;
    }

    // synonyms

    @GetMapping(BASE + "/synonyms")
    String synonyms(Model model) {
        return synonymsPage(null, new SynonymForm("", ""), model);
    }

    @GetMapping(BASE + "/synonyms/{id}")
    String synonymGroup(@PathVariable UUID id, Model model) {
        SynonymGroup group = group(id);
        return synonymsPage(id, new SynonymForm(String.join("\n", group.terms()), group.language() == null ? "" : group.language().code()), model);
    }

    @PostMapping(BASE + "/synonyms")
    String addSynonyms(SynonymForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return KnowledgeForms.submit(() -> {
            knowledge.addSynonyms(AdminForms.list(form.terms()), language(form.language()));
            flash.addFlashAttribute("notice", "kb.admin.notice.saved");
            return "redirect:" + BASE + "/synonyms";
        }, model, response, () -> synonymsPage(null, form, model));
    }

    @PostMapping(BASE + "/synonyms/{id}")
    String changeSynonyms(@PathVariable UUID id, SynonymForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        group(id);
        return KnowledgeForms.submit(() -> {
            knowledge.changeSynonyms(id, AdminForms.list(form.terms()), language(form.language()));
            flash.addFlashAttribute("notice", "kb.admin.notice.saved");
            return "redirect:" + BASE + "/synonyms";
        }, model, response, () -> synonymsPage(id, form, model));
    }

    @PostMapping(BASE + "/synonyms/{id}/delete")
    String deleteSynonyms(@PathVariable UUID id, RedirectAttributes flash) {
        group(id);
        return KnowledgeForms.act(() -> {
            knowledge.removeSynonyms(id);
            return "kb.admin.notice.deleted";
        }, BASE + "/synonyms", flash);
    }

    /** Rebuilds the search index from the database (after an import, or when searches seem to miss what is there). */
    @PostMapping(BASE + "/index/rebuild")
    String rebuild(RedirectAttributes flash) {
        int count = knowledge.reindex();
        flash.addFlashAttribute("notice", "kb.admin.notice.rebuilt");
        flash.addFlashAttribute("noticeArg", count);
        return "redirect:" + BASE + "/synonyms";
    }

    private String synonymsPage(UUID editing, SynonymForm form, Model model) {
        model.addAttribute("groups", knowledge.synonyms());
        model.addAttribute("languages", Language.values());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/kb/synonyms";
    }

    private SynonymGroup group(UUID id) {
        return knowledge.synonymGroup(id).orElseThrow(() -> new NotFound("no synonym group " + id));
    }

    private static Language language(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return Language.parse(code).orElseThrow(() -> new ConsoleRefusal("kb.admin.error.language"));
    }

    // the failed-search report

    /**
     * The most frequent failed searches between two days (in the reader's zone, both included),
     * the last thirty days by default. A refused date range is said on the page.
     */
    @GetMapping(BASE + "/failed-searches")
    String failedSearches(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
                          HttpServletResponse response) {
        LocalDate today = LocalDate.now(clock.withZone(format.zone()));
        LocalDate start = today.minusDays(REPORT_DAYS - 1L);
        LocalDate end = today;
        try {
            if (from != null && !from.isBlank()) {
                start = LocalDate.parse(from.strip());
            }
            if (to != null && !to.isBlank()) {
                end = LocalDate.parse(to.strip());
            }
            if (end.isBefore(start) || start.plusDays(REPORT_MAX_DAYS).isBefore(end) || start.getYear() < 2000 || end.getYear() > 2999) {
                throw new ConsoleRefusal("kb.admin.error.range");
            }
        } catch (DateTimeParseException | ConsoleRefusal e) {
            response.setStatus(422);
            model.addAttribute("error", "kb.admin.error.range");
            start = today.minusDays(REPORT_DAYS - 1L);
            end = today;
        }
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("searches", reports.failedSearches(start.atStartOfDay(format.zone()).toInstant(),
                end.plusDays(1).atStartOfDay(format.zone()).toInstant(), 100));
        return "console/kb/failed";
    }
}
