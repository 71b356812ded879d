package io.temas.console;

import io.temas.channels.Channels;
import io.temas.customers.Customer;
import io.temas.customers.Gender;
import io.temas.customers.LifecycleStage;
import io.temas.customers.Profiles;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * On the customer page: the forms that edit the profile and move the lifecycle stage, and the link to the printable
 * one-page 360. Every user edits demographics and contact preferences and moves the stage; only supervisors and
 * admins see (and may send) VIP and segments.
 */
@Component
class ProfileEditPanel implements CustomerPanel {

    private final Profiles profiles;
    private final Channels channels;

    ProfileEditPanel(Profiles profiles, Channels channels) {
        this.profiles = profiles;
        this.channels = channels;
    }

    @Override
    public Placement placement() {
        return Placement.of(Slot.PAGE_SIDE, 10, "console/customer-profile-edit");
    }

    @Override
    public void fill(Customer customer, Viewer viewer, boolean page, Model model) {
        model.addAttribute("profileEdit", profiles.get(customer.id()));
        model.addAttribute("profileRanks", viewer.user().role() != Role.AGENT);
        model.addAttribute("profileChannels", channels.types().stream().map(ChannelType::code).sorted().toList());
        model.addAttribute("profileGenders", List.of(Gender.values()));
        model.addAttribute("profileLanguages", List.of(Language.values()));
        model.addAttribute("profileStages", List.of(LifecycleStage.values()));
    }
}
