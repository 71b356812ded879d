package io.temas.console;

import io.temas.routing.InvalidRoutingInput;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the admin screens take a form: on success back to the list with a notice, on a refusal the
 * same page again (status 422) with the submitted values and a message a person can read.
 */
final class AdminForms {

    private AdminForms() {
    }

    /** Runs the action; {@code again} renders the form page with the values as submitted. */
    static String submit(Runnable action, String redirect, RedirectAttributes flash, Model model, HttpServletResponse response,
                         Supplier<String> again) {
        try {
            action.run();
            flash.addFlashAttribute("notice", "admin.notice.saved");
            return "redirect:" + redirect;
        } catch (ConsoleRefusal e) {
            return refuse(model, response, e.key(), null, again);
        } catch (InvalidRoutingInput e) {
            return refuse(model, response, key(e), null, again);
        } catch (Conflict e) {
            return refuse(model, response, "admin.error.conflict", e, again);
        } catch (NotFound e) {
            // The form names a queue or calendar that is not there (any more): the form is wrong, not the address.
            return refuse(model, response, "admin.error.invalid", e, again);
        } catch (InvalidInput | RefusedByRule e) {
            return refuse(model, response, "admin.error.invalid", e, again);
        }
    }

    /** Runs an action that has no form of its own (delete, move): the outcome goes to the list as a flash message. */
    static String act(Runnable action, String redirect, String notice, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (ConsoleRefusal e) {
            flash.addFlashAttribute("error", e.key());
        } catch (InvalidRoutingInput e) {
            flash.addFlashAttribute("error", key(e));
        } catch (Conflict e) {
            flash.addFlashAttribute("error", "admin.error.conflict");
            RefusalDetails.flash(flash, e);
        } catch (InvalidInput | RefusedByRule e) {
            flash.addFlashAttribute("error", "admin.error.invalid");
            RefusalDetails.flash(flash, e);
        }
        return "redirect:" + redirect;
    }

    /** The message key for a routing field the form got wrong: {@code admin.error.<field>}. */
    static String key(InvalidRoutingInput e) {
        return "admin.error." + e.field();
    }

    private static String refuse(Model model, HttpServletResponse response, String key, RuntimeException detail, Supplier<String> again) {
        response.setStatus(422);
        model.addAttribute("error", key);
        if (detail != null) {
            RefusalDetails.show(model, detail);
        }
        return again.get();
    }

    static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ConsoleRefusal(key);
        }
        return value.strip();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A comma- or line-separated list as typed. */
    static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static String joined(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    /** An id typed or chosen in a form; {@code key} explains a value that is none. */
    static java.util.UUID id(String value, String key) {
        try {
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAnId) {
            throw new ConsoleRefusal(key);
        }
    }

    static Integer number(String value, String key) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ConsoleRefusal(key);
        }
    }
}
