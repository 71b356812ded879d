package io.temas.console;

import io.temas.scoring.AlertRule;
import io.temas.scoring.Fact;
import io.temas.scoring.RuleError;
import io.temas.scoring.RuleErrors;
import io.temas.scoring.RuleLanguage;
import io.temas.scoring.ScoreRule;
import io.temas.scoring.ScoringRules;
import io.temas.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for scores and alerts: the score rules (a code, a name in each language and a formula)
 * and the alert rules (a condition, a severity and a message in each language), both written in the
 * rule language over the fact catalogue the page lists. A rule that does not parse is refused with
 * the error next to its field, in the reader's language, and the form keeps what was typed; a saved
 * rule has every customer recomputed in the background.
 */
@Controller
class AdminScoresController {

    /** The score form as posted. */
    record ScoreForm(String code, String nameTr, String nameAz, String nameEn, String formula, String position) {
        static final ScoreForm EMPTY = new ScoreForm("", "", "", "", "", "0");
    }

    /** The alert form as posted; {@code active} "on" when ticked. */
    record AlertForm(String nameTr, String nameAz, String nameEn, String condition, String severity, String messageTr, String messageAz,
                     String messageEn, String active) {
        static final AlertForm EMPTY = new AlertForm("", "", "", "", "warning", "", "", "", "on");
    }

    private static final String PAGE = "/console/admin/scores";

    private final ScoringRules rules;
    private final MessageSource messages;

    AdminScoresController(ScoringRules rules, MessageSource messages) {
        this.rules = rules;
        this.messages = messages;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        return page(null, ScoreForm.EMPTY, Map.of(), null, AlertForm.EMPTY, Map.of(), model);
    }

    @GetMapping(PAGE + "/rules/{id}")
    String score(@PathVariable UUID id, Model model) {
        ScoreRule r = rules.score(id).orElseThrow(() -> new NotFound("score rule " + id));
        return page(id, new ScoreForm(r.code(), r.nameTr(), r.nameAz(), r.nameEn(), r.formula(), Integer.toString(r.position())), Map.of(),
                null, AlertForm.EMPTY, Map.of(), model);
    }

    @PostMapping(PAGE + "/rules")
    String addScore(ScoreForm form, Principal principal, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return saveScore(null, form, principal, model, flash, response);
    }

    @PostMapping(PAGE + "/rules/{id}")
    String updateScore(@PathVariable UUID id, ScoreForm form, Principal principal, Model model, RedirectAttributes flash,
                       HttpServletResponse response) {
        rules.score(id).orElseThrow(() -> new NotFound("score rule " + id));
        return saveScore(id, form, principal, model, flash, response);
    }

    @PostMapping(PAGE + "/rules/{id}/delete")
    String deleteScore(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            rules.deleteScore(id);
            flash.addFlashAttribute("notice", "admin.notice.deleted");
        } catch (RuleErrors e) {
            flash.addFlashAttribute("error", "scores.admin.error.refused");
            flash.addFlashAttribute("errorDetail", say(e.errors().getFirst()));
        }
        return "redirect:" + PAGE;
    }

    @GetMapping(PAGE + "/alerts/{id}")
    String alert(@PathVariable UUID id, Model model) {
        AlertRule r = rules.alert(id).orElseThrow(() -> new NotFound("alert rule " + id));
        return page(null, ScoreForm.EMPTY, Map.of(), id, new AlertForm(r.nameTr(), r.nameAz(), r.nameEn(), r.condition(), r.severity(),
                r.messageTr(), r.messageAz(), r.messageEn(), r.active() ? "on" : null), Map.of(), model);
    }

    @PostMapping(PAGE + "/alerts")
    String addAlert(AlertForm form, Principal principal, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return saveAlert(null, form, principal, model, flash, response);
    }

    @PostMapping(PAGE + "/alerts/{id}")
    String updateAlert(@PathVariable UUID id, AlertForm form, Principal principal, Model model, RedirectAttributes flash,
                       HttpServletResponse response) {
        rules.alert(id).orElseThrow(() -> new NotFound("alert rule " + id));
        return saveAlert(id, form, principal, model, flash, response);
    }

    @PostMapping(PAGE + "/alerts/{id}/delete")
    String deleteAlert(@PathVariable UUID id, RedirectAttributes flash) {
        return AdminForms.act(() -> rules.deleteAlert(id), PAGE, "admin.notice.deleted", flash);
    }

    private String saveScore(UUID id, ScoreForm form, Principal principal, Model model, RedirectAttributes flash,
                             HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer position = null;
        try {
            position = AdminForms.number(form.position(), "scores.error.position");
        } catch (ConsoleRefusal e) {
            errors.put("position", text(e.key()));
        }
        if (errors.isEmpty()) {
            try {
                rules.save(new ScoreRule(id, form.code(), form.nameTr(), form.nameAz(), form.nameEn(), form.formula(),
                        position == null ? 0 : position), principal.getName());
                flash.addFlashAttribute("notice", "scores.admin.saved");
                return "redirect:" + PAGE;
            } catch (RuleErrors e) {
                e.errors().forEach(error -> errors.putIfAbsent(error.field(), say(error)));
            }
        }
        response.setStatus(422);
        model.addAttribute("error", "scores.admin.error.refused");
        return page(id, form, errors, null, AlertForm.EMPTY, Map.of(), model);
    }

    private String saveAlert(UUID id, AlertForm form, Principal principal, Model model, RedirectAttributes flash,
                             HttpServletResponse response) {
        try {
            rules.save(new AlertRule(id, form.nameTr(), form.nameAz(), form.nameEn(), form.condition(), form.severity(), form.messageTr(),
                    form.messageAz(), form.messageEn(), form.active() != null), principal.getName());
            flash.addFlashAttribute("notice", "scores.admin.saved");
            return "redirect:" + PAGE;
        } catch (RuleErrors e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(error -> errors.putIfAbsent(error.field(), say(error)));
            response.setStatus(422);
            model.addAttribute("error", "scores.admin.error.refused");
            return page(null, ScoreForm.EMPTY, Map.of(), id, form, errors, model);
        }
    }

    private String say(RuleError error) {
        return messages.getMessage(error.key(), error.arguments(), error.key(), LocaleContextHolder.getLocale());
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private String page(UUID editingScore, ScoreForm scoreForm, Map<String, String> scoreErrors, UUID editingAlert, AlertForm alertForm,
                        Map<String, String> alertErrors, Model model) {
        model.addAttribute("scoreRules", rules.scores());
        model.addAttribute("alertRules", rules.alerts());
        model.addAttribute("facts", Arrays.asList(Fact.values()));
        model.addAttribute("stages", RuleLanguage.STAGES);
        model.addAttribute("severities", AlertRule.SEVERITIES);
        model.addAttribute("editingScore", editingScore);
        model.addAttribute("scoreForm", scoreForm);
        model.addAttribute("scoreErrors", scoreErrors);
        model.addAttribute("editingAlert", editingAlert);
        model.addAttribute("alertForm", alertForm);
        model.addAttribute("alertErrors", alertErrors);
        return "console/admin/scores";
    }
}
