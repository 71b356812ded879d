package io.temas.console;

import io.temas.feedback.SurveyPolicy;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for surveys after resolution: on or off, per channel, the quiet period between two
 * surveys of one customer and how long an SMS digit counts as the answer. Saved choices replace
 * the {@code temas.survey.*} settings on every node.
 */
@Controller
class AdminSurveyController {

    private final SurveyPolicy policy;

    AdminSurveyController(SurveyPolicy policy) {
        this.policy = policy;
    }

    @GetMapping("/console/admin/surveys")
    String page(Model model) {
        model.addAttribute("survey", policy.current());
        return "console/admin/surveys";
    }

    @PostMapping("/console/admin/surveys")
    String save(@RequestParam(required = false) String enabled, @RequestParam(required = false) String email,
                @RequestParam(required = false) String sms, @RequestParam(required = false) String chat,
                @RequestParam(required = false) String webform,
                @RequestParam(defaultValue = "") String quietDays, @RequestParam(defaultValue = "") String smsWindowHours,
                Principal principal, RedirectAttributes flash) {
        return AdminForms.act(() -> policy.save(enabled != null, email != null, sms != null, chat != null, webform != null,
                        number("quietDays", quietDays), number("smsWindowHours", smsWindowHours), principal.getName()),
                "/console/admin/surveys", "notice.saved", flash);
    }

    private static int number(String field, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field + " is a whole number");
        }
    }
}
