package io.temas.feedback;

import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The customer's pages under {@code /survey}: a link from a mail only shows a page (mail scanners
 * and link previews follow links and must record nothing); only the page's button, a POST to the
 * signed address, records. A link that is forged or names
 * nothing is a 404 page; an answered survey says so and changes nothing.
 */
@Controller
class SurveyPages {

    private final Surveys surveys;
    private final ReplyRatings ratings;
    private final LocaleResolver locales;

    SurveyPages(Surveys surveys, ReplyRatings ratings, LocaleResolver locales) {
        this.surveys = surveys;
        this.ratings = ratings;
        this.locales = locales;
    }

    @GetMapping("/survey/s/{token}")
    String survey(@PathVariable String token, @RequestParam(required = false) String score, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Optional<Surveys.Survey> survey = surveys.byToken(token);
        if (survey.isEmpty()) {
            return invalid(request, response, model);
        }
        speak(survey.get().language(), request, response, model);
        if (survey.get().answered()) {
            return done(model, "survey.done.already");
        }
        model.addAttribute("token", token);
        model.addAttribute("csat", parse(score, 5));
        model.addAttribute("ces", null);
        model.addAttribute("comment", "");
        model.addAttribute("limit", Surveys.COMMENT_LIMIT);
        return "survey/survey";
    }

    @PostMapping("/survey/s/{token}")
    String answer(@PathVariable String token, @RequestParam(required = false) String csat, @RequestParam(required = false) String ces,
                  @RequestParam(required = false) String comment, @RequestParam(required = false) String doNotAsk,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Surveys.Survey> survey = surveys.byToken(token);
        if (survey.isEmpty()) {
            return invalid(request, response, model);
        }
        speak(survey.get().language(), request, response, model);
        try {
            String raw = raw(request, "comment");
            if (raw != null && raw.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                throw new InvalidInput("comment", "the comment holds control characters");
            }
            Surveys.Outcome outcome = surveys.answer(survey.get().id(), parse(csat, 5), parse(ces, 7), comment, doNotAsk != null);
            return done(model, outcome == Surveys.Outcome.RECORDED ? "survey.done.thanks" : "survey.done.already");
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("token", token);
            model.addAttribute("csat", parse(csat, 5));
            model.addAttribute("ces", parse(ces, 7));
            model.addAttribute("comment", comment == null ? "" : comment);
            model.addAttribute("limit", Surveys.COMMENT_LIMIT);
            model.addAttribute("error", "survey.error." + e.field());
            return "survey/survey";
        }
    }

    @GetMapping("/survey/r/{token}/{choice}")
    String reply(@PathVariable String token, @PathVariable String choice, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        Optional<ReplyRatings.Reply> reply = ratings.byToken(token);
        if (reply.isEmpty() || !("yes".equals(choice) || "no".equals(choice))) {
            return invalid(request, response, model);
        }
        speak(reply.get().language(), request, response, model);
        model.addAttribute("token", token);
        model.addAttribute("helpful", "yes".equals(choice));
        model.addAttribute("previous", reply.get().helpful());
        return "survey/rating";
    }

    @PostMapping("/survey/r/{token}")
    String rate(@PathVariable String token, @RequestParam(required = false) String helpful, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        Optional<ReplyRatings.Reply> reply = ratings.byToken(token);
        if (reply.isEmpty() || !("yes".equals(helpful) || "no".equals(helpful))) {
            return invalid(request, response, model);
        }
        speak(reply.get().language(), request, response, model);
        ratings.rate(reply.get(), "yes".equals(helpful));
        return done(model, "survey.done.rated");
    }

    private String invalid(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        Language language = Language.parse(locales.resolveLocale(request).getLanguage()).orElse(Language.DEFAULT);
        model.addAttribute("language", language);
        return done(model, "survey.done.invalid");
    }

    private static String done(Model model, String key) {
        model.addAttribute("notice", key);
        // A notice after a press has no page of its own to show in another language.
        model.addAttribute("done", true);
        return "survey/done";
    }

    /** Pages speak the customer's language unless they chose another one with {@code ?lang=}. */
    private void speak(Language language, HttpServletRequest request, HttpServletResponse response, Model model) {
        Language shown = language;
        if (request.getParameter("lang") == null) {
            locales.setLocale(request, response, language.locale());
        } else {
            shown = Language.parse(locales.resolveLocale(request).getLanguage()).orElse(language);
        }
        model.addAttribute("language", shown);
    }

    /** A number in 1..max, or null for anything else (the service says what is wrong with a missing one). */
    private static Integer parse(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n >= 1 && n <= max ? n : Integer.valueOf(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A parameter as the customer sent it, before the pages' cleaning removed control characters. */
    private static String raw(ServletRequest request, String name) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner.getParameter(name);
    }
}
