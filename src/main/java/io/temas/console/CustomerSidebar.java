package io.temas.console;

import io.temas.campaigns.CustomerCampaigns;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationAccess;
import io.temas.conversations.Conversations;
import io.temas.conversations.QueueAccess;
import io.temas.customers.Customer;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Identity;
import io.temas.customers.TimelineEntry;
import io.temas.shared.IdentifierType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The customer 360 beside a conversation (and at the top of the customer page): identities,
 * contact details, segments, scores, alerts, campaign offers with their contacts and responses,
 * other conversations and the recent timeline.
 */
@Component
class CustomerSidebar {

    /** Figures that say at a glance how much this customer talks to us and how it went. */
    record Scores(int conversations, int lastNinetyDays, int open, int breached) {
    }

    /** Other conversations listed, newest activity first. */
    private static final int OTHERS = 8;
    /** Live conversations listed at most (the call panel and the printout list them; the count above has them all). */
    private static final int LIVE = 50;

    private final Conversations conversations;
    private final CustomerTimeline timeline;
    private final CustomerCampaigns campaigns;
    private final ConversationAccess access;
    private final Clock clock;
    private final Map<CustomerPanel.Slot, List<CustomerPanel>> panels;

    CustomerSidebar(Conversations conversations, CustomerTimeline timeline, CustomerCampaigns campaigns, ConversationAccess access,
                    Clock clock, List<CustomerPanel> panels) {
        this.panels = new EnumMap<>(CustomerPanel.Slot.class);
        for (CustomerPanel.Slot slot : CustomerPanel.Slot.values()) {
            this.panels.put(slot, panels.stream().filter(p -> p.placement().slot() == slot)
                    .sorted(Comparator.comparingInt(p -> p.placement().order())).toList());
        }
        this.conversations = conversations;
        this.access = access;
        this.timeline = timeline;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /**
     * Fills the 360 for someone with {@code seen} access: the customer's conversations in queues
     * they may not see, and the timeline entries of those, are left out (the figures too).
     */
    void fill(Customer customer, List<Identity> identities, UUID currentConversation, Viewer viewer, Model model) {
        fill(customer, identities, currentConversation, viewer, false, model);
    }

    /** Fills the 360 of the customer page: the same as beside a conversation, and the panels only that page shows. */
    void fillPage(Customer customer, List<Identity> identities, Viewer viewer, Model model) {
        fill(customer, identities, null, viewer, true, model);
    }

    private void fill(Customer customer, List<Identity> identities, UUID currentConversation, Viewer viewer, boolean page, Model model) {
        QueueAccess seen = viewer.access();
        UUID id = customer.id().value();
        // Counted over every conversation, not the page shown: a customer of many years has more than fit on it.
        Conversations.Tally tally = conversations.tally(id, seen, clock.instant().minus(Duration.ofDays(90)));
        Scores scores = new Scores(tally.conversations(), tally.since(), tally.live(), tally.breached());
        List<Conversation> recent = conversations.page(new Conversations.Filter(id, null, null, null, null), seen, null, OTHERS + 1).items();
        List<Conversation> live = conversations.live(id, seen, LIVE);
        List<String> alerts = new ArrayList<>();
        if (customer.vip()) {
            alerts.add("alert.vip");
        }
        if (identities.stream().anyMatch(i -> i.undeliverableAt() != null)) {
            alerts.add("alert.undeliverable");
        }
        if (scores.breached() > 0) {
            alerts.add("alert.breached");
        }
        if (scores.open() > 1) {
            alerts.add("alert.severalOpen");
        }
        model.addAttribute("customer", customer);
        model.addAttribute("identities", identities);
        model.addAttribute("emails", identities.stream().filter(i -> i.type() == IdentifierType.EMAIL).toList());
        model.addAttribute("phones", identities.stream().filter(i -> i.type() == IdentifierType.PHONE).toList());
        model.addAttribute("scores", scores);
        model.addAttribute("alerts", alerts);
        model.addAttribute("otherConversations", recent.stream().filter(c -> !c.id().equals(currentConversation)).limit(OTHERS).toList());
        model.addAttribute("openConversations", live.stream().filter(c -> !c.id().equals(currentConversation)).toList());
        model.addAttribute("timeline", visible(timeline.recent(customer.id(), currentConversation == null ? 200 : 10), seen));
        model.addAttribute("offers", campaigns.forCustomer(customer.id()));
        panels(customer, viewer, page, model);
    }

    /** Lets every {@link CustomerPanel} shown here fill its part and puts their placements, by slot, under {@code panels}. */
    private void panels(Customer customer, Viewer viewer, boolean page, Model model) {
        Map<String, List<CustomerPanel.Placement>> shown = new HashMap<>();
        panels.forEach((slot, list) -> {
            boolean pageOnly = slot == CustomerPanel.Slot.PAGE || slot == CustomerPanel.Slot.PAGE_SIDE;
            List<CustomerPanel> drawn = pageOnly && !page ? List.of() : list;
            drawn.forEach(p -> p.fill(customer, viewer, page, model));
            shown.put(slot.name(), drawn.stream().map(CustomerPanel::placement).toList());
        });
        model.addAttribute("panels", shown);
    }

    /** Timeline entries without those of conversations in queues the viewer may not see. */
    private List<TimelineEntry> visible(List<TimelineEntry> entries, QueueAccess seen) {
        if (seen.all()) {
            return entries;
        }
        Set<UUID> ids = entries.stream().map(TimelineEntry::conversationId).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<UUID> visible = access.visible(ids, seen);
        return entries.stream().filter(e -> e.conversationId() == null || visible.contains(e.conversationId())).toList();
    }
}
