package io.temas.api;

import io.temas.campaigns.AudienceChanged;
import io.temas.campaigns.CampaignConflict;
import io.temas.campaigns.CampaignNotFound;
import io.temas.channels.sms.SmsWebhookRejected;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for campaign and SMS webhook exceptions (asked before the general {@link ApiProblems}). */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = CampaignProblems.class)
class CampaignProblems {

    @ExceptionHandler(CampaignNotFound.class)
    ProblemDetail notFound(CampaignNotFound e) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(CampaignConflict.class)
    ProblemDetail conflict(CampaignConflict e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    @ExceptionHandler(AudienceChanged.class)
    ProblemDetail audienceChanged(AudienceChanged e) {
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "audience-changed", e.getMessage());
    }

    @ExceptionHandler(SmsWebhookRejected.class)
    ProblemDetail webhookRejected(SmsWebhookRejected e) {
        ProblemDetail problem = e.signature()
                ? ApiProblems.problem(HttpStatus.UNAUTHORIZED, "bad-signature", e.getMessage())
                : ApiProblems.problem(HttpStatus.BAD_REQUEST, "malformed", e.getMessage());
        problem.setProperty("quarantineId", e.quarantineId());
        return problem;
    }
}
