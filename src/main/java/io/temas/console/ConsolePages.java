package io.temas.console;

import io.temas.channels.email.MailboxNotFound;
import io.temas.conversations.ConversationNotFound;
import io.temas.customers.CustomerNotFound;
import io.temas.routing.RoutingItemNotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every console page answers an id that names nothing with a 404 page and a request it cannot
 * carry out with a 400 page, in the user's language, instead of a stack trace; settings pages keep
 * their menu.
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
class ConsolePages {

    /** Thrown by the settings screens for an id that names nothing. */
    static class NotFound extends RuntimeException {

        NotFound(String what) {
            super(what);
        }
    }

    private final ConsoleModel frame;

    ConsolePages(ConsoleModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler({ConversationNotFound.class, CustomerNotFound.class, RoutingItemNotFound.class, MailboxNotFound.class,
            NotFound.class, MethodArgumentTypeMismatchException.class})
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

    @ExceptionHandler(IllegalArgumentException.class)
    String badRequest(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(HttpStatus.BAD_REQUEST, "problem.badRequest", principal, request, response, model);
    }

    private String page(HttpStatus status, String key, Principal principal, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        response.setStatus(status.value());
        model.addAttribute("me", frame.me(principal, request));
        model.addAttribute("problem", key);
        return "console/problem";
    }
}
