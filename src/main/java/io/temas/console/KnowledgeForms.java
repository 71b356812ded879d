package io.temas.console;

import io.temas.knowledge.ArticleNotFound;
import io.temas.knowledge.CategoryNotFound;
import io.temas.knowledge.StaleArticle;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the knowledge-base screens take a form, as {@link AdminForms} does for the settings: on a
 * refusal the same page again (422) with what was typed and a message that says what to change —
 * an empty or over-long title or body, a control character, an unknown category, a version
 * somebody else saved in between — never an error page.
 */
final class KnowledgeForms {

    /** The model attribute holding a {@link StaleArticle} refusal, for the page that shows it. */
    static final String STALE = "stale";

    private KnowledgeForms() {
    }

    /** Runs the action, which answers where to go next; {@code again} renders the form with the values as submitted. */
    static String submit(Supplier<String> action, Model model, HttpServletResponse response, Supplier<String> again) {
        try {
            return action.get();
        } catch (InvalidInput | Conflict | NotFound | RefusedByRule e) {
            response.setStatus(422);
            model.addAttribute("error", key(e));
            if (e instanceof StaleArticle stale) {
                model.addAttribute(STALE, stale);
                model.addAttribute("errorArg", stale.current());
            } else if (key(e).endsWith(".invalid") || key(e).endsWith(".conflict")) {
                RefusalDetails.show(model, e);
            }
            return again.get();
        }
    }

    /** Runs an action without a form of its own; it answers its notice key, a refusal goes to {@code redirect} as the error. */
    static String act(Supplier<String> action, String redirect, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("notice", action.get());
        } catch (InvalidInput | Conflict | NotFound | RefusedByRule e) {
            flash.addFlashAttribute("error", key(e));
            if (e instanceof StaleArticle stale) {
                flash.addFlashAttribute("errorArg", stale.current());
            } else if (key(e).endsWith(".invalid") || key(e).endsWith(".conflict")) {
                RefusalDetails.flash(flash, e);
            }
        }
        return "redirect:" + redirect;
    }

    /** The message key ({@code kb.admin.error.*}) that explains the refusal. */
    static String key(RuntimeException e) {
        return switch (e) {
            case ConsoleRefusal refusal -> refusal.key();
            case StaleArticle stale -> "kb.admin.error.stale";
            case CategoryNotFound unknown -> "kb.admin.error.category";
            case ArticleNotFound unknown -> "kb.admin.error.article";
            case Conflict conflict -> "kb.admin.error.conflict";
            case InvalidInput invalid -> field(invalid);
            default -> "kb.admin.error.invalid";
        };
    }

    private static String field(InvalidInput e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("control character")) {
            return "kb.admin.error.control";
        }
        boolean tooLong = message.contains("longer than");
        return switch (e.field() == null ? "" : e.field()) {
            case "title" -> tooLong ? "kb.admin.error.titleLong" : "kb.admin.error.title";
            case "body" -> tooLong ? "kb.admin.error.bodyLong" : "kb.admin.error.body";
            case "terms" -> tooLong ? "kb.admin.error.termLong" : "kb.admin.error.terms";
            case "name" -> tooLong ? "kb.admin.error.nameLong" : "kb.admin.error.name";
            case "parentId" -> "kb.admin.error.parent";
            case "language" -> "kb.admin.error.language";
            default -> "kb.admin.error.invalid";
        };
    }
}
