package io.temas.console;

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
 * The agents' pages answer an id that names nothing with a 404 page and a request they cannot
 * carry out with a 400 page, in the user's language, instead of a stack trace.
 */
@ControllerAdvice(assignableTypes = {InboxController.class, ConversationController.class, CustomerController.class,
        SupervisorController.class, AvailabilityController.class, CampaignBoardController.class})
class ConsolePages {

    private final ConsoleModel frame;

    ConsolePages(ConsoleModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler({ConversationNotFound.class, CustomerNotFound.class, RoutingItemNotFound.class,
            MethodArgumentTypeMismatchException.class})
    String notFound(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(HttpStatus.NOT_FOUND, "problem.notFound", principal, request, response, model);
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
