package io.temas.console;

import io.temas.calls.CallCentre;
import io.temas.calls.PbxUnavailable;
import io.temas.campaigns.CallListEntryGone;
import io.temas.campaigns.CallLists;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.Campaigns;
import io.temas.campaigns.Consents;
import io.temas.campaigns.CustomerCampaigns;
import io.temas.conversations.ConversationAccess;
import io.temas.conversations.QueueAccess;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.customers.TimelineEntry;
import io.temas.routing.Agent;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Preview dialing for campaign call lists: the lists of running campaigns, and per list the next
 * callable contact with what the agent needs to know before calling (the customer's essentials,
 * consents, recent timeline, the campaign's offer), a call button and the outcomes. The contact is
 * held for the agent while on screen ({@link CallLists#preview}); a customer taken off the list
 * meanwhile vanishes from the screen at once ({@link DialerRemovals}, {@code assets/dialer.js}).
 */
@Controller
class DialerController {

    /** Outcomes the screen offers, in the order of its buttons (call back has its own form). */
    static final List<String> OUTCOMES = List.of("accepted", "interested", "declined", "no-answer", "wrong-number");

    /** A call list in the dialer's overview. */
    record ListRow(UUID id, String name, Campaign campaign, int pending) {
    }

    /** The latest consent per channel and purpose. */
    record ConsentRow(String channel, String purpose, boolean granted, Instant at) {
    }

    private final CallLists callLists;
    private final Campaigns campaigns;
    private final CustomerCampaigns running;
    private final Customers customers;
    private final CustomerTimeline timeline;
    private final Consents consents;
    private final ConversationAccess access;
    private final CallCentre calls;
    private final Viewers viewers;
    private final ViewerZone zone;

    DialerController(CallLists callLists, Campaigns campaigns, CustomerCampaigns running, Customers customers, CustomerTimeline timeline,
                     Consents consents, ConversationAccess access, CallCentre calls, Viewers viewers, ViewerZone zone) {
        this.zone = zone;
        this.callLists = callLists;
        this.campaigns = campaigns;
        this.running = running;
        this.customers = customers;
        this.timeline = timeline;
        this.consents = consents;
        this.access = access;
        this.calls = calls;
        this.viewers = viewers;
    }

    /**
     * The call lists of the campaigns running now. Call lists belong to campaigns, not queues, so
     * every agent sees all of them; queue permissions still hide other queues' conversations in the
     * contact's timeline.
     */
    @GetMapping("/console/dialer")
    String lists(Model model) {
        List<ListRow> rows = new ArrayList<>();
        for (Campaign campaign : running.runningNow()) {
            callLists.ofCampaign(campaign.id()).forEach(l -> rows.add(new ListRow(l.id(), l.name(), campaign, l.pending())));
        }
        model.addAttribute("lists", rows);
        return "console/dialer-lists";
    }

    @GetMapping("/console/dialer/{id}")
    String dialer(@PathVariable UUID id, Principal principal, Model model) {
        CallLists.View list = callLists.view(id);
        model.addAttribute("list", list);
        model.addAttribute("campaign", campaigns.get(list.campaignId()));
        model.addAttribute("outcomes", OUTCOMES);
        contact(id, principal, model);
        return "console/dialer";
    }

    /** The contact alone, for the page's refresh after a removal. */
    @GetMapping("/console/dialer/{id}/contact")
    String contactFragment(@PathVariable UUID id, Principal principal, Model model) {
        CallLists.View list = callLists.view(id);
        model.addAttribute("list", list);
        model.addAttribute("campaign", campaigns.get(list.campaignId()));
        model.addAttribute("outcomes", OUTCOMES);
        contact(id, principal, model);
        return "console/dialer :: contact";
    }

    @PostMapping("/console/dialer/{id}/entries/{entryId}/call")
    String call(@PathVariable UUID id, @PathVariable UUID entryId, Principal principal, RedirectAttributes flash) {
        Optional<Agent> agent = viewers.of(principal).agent();
        if (agent.isEmpty()) {
            flash.addFlashAttribute("dialerError", "dialer.refused.noAgent");
            return back(id);
        }
        CallLists.Hold hold = callLists.hold(id, entryId).orElseThrow(() -> new NotFound("no entry " + entryId + " on call list " + id));
        Optional<Instant> before;
        try {
            before = callLists.dialling(id, entryId, principal.getName());
        } catch (CallListEntryGone e) {
            return gone(id, e, flash);
        }
        try {
            calls.dial(agent.get().id(), hold.phone(), null, null, entryId);
            flash.addFlashAttribute("dialerNotice", "dialer.calling");
            flash.addFlashAttribute("dialerNoticeArg", hold.phone());
        } catch (PbxUnavailable e) {
            callLists.notDialled(id, entryId, principal.getName(), before);
            flash.addFlashAttribute("dialerError", "dialer.refused.pbx");
        } catch (InvalidInput e) {
            callLists.notDialled(id, entryId, principal.getName(), before);
            flash.addFlashAttribute("dialerError", "dialer.refused.number");
        } catch (RefusedByRule e) {
            // The call centre's other refusal before dialling: the agent has no extension to ring.
            callLists.notDialled(id, entryId, principal.getName(), before);
            flash.addFlashAttribute("dialerError", "dialer.refused.extension");
        }
        return back(id);
    }

    @PostMapping("/console/dialer/{id}/entries/{entryId}/outcome")
    String outcome(@PathVariable UUID id, @PathVariable UUID entryId, @RequestParam(defaultValue = "") String outcome,
                   @RequestParam(defaultValue = "") String callbackAt, Principal principal, RedirectAttributes flash) {
        CallLists.Outcome chosen;
        try {
            chosen = CallLists.Outcome.of(outcome);
        } catch (InvalidInput e) {
            flash.addFlashAttribute("dialerError", "dialer.error.outcome");
            return back(id);
        }
        if (chosen != CallLists.Outcome.CALLBACK && !OUTCOMES.contains(code(chosen))) {
            flash.addFlashAttribute("dialerError", "dialer.error.outcome");
            return back(id);
        }
        Instant at = null;
        if (chosen == CallLists.Outcome.CALLBACK) {
            at = callbackTime(callbackAt);
            if (at == null) {
                flash.addFlashAttribute("dialerError", "dialer.error.callbackAt");
                return back(id);
            }
        }
        try {
            callLists.outcome(id, entryId, principal.getName(), chosen, at);
        } catch (CallListEntryGone e) {
            return gone(id, e, flash);
        } catch (InvalidInput e) {
            flash.addFlashAttribute("dialerError", "dialer.error.callbackAt");
            return back(id);
        }
        flash.addFlashAttribute("dialerNotice", "dialer.recorded");
        flash.addFlashAttribute("dialerNoticeArg", "#dialer.outcome." + code(chosen));
        return back(id);
    }

    @PostMapping("/console/dialer/{id}/entries/{entryId}/skip")
    String skip(@PathVariable UUID id, @PathVariable UUID entryId, Principal principal, RedirectAttributes flash) {
        try {
            callLists.skip(id, entryId, principal.getName());
        } catch (CallListEntryGone e) {
            return gone(id, e, flash);
        }
        flash.addFlashAttribute("dialerNotice", "dialer.skipped");
        return back(id);
    }

    private static String code(CallLists.Outcome outcome) {
        return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private void contact(UUID listId, Principal principal, Model model) {
        model.addAttribute("zone", zone.current().getId());
        CallLists.Taken taken = callLists.preview(listId, principal.getName());
        Optional<CallLists.Callable> next = taken.callable();
        if (next.isEmpty()) {
            if (taken.removed() > 0) {
                model.addAttribute("removedNow", taken.removed());
            }
            return;
        }
        CallLists.Callable callable = next.get();
        Customer customer = customers.current(new CustomerId(callable.customerId()));
        QueueAccess seen = viewers.of(principal).access();
        model.addAttribute("entry", callLists.hold(listId, callable.entryId()).orElseThrow());
        model.addAttribute("customer", customer);
        model.addAttribute("timeline", visible(timeline.recent(customer.id(), 8), seen));
        model.addAttribute("consents", latestConsents(customer.id()));
    }

    private List<ConsentRow> latestConsents(CustomerId customer) {
        Map<String, ConsentRow> latest = new LinkedHashMap<>();
        for (Consents.Consent c : consents.of(customer)) {
            latest.putIfAbsent(c.channel().code() + "/" + c.purpose().code(),
                    new ConsentRow(c.channel().code(), c.purpose().code(), c.granted(), c.recordedAt()));
        }
        return List.copyOf(latest.values());
    }

    private List<TimelineEntry> visible(List<TimelineEntry> entries, QueueAccess seen) {
        if (seen.all()) {
            return entries;
        }
        Set<UUID> ids = entries.stream().map(TimelineEntry::conversationId).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<UUID> shown = access.visible(ids, seen);
        return entries.stream().filter(e -> e.conversationId() == null || shown.contains(e.conversationId())).toList();
    }

    /** A {@code datetime-local} value, read in the viewer's zone (the one their dates are shown in); null when unreadable. */
    private Instant callbackTime(String value) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone.current()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String gone(UUID listId, CallListEntryGone e, RedirectAttributes flash) {
        flash.addFlashAttribute("dialerNotice", "dialer.removed." + DialerRemovals.kind(e.entry().status(), e.entry().reason()));
        return back(listId);
    }

    private static String back(UUID listId) {
        return "redirect:/console/dialer/" + listId;
    }
}
