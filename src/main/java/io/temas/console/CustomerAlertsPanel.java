package io.temas.console;

import io.temas.customers.Customer;
import io.temas.scoring.CustomerScores;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The open alerts of the admin's alert rules, at the top of the 360, most severe first; refreshed live when they change. */
@Component
class CustomerAlertsPanel implements CustomerPanel {

    private final CustomerScores scores;

    CustomerAlertsPanel(CustomerScores scores) {
        this.scores = scores;
    }

    @Override
    public Slot slot() {
        return Slot.ALERTS;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String template() {
        return "console/customer-scores";
    }

    @Override
    public String fragment() {
        return "alerts";
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("ruleAlerts", scores.openAlerts(customer.id().value()));
    }
}
