package io.temas.console;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationSearch;
import io.temas.customers.Customers;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finding any conversation from the top bar: by reference ({@code T-1042}, {@code #T-1042},
 * {@code [#T-1042]}), subject words, or the customer's name, e-mail or phone, within the queues
 * the user may see.
 */
@Controller
class SearchController {

    static final int PAGE_SIZE = 25;
    /** Customers a query may name; their conversations are read newest first. */
    static final int CUSTOMERS = 20;

    /** One result with the names the list shows. */
    record Line(Conversation conversation, String customer, String queue) {
    }

    private final ConversationSearch search;
    private final Customers customers;
    private final Queues queues;
    private final Viewers viewers;

    SearchController(ConversationSearch search, Customers customers, Queues queues, Viewers viewers) {
        this.search = search;
        this.customers = customers;
        this.queues = queues;
        this.viewers = viewers;
    }

    @GetMapping("/console/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String after, Principal principal,
                  Model model) {
        String query = ConversationSearch.clean(q);
        model.addAttribute("q", query);
        model.addAttribute("after", after);
        if (query.isEmpty()) {
            model.addAttribute("lines", List.of());
            model.addAttribute("next", null);
            return "console/search";
        }
        List<UUID> named = customers.search(query, CUSTOMERS).stream().map(c -> c.id().value()).toList();
        ConversationSearch.Results results = search.find(new ConversationSearch.Query(query, named), viewers.of(principal).access(),
                after, PAGE_SIZE);
        Map<UUID, String> names = customers.names(results.items().stream().map(Conversation::customerId).collect(Collectors.toSet()));
        Map<UUID, String> queueNames = queues.all().stream().collect(Collectors.toMap(Queue::id, Queue::name));
        model.addAttribute("lines", results.items().stream()
                .map(c -> new Line(c, names.get(c.customerId()), c.queueId() == null ? null : queueNames.get(c.queueId()))).toList());
        model.addAttribute("next", results.next());
        return "console/search";
    }
}
