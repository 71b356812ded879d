package io.temas.console;

import io.temas.campaigns.CustomerCampaigns;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerNotFound;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.customers.IdentityTaken;
import io.temas.customers.InvalidIdentifier;
import io.temas.customers.MergeConflict;
import io.temas.customers.MergeRefused;
import io.temas.customers.Merges;
import io.temas.shared.Language;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customers page (list, filters, search) and the full customer page: whole timeline, identities, merge and undo. */
@Controller
class CustomerController {

    private final Customers customers;
    private final Merges merges;
    private final CustomerSidebar sidebar;
    private final CustomerCampaigns campaigns;
    private final Viewers viewers;
    private final CallCards calls;
    private final CustomerList list;

    private static final int PAGE_SIZE = 25;
    private static final int VIP_SHOWN = 8;
    private static final int SEARCH_LIMIT = 200;

    CustomerController(Customers customers, Merges merges, CustomerSidebar sidebar, CustomerCampaigns campaigns, Viewers viewers,
                       CallCards calls, CustomerList list) {
        this.list = list;
        this.viewers = viewers;
        this.calls = calls;
        this.customers = customers;
        this.merges = merges;
        this.sidebar = sidebar;
        this.campaigns = campaigns;
    }

    /**
     * The customers: everybody, the most recently in touch first, narrowed by the filters; a search (an identifier in any
     * spelling, or the start of a name) narrows it to the customers it finds. VIP customers have a short list of their own
     * while no filter is chosen.
     */
    @GetMapping("/console/customers")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "false") boolean vip,
                @RequestParam(defaultValue = "") String segment, @RequestParam(defaultValue = "") String channel,
                @RequestParam(defaultValue = "") String language, @RequestParam(defaultValue = "false") boolean open,
                @RequestParam(defaultValue = "0") int page, Model model) {
        String query = q.strip();
        List<UUID> found = query.isEmpty() ? null : customers.search(query, SEARCH_LIMIT).stream().map(c -> c.id().value()).toList();
        CustomerList.Filter filter = new CustomerList.Filter(vip, blankToNull(segment), blankToNull(channel),
                Language.parse(language).map(Language::code).orElse(null), open, found);
        model.addAttribute("q", query);
        // The search finds at most SEARCH_LIMIT people; when it found that many, there may be more it did not list.
        model.addAttribute("searchCapped", found != null && found.size() >= SEARCH_LIMIT ? SEARCH_LIMIT : null);
        model.addAttribute("filter", filter);
        model.addAttribute("page", list.page(filter, page, PAGE_SIZE));
        model.addAttribute("vips", found == null && !filter.any() && page == 0
                ? list.page(new CustomerList.Filter(true, null, null, null, false, null), 0, VIP_SHOWN).rows() : List.of());
        model.addAttribute("segments", list.segments());
        model.addAttribute("channels", list.channels());
        model.addAttribute("languages", Language.values());
        return "console/customers";
    }

    @GetMapping("/console/customers/{id}")
    String show(@PathVariable UUID id, Principal principal, Model model) {
        Customer customer = customers.get(new CustomerId(id));
        if (customer.isMerged()) {
            return "redirect:/console/customers/" + customer.mergedInto();
        }
        List<Identity> identities = customers.identities(customer.id());
        Viewer viewer = viewers.of(principal);
        sidebar.fillPage(customer, identities, viewer, model);
        calls.panel(customer, identities, null, viewer, model);
        model.addAttribute("merges", merges.of(customer.id()));
        model.addAttribute("editIdentities", true);
        return "console/customer";
    }

    /** The campaign block of the 360 alone, for its live refresh. */
    @GetMapping("/console/customers/{id}/offers")
    String offers(@PathVariable UUID id, Model model) {
        Customer customer = customers.current(new CustomerId(id));
        model.addAttribute("customer", customer);
        model.addAttribute("offers", campaigns.forCustomer(customer.id()));
        return "console/customer :: offers";
    }

    @PostMapping("/console/customers/{id}/identities")
    String addIdentity(@PathVariable UUID id, @RequestParam String identifier, RedirectAttributes flash) {
        try {
            customers.addIdentity(new CustomerId(id), identifier);
            flash.addFlashAttribute("notice", "notice.saved");
        } catch (InvalidIdentifier e) {
            flash.addFlashAttribute("error", "error.identifier");
        } catch (IdentityTaken e) {
            flash.addFlashAttribute("error", "error.identityTaken");
            flash.addFlashAttribute("otherCustomer", e.owner().value());
        }
        return "redirect:/console/customers/" + id;
    }

    @PostMapping("/console/customers/{id}/identities/{identityId}/delete")
    String removeIdentity(@PathVariable UUID id, @PathVariable UUID identityId, RedirectAttributes flash) {
        customers.removeIdentity(new CustomerId(id), identityId);
        flash.addFlashAttribute("notice", "notice.saved");
        return "redirect:/console/customers/" + id;
    }

    /** Merges another customer (named by an identifier or an id) into this one. */
    @PostMapping("/console/customers/{id}/merge")
    String merge(@PathVariable UUID id, @RequestParam String other, @RequestParam(defaultValue = "") String reason,
                 Principal principal, RedirectAttributes flash) {
        try {
            Customer absorbed = find(other.strip());
            merges.merge(new CustomerId(id), absorbed.id(), reason.isBlank() ? "merged in the console" : reason, principal.getName());
            flash.addFlashAttribute("notice", "notice.customersMerged");
        } catch (CustomerNotFound e) {
            flash.addFlashAttribute("error", "error.noSuchCustomer");
        } catch (MergeConflict | MergeRefused e) {
            flash.addFlashAttribute("error", "error.mergeRefused");
            flash.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/console/customers/" + id;
    }

    @PostMapping("/console/merges/{mergeId}/undo")
    String undo(@PathVariable UUID mergeId, @RequestParam UUID customer, Principal principal, RedirectAttributes flash) {
        try {
            merges.undo(mergeId, principal.getName());
            flash.addFlashAttribute("notice", "notice.mergeUndone");
        } catch (MergeConflict | MergeRefused e) {
            flash.addFlashAttribute("error", "error.mergeRefused");
            flash.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/console/customers/" + customer;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Customer find(String other) {
        try {
            return customers.get(new CustomerId(UUID.fromString(other)));
        } catch (IllegalArgumentException notAnId) {
            return customers.findByIdentifier(other).orElseThrow(() -> new CustomerNotFound(other));
        }
    }
}
