package io.temas.console;

import io.temas.conversations.Inbox;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The inbox: views with counts, conversations sorted by SLA deadline, cursor paging, live refresh. */
@Controller
class InboxController {

    static final int PAGE_SIZE = 50;

    private final Inbox inbox;
    private final Viewers viewers;
    private final Queues queues;
    private final InboxLines lines;

    InboxController(Inbox inbox, Viewers viewers, Queues queues, InboxLines lines) {
        this.inbox = inbox;
        this.viewers = viewers;
        this.queues = queues;
        this.lines = lines;
    }

    @GetMapping("/console")
    String home() {
        return "redirect:/console/inbox";
    }

    @GetMapping("/console/inbox")
    String inbox(@RequestParam(defaultValue = "") String view, @RequestParam(required = false) UUID queue,
                 @RequestParam(required = false) String after, @RequestHeader(name = "HX-Request", required = false) String htmx,
                 Principal principal, Model model) {
        Viewer viewer = viewers.of(principal);
        Inbox.View chosen = view.isBlank() ? (viewer.agent().isPresent() ? Inbox.View.MINE : Inbox.View.UNASSIGNED) : Inbox.View.of(view);
        if (chosen == Inbox.View.ALL && !viewer.seesAllOpen()) {
            chosen = Inbox.View.MINE;
        }
        if (chosen == Inbox.View.QUEUE && queue == null && !viewer.queueIds().isEmpty()) {
            queue = viewer.queueIds().getFirst();
        }
        Inbox.Page page = inbox.page(chosen, viewer.inbox(), queue, after, PAGE_SIZE);
        Map<UUID, String> queueNames = queues.all().stream().collect(Collectors.toMap(Queue::id, Queue::name));
        model.addAttribute("view", chosen.code());
        model.addAttribute("queue", queue);
        model.addAttribute("after", after);
        model.addAttribute("lines", lines.of(page.rows(), queueNames));
        model.addAttribute("next", page.next());
        if (htmx != null) {
            return "console/inbox :: list";
        }
        views(viewer, queueNames, model);
        return "console/inbox";
    }

    /** The view counts alone, for the live refresh of the side list. */
    @GetMapping("/console/inbox/counts")
    String counts(@RequestParam(defaultValue = "mine") String view, @RequestParam(required = false) UUID queue,
                  Principal principal, Model model) {
        model.addAttribute("view", view);
        model.addAttribute("queue", queue);
        views(viewers.of(principal), queues.all().stream().collect(Collectors.toMap(Queue::id, Queue::name)), model);
        return "console/inbox :: views";
    }

    record QueueLink(UUID id, String name, int count) {
    }

    /** The side list: the views with their counts and the viewer's queues with theirs. */
    private void views(Viewer viewer, Map<UUID, String> queueNames, Model model) {
        model.addAttribute("counts", inbox.counts(viewer.inbox()).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().code(), Map.Entry::getValue)));
        model.addAttribute("myQueues", viewer.queueIds().stream().filter(queueNames::containsKey)
                .map(id -> new QueueLink(id, queueNames.get(id), inbox.queueCount(id))).toList());
        model.addAttribute("hasAgent", viewer.agent().isPresent());
        model.addAttribute("seesAllOpen", viewer.seesAllOpen());
    }

}
