package io.temas.console;

import io.temas.customers.Customer;
import io.temas.customers.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The person's lifecycle stage, demographics and preferred channel, in the 360 after the contact details. */
@Component
class ProfilePanel implements CustomerPanel {

    private final Profiles profiles;

    ProfilePanel(Profiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Placement placement() {
        return Placement.of(Slot.PROFILE, 100, "console/customer-profile");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("profileFacts", profiles.get(customer.id()));
    }
}
