package io.temas.console;

import io.temas.customers.Customer;
import io.temas.events.CustomerEvents;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * "Recent activity from other systems" on the customer 360: the latest events the bank's other systems sent (a branch
 * visit, an ATM refusal, a sign-in), each with its type in the reader's language, where it happened, the amount and
 * what came of it, and when, in the reader's zone.
 */
@Component
class CustomerEventsPanel implements CustomerPanel {

    static final int SHOWN = 8;

    private final CustomerEvents events;

    CustomerEventsPanel(CustomerEvents events) {
        this.events = events;
    }

    @Override
    public Placement placement() {
        return Placement.of(Slot.PROFILE, 200, "console/customer-events");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("customerEvents", events.recent(customer.id(), SHOWN));
    }
}
