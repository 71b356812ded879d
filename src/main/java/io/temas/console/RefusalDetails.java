package io.temas.console;

import io.temas.shared.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The detail beside a refusal's message on a console page, in the reader's language. Controllers
 * put the refusal's English message as {@code errorDetail} and, when it has one, its code as
 * {@code errorWhy} ({@link #flash}); before the page renders, the detail is said from the code.
 * Without a code, an English detail is shown to English readers and on the settings screens
 * (where it names the field an administrator got wrong); an agent reading another language sees
 * only the refusal's own message, which the bundles already say.
 */
@Component
class RefusalDetails implements HandlerInterceptor {

    static final String DETAIL = "errorDetail";
    static final String WHY = "errorWhy";

    private final ConsoleFormat format;

    RefusalDetails(ConsoleFormat format) {
        this.format = format;
    }

    /** Puts the refusal's detail on the next page (after a redirect). */
    static void flash(RedirectAttributes flash, RuntimeException e) {
        flash.addFlashAttribute(DETAIL, e.getMessage());
        if (e instanceof Refusal r && r.why() != null) {
            flash.addFlashAttribute(WHY, r.why());
        }
    }

    /** Puts the refusal's detail on the page being rendered. */
    static void show(Model model, RuntimeException e) {
        model.addAttribute(DETAIL, e.getMessage());
        if (e instanceof Refusal r && r.why() != null) {
            model.addAttribute(WHY, r.why());
        }
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || !page.getModel().containsKey(DETAIL) || page.getViewName() != null && page.getViewName().startsWith("redirect:")) {
            return;
        }
        Object detail = page.getModel().get(DETAIL);
        if (page.getModel().get(WHY) instanceof io.temas.shared.ReasonCode why) {
            page.addObject(DETAIL, format.reason(why, detail == null ? null : detail.toString()));
        } else if (!english() && !request.getRequestURI().startsWith("/console/admin")) {
            page.getModel().remove(DETAIL);
        }
    }

    private static boolean english() {
        return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
