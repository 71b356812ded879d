package io.temas.console;

import io.temas.customers.Customer;
import io.temas.customers.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** On the customer page, under the timeline: every move between lifecycle stages, who made it, when and why. */
@Component
class LifecyclePanel implements CustomerPanel {

    static final int SHOWN = 50;

    private final Profiles profiles;

    LifecyclePanel(Profiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Placement placement() {
        return Placement.of(Slot.PAGE, 100, "console/customer-lifecycle");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("lifecycleHistory", profiles.history(customer.id(), SHOWN));
    }
}
