package io.temas.chat;

import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import io.temas.routing.CustomerUnreachable;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The chat API's refusals as problem details ({@code urn:temas:problem:<type>}); never a 500 for bad input. */
@RestControllerAdvice(assignableTypes = ChatController.class)
class ChatProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ChatRefused.class)
    ResponseEntity<ProblemDetail> refused(ChatRefused e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return answer.body(problem(e.status(), e.type(), e.getMessage(), request));
    }

    /** The database is out of connections or briefly unreachable: try again shortly, rather than a 500. */
    @ExceptionHandler({org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.TransientDataAccessException.class, org.springframework.dao.DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> busy(RuntimeException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Temas is busy; try again in a few seconds.", request));
    }

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", e.getMessage(), request);
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), request);
    }

    @ExceptionHandler(CustomerUnreachable.class)
    ProblemDetail unreachable(CustomerUnreachable e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "unreachable", e.getMessage(), request);
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "conflict", e.getMessage(), request);
    }

    @ExceptionHandler(RefusedByRule.class)
    ProblemDetail rule(RefusedByRule e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "refused", e.getMessage(), request);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:temas:problem:" + type));
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
