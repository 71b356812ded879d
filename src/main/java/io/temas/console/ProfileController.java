package io.temas.console;

import io.temas.channels.Channels;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerSummaries;
import io.temas.customers.Customers;
import io.temas.customers.LifecycleStage;
import io.temas.customers.MergeConflict;
import io.temas.customers.ProfileChange;
import io.temas.customers.Profiles;
import io.temas.scoring.CustomerScores;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Edits a customer's profile and lifecycle stage from the customer page, and draws the printable one-page 360. Agents
 * edit demographics and contact preferences and move the stage (with a reason); VIP and segments rank the person and
 * are changed by supervisors and admins only: a form carrying them from an agent is refused whole.
 */
@Controller
class ProfileController {

    /** How many recent timeline entries the printout lists. */
    static final int PRINTED_CONTACTS = 10;

    private final Profiles profiles;
    private final CustomerSummaries summaries;
    private final Customers customers;
    private final CustomerSidebar sidebar;
    private final Channels channels;
    private final Viewers viewers;
    private final Clock clock;
    private final CustomerScores scores;

    ProfileController(Profiles profiles, CustomerSummaries summaries, Customers customers, CustomerSidebar sidebar, Channels channels,
                      Viewers viewers, Clock clock, CustomerScores scores) {
        this.scores = scores;
        this.profiles = profiles;
        this.summaries = summaries;
        this.customers = customers;
        this.sidebar = sidebar;
        this.channels = channels;
        this.viewers = viewers;
        this.clock = clock;
    }

    @PostMapping("/console/customers/{id}/profile")
    String update(@PathVariable UUID id, @RequestParam Map<String, String> form, Principal principal, RedirectAttributes flash) {
        Viewer viewer = viewers.of(principal);
        Map<ProfileChange.Field, Object> values = new HashMap<>();
        for (ProfileChange.Field field : ProfileChange.Field.values()) {
            if (field == ProfileChange.Field.VIP) {
                continue;
            }
            if (form.containsKey(field.wire())) {
                values.put(field, form.get(field.wire()));
            }
        }
        // A check box says nothing when unticked: the supervisors' form marks that it carries the ranking fields.
        if (form.containsKey("ranking")) {
            values.put(ProfileChange.Field.VIP, form.containsKey("vip"));
            values.putIfAbsent(ProfileChange.Field.SEGMENTS, "");
        }
        ProfileChange change = new ProfileChange(values);
        if (change.touchesRanking() && viewer.user().role() == Role.AGENT) {
            flash.addFlashAttribute("error", "profile.error.ranking");
            return back(id);
        }
        try {
            if (values.get(ProfileChange.Field.PREFERRED_CHANNEL) instanceof String code && !code.isBlank()
                    && !channels.knows(channel(code))) {
                throw new InvalidInput("preferredChannel", "unknown channel");
            }
            profiles.update(new CustomerId(id), change, principal.getName());
            flash.addFlashAttribute("notice", "notice.saved");
        } catch (InvalidInput e) {
            flash.addFlashAttribute("error", errorKey(e));
        } catch (MergeConflict e) {
            flash.addFlashAttribute("error", "profile.error.merged");
        }
        return back(id);
    }

    @PostMapping("/console/customers/{id}/stage")
    String stage(@PathVariable UUID id, @RequestParam(defaultValue = "") String stage, @RequestParam(defaultValue = "") String reason,
                 Principal principal, RedirectAttributes flash) {
        try {
            if (reason.isBlank()) {
                throw new InvalidInput("reason", "reason is required");
            }
            boolean moved = profiles.changeStage(new CustomerId(id), LifecycleStage.of("stage", stage), reason, principal.getName()) != null;
            flash.addFlashAttribute("notice", moved ? "profile.notice.stage" : "profile.notice.sameStage");
        } catch (InvalidInput e) {
            flash.addFlashAttribute("error", errorKey(e));
        } catch (MergeConflict e) {
            flash.addFlashAttribute("error", "profile.error.merged");
        }
        return back(id);
    }

    /** The one-page 360 for the sales team: no navigation, laid out for A4; a merged customer's page is the survivor's. */
    @GetMapping("/console/customers/{id}/print")
    String print(@PathVariable UUID id, Principal principal, Model model) {
        Customer customer = customers.current(new CustomerId(id));
        if (!customer.id().value().equals(id)) {
            return "redirect:/console/customers/" + customer.id().value() + "/print";
        }
        Viewer viewer = viewers.of(principal);
        // Any id but null: the sidebar then lists the ten latest timeline entries, as beside a conversation.
        sidebar.fill(customer, customers.identities(customer.id()), new UUID(0, 0), viewer, model);
        model.addAttribute("summary", summaries.of(customer.id()).orElseThrow());
        model.addAttribute("ruleScores", scores.scores(customer.id().value()));
        model.addAttribute("contacts", ((List<?>) model.getAttribute("timeline")).stream().limit(PRINTED_CONTACTS).toList());
        model.addAttribute("printedAt", clock.instant());
        model.addAttribute("printedBy", viewer.name());
        return "console/customer-print";
    }

    private static ChannelType channel(String code) {
        try {
            return ChannelType.of(code);
        } catch (InvalidInput e) {
            throw new InvalidInput("preferredChannel", "unknown channel");
        }
    }

    /** The message key explaining a refused value: one per field. */
    private static String errorKey(InvalidInput e) {
        String field = e.field();
        return field != null && Arrays.stream(ProfileChange.Field.values()).anyMatch(f -> f.wire().equals(field))
                || "stage".equals(field) || "reason".equals(field) ? "profile.error." + field : "profile.error.invalid";
    }

    private static String back(UUID id) {
        return "redirect:/console/customers/" + id;
    }
}
