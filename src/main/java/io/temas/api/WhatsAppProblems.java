package io.temas.api;

import io.temas.channels.whatsapp.WhatsAppWebhookRejected;
import io.temas.channels.whatsapp.WhatsAppWindowClosed;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * WhatsApp's refusals as problem details, ahead of the general mapping: a refused webhook (401 bad
 * signature, 400 unreadable, 429 too many refusals) and a reply outside the customer-service
 * window (422, with the window's end and the templates that may be sent instead).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class WhatsAppProblems {

    @ExceptionHandler(WhatsAppWebhookRejected.class)
    ProblemDetail webhookRejected(WhatsAppWebhookRejected e) {
        if (e.throttled()) {
            return ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-refusals",
                    e.getMessage() + "; too many refused requests from this client, this one was not kept");
        }
        ProblemDetail problem = e.signature()
                ? ApiProblems.problem(HttpStatus.UNAUTHORIZED, "bad-signature", e.getMessage())
                : ApiProblems.problem(HttpStatus.BAD_REQUEST, "malformed", e.getMessage());
        problem.setProperty("quarantineId", e.quarantineId());
        return problem;
    }

    @ExceptionHandler(WhatsAppWindowClosed.class)
    ProblemDetail windowClosed(WhatsAppWindowClosed e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "whatsapp-window-closed", e.getMessage());
        problem.setProperty("closedAt", e.closedAt());
        problem.setProperty("templates", e.templates().stream().map(t -> Map.of("id", t.id(), "name", t.name(),
                "language", t.language(), "parameters", t.parameters(), "body", t.body())).toList());
        return problem;
    }
}
