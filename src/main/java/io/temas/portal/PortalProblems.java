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
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "portal/not-found";
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
        response.setStatus(status.value());
        return "portal/problem";
    }
}
