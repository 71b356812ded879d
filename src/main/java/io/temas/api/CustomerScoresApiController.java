package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.scoring.CustomerScores;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's scores and open alerts as last computed by the admin's rules. */
@RestController
class CustomerScoresApiController {

    private final Customers customers;
    private final CustomerScores scores;

    CustomerScoresApiController(Customers customers, CustomerScores scores) {
        this.customers = customers;
        this.scores = scores;
    }

    @Operation(summary = "A customer's scores and open alerts", description = "Answers {\"customerId\", \"scores\": [{\"code\", \"name\", "
            + "\"value\", \"computedAt\"}], \"alerts\": [{\"ruleId\", \"severity\", \"message\", \"raisedAt\"}]}, names and messages in "
            + "the language asked (tr, az, en; Turkish by default), the most severe alert first. 404 for an unknown customer, 400 for "
            + "another language.")
    @GetMapping("/api/v1/customers/{id}/scores")
    Map<String, Object> scores(@PathVariable UUID id, @RequestParam(name = "language", defaultValue = "tr") String asked) {
        String language = Language.parse(asked).map(Language::code)
                .orElseThrow(() -> new InvalidInput("language", "unsupported language (tr, az, en)"));
        Customer customer = customers.current(new CustomerId(id));
        UUID customerId = customer.id().value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        List<Map<String, Object>> values = scores.scores(customerId).stream().map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", s.code());
            row.put("name", s.name(language));
            row.put("value", s.value());
            row.put("computedAt", s.computedAt().toString());
            return row;
        }).toList();
        body.put("scores", values);
        body.put("alerts", scores.openAlerts(customerId).stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ruleId", a.ruleId());
            row.put("severity", a.severity());
            row.put("message", a.message(language));
            row.put("raisedAt", a.raisedAt().toString());
            return row;
        }).toList());
        return body;
    }
}
