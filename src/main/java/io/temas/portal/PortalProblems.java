package io.temas.portal;

import io.temas.platform.StorageLimits;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Portal pages answer a refusal with a page in the visitor's language: an unknown page 404, any
 * other refusal (a value it cannot use, a value the database cannot hold) 400 or 422. Anything else
 * is a bug and left to the error page.
 */
@ControllerAdvice(basePackageClasses = PortalProblems.class)
class PortalProblems {

    private final PortalModel frame;

    PortalProblems(PortalModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler(NotFound.class)
    String notFound(Locale locale, Model model, HttpServletResponse response) {
        frame.frame(locale, model);
        return notice(HttpStatus.NOT_FOUND, "kb.portal.notFound", null, model, response);
    }

    @ExceptionHandler(Refusal.class)
    String refused(Refusal e, Locale locale, Model model, HttpServletResponse response) {
        return problem(e instanceof InvalidInput ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT,
                locale, model, response);
    }

    @ExceptionHandler(DataAccessException.class)
    String notStorable(DataAccessException e, Locale locale, Model model, HttpServletResponse response) throws DataAccessException {
        if (!StorageLimits.exceededBy(e)) {
            throw e;
        }
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, locale, model, response);
    }

    private String problem(HttpStatus status, Locale locale, Model model, HttpServletResponse response) {
        frame.frame(locale, model);
        return notice(status, "kb.portal.problem.title", "kb.portal.problem.text", model, response);
    }

    /** Tells a client that was refused for sending too much when to come back, in whole seconds (RFC 9110 {@code Retry-After}). */
    static void retryAfter(HttpServletResponse response, java.time.Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
    }

    /** The help centre's page for a short notice (not found, a refused value, too many requests): a title, a sentence, the way home. */
    static String notice(HttpStatus status, String titleKey, String textKey, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("noticeTitle", titleKey);
        model.addAttribute("noticeText", textKey);
        return "portal/notice";
    }
}
