package io.temas.console;

import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.calls.Extensions;
import io.temas.calls.PbxUnavailable;
import io.temas.calls.Pbxes;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationAccess;
import io.temas.conversations.Conversations;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.routing.Agent;
import io.temas.shared.Conflict;
import io.temas.shared.IdentifierType;
import io.temas.shared.InvalidInput;
import io.temas.shared.RefusedByRule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's side of calls: the screen pop of a ringing call (the caller and their 360, as much
 * as the agent may see), the wrap-up she records after a call, click-to-call from a conversation
 * or a customer's page, and the phone panel those pages refresh when a call changes.
 */
@Controller
class CallsController {

    /** Stands for "no conversation of this page" when the 360 is filled for a call that has none yet. */
    private static final UUID NO_CONVERSATION = new UUID(0, 0);
    private static final Set<String> WRAP_UP_FIELDS = Set.of("outcome", "notes", "tags");

    /** The wrap-up form as submitted, shown again with the reason when it is refused. */
    record WrapForm(String outcome, String notes, String tags, boolean resolve) {

        static final WrapForm FRESH = new WrapForm("resolved", "", "", true);
    }

    private final CallCentre centre;
    private final CallCards cards;
    private final Extensions extensions;
    private final Pbxes pbxes;
    private final Customers customers;
    private final Conversations conversations;
    private final ConversationAccess access;
    private final CustomerSidebar sidebar;
    private final Viewers viewers;

    CallsController(CallCentre centre, CallCards cards, Extensions extensions, Pbxes pbxes, Customers customers,
                    Conversations conversations, ConversationAccess access, CustomerSidebar sidebar, Viewers viewers) {
        this.centre = centre;
        this.cards = cards;
        this.extensions = extensions;
        this.pbxes = pbxes;
        this.customers = customers;
        this.conversations = conversations;
        this.access = access;
        this.sidebar = sidebar;
        this.viewers = viewers;
    }

    /**
     * The screen pop of a call: the caller's number and name and their 360 essentials. An agent
     * restricted to her own queues sees the customer's conversations, timeline and the call's own
     * conversation only where she may.
     */
    @GetMapping("/console/calls/{id}/pop")
    String pop(@PathVariable UUID id, Principal principal, Model model) {
        pop(centre.get(id), viewers.of(principal), WrapForm.FRESH, model);
        return "console/calls :: pop";
    }

    /**
     * Records the agent's wrap-up of her call. From the pop panel (an htmx-style request) the
     * answer is the panel again; from a page it goes back to the conversation, or shows the form
     * again with the reason when refused.
     */
    @PostMapping("/console/calls/{id}/wrap-up")
    String wrapUp(@PathVariable UUID id, @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String notes,
                  @RequestParam(defaultValue = "") String tags, @RequestParam(required = false) String resolve, Principal principal,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash, Model model) {
        Call call = centre.get(id);
        Viewer viewer = viewers.of(principal);
        WrapForm form = new WrapForm(outcome, notes, tags, resolve != null && !resolve.isBlank() && !"false".equals(resolve));
        boolean panel = HtmxSignIn.isHtmx(request);
        String refusal = null;
        HttpStatus status = HttpStatus.OK;
        UUID me = viewer.agent().map(Agent::id).orElse(null);
        if (me == null || !me.equals(call.agentId())) {
            refusal = "calls.wrapUp.error.notYours";
            status = HttpStatus.FORBIDDEN;
        } else if (call.wrappedAt() != null) {
            refusal = "calls.wrapUp.error.done";
            status = HttpStatus.CONFLICT;
        } else if (call.answeredAt() == null) {
            refusal = "calls.wrapUp.error.notAnswered";
            status = HttpStatus.CONFLICT;
        } else if (!call.ended()) {
            refusal = "calls.wrapUp.error.live";
            status = HttpStatus.CONFLICT;
        } else {
            try {
                call = centre.wrapUp(id, me, outcome, notes, Arrays.asList(tags.split(",")), form.resolve());
            } catch (InvalidInput e) {
                refusal = "calls.wrapUp.error." + (e.field() != null && WRAP_UP_FIELDS.contains(e.field()) ? e.field() : "invalid");
                status = HttpStatus.BAD_REQUEST;
            } catch (Conflict e) {
                refusal = "calls.wrapUp.error.done";
                status = HttpStatus.CONFLICT;
            }
        }
        if (refusal == null && !panel) {
            flash.addFlashAttribute("notice", "calls.wrapUp.saved");
            return call.conversationId() == null ? "redirect:/console/inbox" : "redirect:/console/conversations/" + call.conversationId();
        }
        response.setStatus(status.value());
        model.addAttribute("wrapError", refusal);
        model.addAttribute("wrapSaved", refusal == null);
        pop(centre.get(id), viewer, refusal == null ? WrapForm.FRESH : form, model);
        return panel ? "console/calls :: pop" : "console/call-wrap-up";
    }

    /** Calls one of the customer's numbers from the conversation; the agent's own extension rings first. */
    @PostMapping("/console/conversations/{id}/call")
    String callFromConversation(@PathVariable UUID id, @RequestParam(defaultValue = "") String identity, Principal principal,
                                RedirectAttributes flash) {
        Conversation c = conversations.get(id);
        dial(viewers.of(principal), customers.current(new CustomerId(c.customerId())), identity, id, flash);
        return "redirect:/console/conversations/" + id;
    }

    /** Calls one of the customer's numbers from their page. */
    @PostMapping("/console/customers/{id}/call")
    String callFromCustomer(@PathVariable UUID id, @RequestParam(defaultValue = "") String identity, Principal principal,
                            RedirectAttributes flash) {
        Customer customer = customers.current(new CustomerId(id));
        dial(viewers.of(principal), customer, identity, null, flash);
        return "redirect:/console/customers/" + customer.id().value();
    }

    /** The phone panel of a conversation, refreshed when one of its calls changes. */
    @GetMapping("/console/conversations/{id}/calls")
    String conversationPanel(@PathVariable UUID id, Principal principal, Model model) {
        Conversation c = conversations.get(id);
        Customer customer = customers.current(new CustomerId(c.customerId()));
        cards.panel(customer, customers.identities(customer.id()), c, viewers.of(principal), model);
        return "console/calls :: panel";
    }

    /** The phone panel of a customer's page. */
    @GetMapping("/console/customers/{id}/calls")
    String customerPanel(@PathVariable UUID id, Principal principal, Model model) {
        Customer customer = customers.current(new CustomerId(id));
        cards.panel(customer, customers.identities(customer.id()), null, viewers.of(principal), model);
        return "console/calls :: panel";
    }

    private void dial(Viewer viewer, Customer customer, String identity, UUID conversationId, RedirectAttributes flash) {
        Optional<UUID> me = viewer.agent().map(Agent::id);
        if (me.isEmpty()) {
            flash.addFlashAttribute("error", "calls.dial.noAgent");
            return;
        }
        Optional<Identity> phone = customers.identities(customer.id()).stream()
                .filter(i -> i.type() == IdentifierType.PHONE && i.id().toString().equals(identity.strip())).findFirst();
        if (phone.isEmpty()) {
            flash.addFlashAttribute("error", "calls.dial.noNumber");
            return;
        }
        if (extensions.of(me.get()).isEmpty()) {
            flash.addFlashAttribute("error", "calls.dial.noExtension");
            return;
        }
        try {
            pbxes.active();
        } catch (PbxUnavailable e) {
            flash.addFlashAttribute("error", "calls.dial.noPbx");
            return;
        }
        try {
            centre.dial(me.get(), phone.get().value(), conversationId, null, null);
            flash.addFlashAttribute("notice", "calls.dial.placed");
        } catch (PbxUnavailable e) {
            flash.addFlashAttribute("error", "calls.dial.pbxFailed");
            RefusalDetails.flash(flash, e);
        } catch (InvalidInput e) {
            flash.addFlashAttribute("error", "calls.dial.badNumber");
        } catch (RefusedByRule e) {
            flash.addFlashAttribute("error", "calls.dial.refused");
            RefusalDetails.flash(flash, e);
        }
    }

    private void pop(Call call, Viewer viewer, WrapForm form, Model model) {
        UUID me = viewer.agent().map(Agent::id).orElse(null);
        CallCard card = cards.card(call);
        Optional<Customer> customer = caller(call);
        boolean mine = me != null && me.equals(call.agentId());
        model.addAttribute("call", card);
        model.addAttribute("known", customer.isPresent() && known(call, customer.get()));
        model.addAttribute("conversationVisible", call.conversationId() != null && access.permits(call.conversationId(), viewer.access()));
        model.addAttribute("mine", mine);
        model.addAttribute("wrapUp", mine && card.awaitingWrapUp());
        model.addAttribute("inWrapUp", me != null && centre.awaitingWrapUp(me).stream().anyMatch(Call::ended));
        model.addAttribute("done", !card.live() && !(mine && card.awaitingWrapUp()));
        model.addAttribute("wrapForm", form);
        model.addAttribute("outcomes", CallCentre.OUTCOMES);
        model.addAttribute("popCustomer", customer.orElse(null));
        if (customer.isPresent()) {
            sidebar.fill(customer.get(), customers.identities(customer.get().id()),
                    call.conversationId() == null ? NO_CONVERSATION : call.conversationId(), viewer, model);
        }
    }

    /** The caller as Temas knows them: the call's customer, or whoever has the number. */
    private Optional<Customer> caller(Call call) {
        if (call.customerId() != null) {
            return customers.find(new CustomerId(call.customerId())).map(c -> customers.current(c.id()));
        }
        if (call.caller() == null) {
            return Optional.empty();
        }
        try {
            return customers.findByIdentifier(call.caller());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Whether Temas knew the caller before this call: they have a name, or a conversation or call
     * other than this one. A profile the call itself created is an unknown number.
     */
    private boolean known(Call call, Customer customer) {
        if (customer.displayName() != null && !customer.displayName().isBlank()) {
            return true;
        }
        boolean otherConversation = conversations.page(new Conversations.Filter(customer.id().value(), null, null, null, null), null, 3)
                .items().stream().anyMatch(c -> !c.id().equals(call.conversationId()));
        return otherConversation || centre.ofCustomer(customer.id().value(), 3).stream().anyMatch(c -> !c.id().equals(call.id()));
    }
}
