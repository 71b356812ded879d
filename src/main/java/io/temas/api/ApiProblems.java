package io.temas.api;

import io.temas.channels.InboundRejected;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import io.temas.campaigns.AudienceChanged;
import io.temas.channels.WebhookRejected;
import io.temas.platform.StorageLimits;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps refusals to RFC 9457 problem details, once for the whole API: not found 404, conflict 409,
 * refused by a rule 422, invalid input 400 (with the field as the {@code field} property). Any
 * other exception is a bug: 500 with a generic detail, and logged.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

    private final io.temas.channels.RefusedWebhooks refusedWebhooks;

    ApiProblems(io.temas.channels.RefusedWebhooks refusedWebhooks) {
        this.refusedWebhooks = refusedWebhooks;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    /** A reply on a channel that cannot reach the customer: 409 with the ways that can, for the client to pick one. */
    @ExceptionHandler(io.temas.routing.CustomerUnreachable.class)
    ProblemDetail unreachable(io.temas.routing.CustomerUnreachable e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "unreachable", e.getMessage());
        problem.setProperty("channel", e.channel().code());
        problem.setProperty("alternatives", e.alternatives().stream().map(o -> java.util.Map.of("channel", o.channel().code(),
                "from", o.senders(), "to", o.recipients())).toList());
        return problem;
    }

    @ExceptionHandler(RefusedByRule.class)
    ProblemDetail refused(RefusedByRule e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "refused", e.getMessage());
    }

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e) {
        return invalid(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }

    /** A form body the servlet container cannot decode (bad percent-escapes, bytes that are not UTF-8). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail undecodable(IllegalStateException e) {
        return invalid(HttpStatus.BAD_REQUEST, null, "The request's parameters are not valid URL-encoded UTF-8.");
    }

    /** What no check caught before the database: refused as the sender's mistake, without the SQL; anything else is a bug. */
    @ExceptionHandler(DataAccessException.class)
    Object database(DataAccessException e) {
        if (e instanceof org.springframework.dao.TransientDataAccessException || e instanceof org.springframework.dao.DataAccessResourceFailureException) {
            return busy(e);
        }
        if (!StorageLimits.exceededBy(e)) {
            return unexpected(e);
        }
        log.warn("A value reached the database that it cannot hold: {}", e.getMostSpecificCause().getMessage());
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "not-storable",
                "A value is too long or contains characters that cannot be stored.");
    }

    /**
     * The database is out of connections or briefly unreachable (a flood of webhooks, say): 503 with
     * Retry-After, so providers and clients send again, and one log line rather than a stack trace per request.
     */
    @ExceptionHandler(org.springframework.transaction.CannotCreateTransactionException.class)
    org.springframework.http.ResponseEntity<ProblemDetail> busy(RuntimeException e) {
        log.warn("Busy: {}", e.getMessage());
        return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Temas is busy; try again in a few seconds."));
    }

    @ExceptionHandler(AudienceChanged.class)
    ProblemDetail audienceChanged(AudienceChanged e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "audience-changed", e.getMessage());
    }

    /** Every channel's refused webhook: 401 bad signature, 429 too many refusals (nothing kept), 400 unreadable. */
    @ExceptionHandler(WebhookRejected.class)
    org.springframework.http.ResponseEntity<ProblemDetail> webhookRejected(WebhookRejected e) {
        if (e.throttled()) {
            long seconds = Math.max(1, refusedWebhooks.retryAfter().toSeconds());
            return org.springframework.http.ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-refusals",
                            e.getMessage() + "; too many refused requests from this client, this one was not kept"));
        }
        ProblemDetail problem = e.signature()
                ? problem(HttpStatus.UNAUTHORIZED, "bad-signature", e.getMessage())
                : problem(HttpStatus.BAD_REQUEST, "malformed", e.getMessage());
        problem.setProperty("quarantineId", e.quarantineId());
        return org.springframework.http.ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(MalformedRequest.class)
    ProblemDetail malformed(MalformedRequest e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed", e.getMessage());
        if (e.quarantineId() != null) {
            problem.setProperty("quarantineId", e.quarantineId());
        }
        return problem;
    }

    @ExceptionHandler(InboundRejected.class)
    ProblemDetail rejected(InboundRejected e) {
        ProblemDetail problem = e.badInput()
                ? problem(HttpStatus.UNPROCESSABLE_CONTENT, "inbound-rejected", e.getMessage())
                : problem(HttpStatus.INTERNAL_SERVER_ERROR, "inbound-failed",
                "The message could not be processed and was kept in the quarantine: " + e.getMessage());
        problem.setProperty("quarantineId", e.quarantineId());
        return problem;
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof tools.jackson.core.JacksonException jackson ? readable(jackson) : cause.getMessage();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed", "The request body cannot be read: " + detail);
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException jackson && field(jackson) != null) {
                problem.setProperty("field", field(jackson));
                break;
            }
        }
        return org.springframework.http.ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A parameter of the wrong type ({@code ?limit=many}, a path id that is no UUID): 400 naming it. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleTypeMismatch(
            org.springframework.beans.TypeMismatchException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        String field = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName() : e.getPropertyName();
        return org.springframework.http.ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(invalid(HttpStatus.BAD_REQUEST, field, (field == null ? "a parameter" : field) + " has a value of the wrong type"));
    }

    /** A required query parameter left out: 400 naming it. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        return org.springframework.http.ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(invalid(HttpStatus.BAD_REQUEST, e.getParameterName(), e.getParameterName() + " is required"));
    }

    /**
     * What was wrong with a JSON body, in the sender's terms: a value of the wrong type names its
     * field instead of our Java types; a syntax error says where it is.
     */
    static String readable(tools.jackson.core.JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException) {
            String field = field(e);
            return (field == null ? "the body" : field) + " has a value of the wrong type or shape";
        }
        return e.getOriginalMessage();
    }

    /** The JSON path of the value Jackson could not read, as {@code from.email} or {@code queues}; null for the body itself. */
    private static String field(tools.jackson.core.JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        java.util.Optional<io.temas.platform.RequestBodyTooLarge> tooLarge = io.temas.platform.RequestBodyTooLarge.among(e);
        if (tooLarge.isPresent()) {
            // A chunked body that passed its limit while the handler read it: the sender's mistake, as at the door.
            return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", io.temas.platform.RequestBodyTooLarge.detail(tooLarge.get().limit()));
        }
        log.error("Unexpected failure in the API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side; it has been logged.");
    }

    /** A problem about one value; {@code field} names it as the sender wrote it, when known. */
    static ProblemDetail invalid(HttpStatus status, String field, String detail) {
        ProblemDetail problem = problem(status, "invalid", detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:temas:problem:" + type));
        return problem;
    }
}
