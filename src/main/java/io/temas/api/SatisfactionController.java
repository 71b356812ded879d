package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.temas.feedback.SatisfactionReport;
import io.temas.shared.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Satisfaction figures: surveys after resolution and ratings of agents' replies, over a period of days. */
@RestController
class SatisfactionController {

    @Schema(description = "Satisfaction over a period: surveys after resolution and ratings of agents' e-mail replies. "
            + "Days are in the organisation's time zone, both ends included; an answer counts on the day it came.")
    record Satisfaction(
            @Schema(description = "First day, ISO date", example = "2026-12-01") LocalDate from,
            @Schema(description = "Last day, ISO date (included)", example = "2026-12-31") LocalDate to,
            @Schema(description = "The queue the figures are limited to; null for every queue") UUID queue,
            @Schema(description = "Surveys sent in the period") long sent,
            @Schema(description = "Surveys answered in the period") long responses,
            @Schema(description = "CSAT: share of answers scoring 4 or 5 (of 1–5), in percent with one decimal; null without answers",
                    example = "82.5", nullable = true) Double csat,
            @Schema(description = "Average satisfaction 1–5, two decimals; null without answers", example = "4.21", nullable = true)
            Double csatAverage,
            @Schema(description = "Answers that gave an effort score") long cesResponses,
            @Schema(description = "CES: average effort 1–7 (1 very easy, 7 very hard), two decimals; null without effort answers",
                    example = "2.4", nullable = true) Double ces,
            @Schema(description = "Agent replies rated in the period (the latest press of each counts)") long ratings,
            @Schema(description = "Of those, rated helpful") long helpful,
            @Schema(description = "Helpful share of rated replies, in percent with one decimal; null without ratings", example = "91.0",
                    nullable = true) Double helpfulShare) {

        static Satisfaction of(SatisfactionReport.Figures f) {
            return new Satisfaction(f.from(), f.to(), f.queue(), f.sent(), f.responses(), f.csat(), f.csatAverage(), f.cesResponses(),
                    f.ces(), f.ratings(), f.helpful(), f.helpfulShare());
        }
    }

    private final SatisfactionReport report;

    SatisfactionController(SatisfactionReport report) {
        this.report = report;
    }

    @Operation(summary = "Satisfaction figures over a period: CSAT, CES and the helpful share of agents' replies",
            description = "A bad date, a period ending before it starts or longer than 366 days, or a queue that is no UUID is a 400 problem detail.")
    @GetMapping("/api/v1/reports/satisfaction")
    Satisfaction satisfaction(@Parameter(description = "First day, ISO date (2026-12-01)", required = true) @RequestParam String from,
                              @Parameter(description = "Last day, ISO date, included", required = true) @RequestParam String to,
                              @Parameter(description = "Limit to one queue (its id)") @RequestParam(required = false) String queue) {
        return Satisfaction.of(report.figures(date("from", from), date("to", to), queue(queue)));
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " is an ISO date such as 2026-12-01");
        }
    }

    private static UUID queue(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("queue", "queue is a queue's id (a UUID)");
        }
    }
}
