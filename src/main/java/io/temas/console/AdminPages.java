package io.temas.console;

import io.temas.channels.email.MailboxNotFound;
import io.temas.routing.RoutingItemNotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** An admin page for something that does not exist (or an id that is not one) is a 404 page, not a stack trace. */
@ControllerAdvice(assignableTypes = {AdminConsoleController.class, AdminRoutingController.class, AdminTeamController.class,
        AdminHoursController.class, AdminMailboxController.class})
class AdminPages {

    /** Thrown by the admin screens for an id that names nothing. */
    static class NotFound extends RuntimeException {

        NotFound(String what) {
            super(what);
        }
    }

    private final ConsoleModel frame;

    AdminPages(ConsoleModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler({RoutingItemNotFound.class, MailboxNotFound.class, NotFound.class, MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Principal principal, HttpServletRequest request, Model model) {
        model.addAttribute("me", frame.me(principal, request));
        return "console/admin/notfound";
    }
}
