package io.temas.api;

import io.temas.conversations.ConversationNotFound;
import io.temas.customers.CustomerNotFound;
import io.temas.customers.InvalidIdentifier;
import io.temas.customers.MergeConflict;
import io.temas.customers.MergeNotFound;
import io.temas.customers.MergeRefused;
import io.temas.channels.InboundRejected;
import io.temas.routing.RoutingItemConflict;
import io.temas.routing.RoutingItemNotFound;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import io.temas.campaigns.AudienceChanged;
import io.temas.campaigns.CampaignConflict;
import io.temas.campaigns.CampaignNotFound;
import io.temas.channels.sms.SmsWebhookRejected;
import io.temas.knowledge.ArticleNotFound;
import io.temas.knowledge.CategoryNotFound;
import io.temas.knowledge.KnowledgeConflict;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps the modules' exceptions to RFC 9457 problem details. */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler({CustomerNotFound.class, ConversationNotFound.class, MergeNotFound.class, RoutingItemNotFound.class,
            NotFound.class, io.temas.channels.email.MailboxNotFound.class, CampaignNotFound.class, ArticleNotFound.class,
            CategoryNotFound.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler({MergeConflict.class, RoutingItemConflict.class, io.temas.channels.email.MailboxConflict.class,
            CampaignConflict.class, KnowledgeConflict.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    @ExceptionHandler({MergeRefused.class, InvalidIdentifier.class, IllegalArgumentException.class})
    ProblemDetail ruleBroken(RuntimeException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid", e.getMessage());
    }

    @ExceptionHandler(AudienceChanged.class)
    ProblemDetail audienceChanged(AudienceChanged e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "audience-changed", e.getMessage());
    }

    @ExceptionHandler(SmsWebhookRejected.class)
    ProblemDetail webhookRejected(SmsWebhookRejected e) {
        if (e.throttled()) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-refusals",
                    e.getMessage() + "; too many refused requests from this client, this one was not kept");
        }
        ProblemDetail problem = e.signature()
                ? problem(HttpStatus.UNAUTHORIZED, "bad-signature", e.getMessage())
                : problem(HttpStatus.BAD_REQUEST, "malformed", e.getMessage());
        problem.setProperty("quarantineId", e.quarantineId());
        return problem;
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
        String detail = cause instanceof tools.jackson.core.JacksonException jackson ? jackson.getOriginalMessage() : cause.getMessage();
        return org.springframework.http.ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.BAD_REQUEST, "malformed", "The request body cannot be read: " + detail));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure in the API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side; it has been logged.");
    }

    static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:temas:problem:" + type));
        return problem;
    }
}
