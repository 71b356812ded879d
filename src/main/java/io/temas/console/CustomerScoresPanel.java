package io.temas.console;

import io.temas.customers.Customer;
import io.temas.scoring.CustomerScores;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The scores of the admin's score rules (value, risk, satisfaction, ...) after the contact details; refreshed live. */
@Component
class CustomerScoresPanel implements CustomerPanel {

    private final CustomerScores scores;

    CustomerScoresPanel(CustomerScores scores) {
        this.scores = scores;
    }

    @Override
    public Placement placement() {
        return new Placement(Slot.PROFILE, 10, "console/customer-scores", "scores");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("ruleScores", scores.scores(customer.id().value()));
    }
}
