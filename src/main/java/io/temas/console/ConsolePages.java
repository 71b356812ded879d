package io.temas.console;

import io.temas.platform.StorageLimits;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import org.springframework.dao.DataAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every console page answers a refusal with a page in the user's language instead of a stack
 * trace: an id that names nothing 404, a conflict 409, a rule that forbids it 422, a value it
 * cannot use 400 (naming the field when known; a path segment of the wrong type names nothing, 404); settings pages keep their menu. Anything else is
 * a bug and left to the error page (500).
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
class ConsolePages {

    private final ConsoleModel frame;

    ConsolePages(ConsoleModel frame) {
        this.frame = frame;
    }

    /**
     * A value of the wrong type: in the address's path it names nothing (404, like an unknown id); in a query or form
     * parameter it is a value the page cannot use (400, naming the field).
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String wrongType(MethodArgumentTypeMismatchException e, Principal principal, HttpServletRequest request, HttpServletResponse response,
                     Model model) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return notFound(principal, request, response, model);
        }
        model.addAttribute("field", e.getName());
        return page(HttpStatus.BAD_REQUEST, "problem.badRequest", principal, request, response, model);
    }

    @ExceptionHandler(NotFound.class)
    String notFound(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (request.getRequestURI().startsWith("/console/admin")) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("me", frame.me(principal, request));
            return "console/admin/notfound";
        }
        return page(HttpStatus.NOT_FOUND, "problem.notFound", principal, request, response, model);
    }

    @ExceptionHandler(QueueAccessDenied.class)
    String forbidden(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(HttpStatus.FORBIDDEN, "problem.forbidden", principal, request, response, model);
    }

    @ExceptionHandler(Conflict.class)
    String conflict(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(HttpStatus.CONFLICT, "problem.conflict", principal, request, response, model);
    }

    @ExceptionHandler(RefusedByRule.class)
    String refused(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(HttpStatus.UNPROCESSABLE_CONTENT, "problem.refused", principal, request, response, model);
    }

    @ExceptionHandler(InvalidInput.class)
    String badRequest(InvalidInput e, Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("field", e.field());
        if (e instanceof ConsoleRefusal refusal) {
            model.addAttribute("reason", refusal.key());
        }
        return page(HttpStatus.BAD_REQUEST, "problem.badRequest", principal, request, response, model);
    }

    /**
     * A value the database cannot hold (longer than an index allows, say) that no check caught
     * before: the user sees a refusal, never the SQL.
     */
    @ExceptionHandler(DataAccessException.class)
    String notStorable(DataAccessException e, Principal principal, HttpServletRequest request, HttpServletResponse response,
                       Model model) throws DataAccessException {
        if (!StorageLimits.exceededBy(e)) {
            throw e;
        }
        return page(HttpStatus.UNPROCESSABLE_CONTENT, "problem.tooLong", principal, request, response, model);
    }

    private String page(HttpStatus status, String key, Principal principal, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        response.setStatus(status.value());
        model.addAttribute("me", frame.me(principal, request));
        model.addAttribute("problem", key);
        return HtmxSignIn.isHtmx(request) ? "console/problem :: fragment" : "console/problem";
    }
}
