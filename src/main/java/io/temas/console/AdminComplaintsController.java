package io.temas.console;

import io.temas.complaints.ComplaintCatalogue;
import io.temas.complaints.ComplaintCategory;
import io.temas.complaints.ComplaintRule;
import io.temas.shared.Language;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for complaints: the categories (a code and a name in Turkish, Azerbaijani and
 * English) and the keyword rules that mark a customer's message a complaint of a category.
 */
@Controller
class AdminComplaintsController {

    /** The category form as posted. */
    record CategoryForm(String code, String nameTr, String nameAz, String nameEn, String position) {
        static final CategoryForm EMPTY = new CategoryForm("", "", "", "", "");
    }

    /** The rule form as posted; {@code keywords} one per line or comma-separated, {@code active} "on" when ticked. */
    record RuleForm(String name, String category, String language, String keywords, String active) {
        static final RuleForm EMPTY = new RuleForm("", "", "", "", "on");
    }

    private static final String PAGE = "/console/admin/complaints";

    private final ComplaintCatalogue catalogue;

    AdminComplaintsController(ComplaintCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        return page(null, CategoryForm.EMPTY, null, RuleForm.EMPTY, model);
    }

    @GetMapping(PAGE + "/categories/{code}")
    String category(@PathVariable String code, Model model) {
        ComplaintCategory k = catalogue.category(code).orElseThrow(() -> new io.temas.shared.NotFound("complaint category " + code));
        return page(k.code(), new CategoryForm(k.code(), k.nameTr(), k.nameAz(), k.nameEn(), Integer.toString(k.position())), null,
                RuleForm.EMPTY, model);
    }

    @PostMapping(PAGE + "/categories")
    String saveCategory(CategoryForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> {
            Integer position = AdminForms.number(form.position(), "complaints.admin.error.position");
            catalogue.saveCategory(new ComplaintCategory(AdminForms.required(form.code(), "complaints.admin.error.code"),
                    AdminForms.required(form.nameTr(), "complaints.admin.error.name"), AdminForms.required(form.nameAz(), "complaints.admin.error.name"),
                    AdminForms.required(form.nameEn(), "complaints.admin.error.name"), position == null ? 0 : position));
        }, PAGE, flash, model, response, () -> page(null, form, null, RuleForm.EMPTY, model));
    }

    @PostMapping(PAGE + "/categories/{code}/delete")
    String deleteCategory(@PathVariable String code, RedirectAttributes flash) {
        return AdminForms.act(() -> catalogue.deleteCategory(code), PAGE, "admin.notice.deleted", flash);
    }

    @GetMapping(PAGE + "/rules/{id}")
    String rule(@PathVariable UUID id, Model model) {
        ComplaintRule r = catalogue.rule(id);
        return page(null, CategoryForm.EMPTY, id, new RuleForm(r.name(), r.category(), r.language() == null ? "" : r.language(),
                String.join("\n", r.keywords()), r.active() ? "on" : null), model);
    }

    @PostMapping(PAGE + "/rules")
    String addRule(RuleForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return saveRule(null, form, model, flash, response);
    }

    @PostMapping(PAGE + "/rules/{id}")
    String updateRule(@PathVariable UUID id, RuleForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        catalogue.rule(id);
        return saveRule(id, form, model, flash, response);
    }

    @PostMapping(PAGE + "/rules/{id}/delete")
    String deleteRule(@PathVariable UUID id, RedirectAttributes flash) {
        return AdminForms.act(() -> catalogue.deleteRule(id), PAGE, "admin.notice.deleted", flash);
    }

    private String saveRule(UUID id, RuleForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> {
            String language = AdminForms.blankToNull(form.language());
            if (language != null && Language.parse(language).filter(l -> l.code().equals(language)).isEmpty()) {
                throw new ConsoleRefusal("admin.error.language");
            }
            if (catalogue.category(form.category() == null ? "" : form.category()).isEmpty()) {
                throw new ConsoleRefusal("complaints.admin.error.category");
            }
            var keywords = AdminForms.list(form.keywords());
            if (keywords.isEmpty()) {
                throw new ConsoleRefusal("complaints.admin.error.keywords");
            }
            catalogue.saveRule(new ComplaintRule(id, AdminForms.required(form.name(), "complaints.admin.error.name"), form.category(),
                    language, keywords, form.active() != null));
        }, PAGE, flash, model, response, () -> page(null, CategoryForm.EMPTY, id, form, model));
    }

    private String page(String editingCategory, CategoryForm categoryForm, UUID editingRule, RuleForm ruleForm, Model model) {
        model.addAttribute("categories", catalogue.categories());
        String language = org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage();
        model.addAttribute("categoryNames", catalogue.categories().stream()
                .collect(java.util.stream.Collectors.toMap(ComplaintCategory::code, k -> k.name(language))));
        model.addAttribute("rules", catalogue.rules());
        model.addAttribute("languages", Language.values());
        model.addAttribute("editingCategory", editingCategory);
        model.addAttribute("categoryForm", categoryForm);
        model.addAttribute("editingRule", editingRule);
        model.addAttribute("ruleForm", ruleForm);
        return "console/admin/complaints";
    }
}
