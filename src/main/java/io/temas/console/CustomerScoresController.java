package io.temas.console;

import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.scoring.CustomerScores;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The 360's alert and score blocks alone, for their live refresh when the customer's scores or alerts change. */
@Controller
class CustomerScoresController {

    private final Customers customers;
    private final CustomerScores scores;

    CustomerScoresController(Customers customers, CustomerScores scores) {
        this.customers = customers;
        this.scores = scores;
    }

    @GetMapping("/console/customers/{id}/rule-alerts")
    String alerts(@PathVariable UUID id, Model model) {
        Customer customer = customers.current(new CustomerId(id));
        model.addAttribute("customer", customer);
        model.addAttribute("ruleAlerts", scores.openAlerts(customer.id().value()));
        return "console/customer-scores :: alerts";
    }

    @GetMapping("/console/customers/{id}/rule-scores")
    String scores(@PathVariable UUID id, Model model) {
        Customer customer = customers.current(new CustomerId(id));
        model.addAttribute("customer", customer);
        model.addAttribute("ruleScores", scores.scores(customer.id().value()));
        return "console/customer-scores :: scores";
    }
}
