package io.temas.console;

import io.temas.customers.Customer;
import io.temas.privacy.Erasure;
import io.temas.privacy.Erasures;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** On the customer page, for admins only: export the person's data, erase the person, or see that they were erased. */
@Component
class PrivacyPanel implements CustomerPanel {

    private final Erasures erasures;

    PrivacyPanel(Erasures erasures) {
        this.erasures = erasures;
    }

    @Override
    public Placement placement() {
        return Placement.of(Slot.PAGE_SIDE, 900, "console/customer-privacy");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        boolean admin = viewer.user().role() == Role.ADMIN;
        model.addAttribute("privacyAdmin", admin);
        Erasure erased = admin ? erasures.of(customer.id()).orElse(null) : null;
        model.addAttribute("privacyErasure", erased);
        model.addAttribute("privacyReturning", admin && erased == null ? erasures.erasedBefore(customer.id()).orElse(null) : null);
    }
}
