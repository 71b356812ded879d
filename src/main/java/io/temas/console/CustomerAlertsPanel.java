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
    public Placement placement() {
        return new Placement(Slot.ALERTS, 10, "console/customer-scores", "alerts");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("ruleAlerts", scores.openAlerts(customer.id().value()));
    }
}
