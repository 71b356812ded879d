package io.temas.api;

import io.temas.channels.whatsapp.WhatsAppWindowClosed;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * WhatsApp's reply outside the customer-service window as a problem detail, ahead of the general
 * mapping (422, with the window's end and the templates that may be sent instead); refused webhooks
 * are mapped for every channel alike in {@link ApiProblems}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class WhatsAppProblems {

    @ExceptionHandler(WhatsAppWindowClosed.class)
    ProblemDetail windowClosed(WhatsAppWindowClosed e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "whatsapp-window-closed", e.getMessage());
        problem.setProperty("closedAt", e.closedAt());
        problem.setProperty("templates", e.templates().stream().map(t -> Map.of("id", t.id(), "name", t.name(),
                "language", t.language(), "parameters", t.parameters(), "body", t.body())).toList());
        return problem;
    }
}
