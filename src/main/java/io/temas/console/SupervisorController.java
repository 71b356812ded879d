package io.temas.console;

import io.temas.conversations.Inbox;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Handover;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor board: per queue the waiting count, oldest wait, agents online and capacity used,
 * and SLA at risk; the live work of one queue with bulk reassignment; agents' availability.
 */
@Controller
class SupervisorController {

    /** One queue's card on the board. */
    record QueueCard(Queue queue, Inbox.QueueLoad load, int agentsOnline, int capacity, int used) {

        public int usedPercent() {
            return capacity == 0 ? 0 : Math.min(100, used * 100 / capacity);
        }
    }

    /** One agent's line on the board. */
    record AgentLine(Agent agent, int live, int capacity) {
    }

    private final Inbox inbox;
    private final Queues queues;
    private final Agents agents;
    private final Handover handover;
    private final InboxLines lines;
    private final Viewers viewers;
    private final CallCards calls;

    SupervisorController(Inbox inbox, Queues queues, Agents agents, Handover handover, InboxLines lines, Viewers viewers,
                         CallCards calls) {
        this.viewers = viewers;
        this.calls = calls;
        this.inbox = inbox;
        this.queues = queues;
        this.agents = agents;
        this.handover = handover;
        this.lines = lines;
    }

    @GetMapping("/console/supervisor")
    String board(@RequestParam(required = false) UUID queue, @RequestParam(required = false) String after,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Principal principal, Model model) {
        List<Queue> all = queues.all();
        List<Agent> team = agents.all();
        Map<UUID, Integer> live = inbox.liveLoad(team.stream().map(Agent::id).toList());
        List<QueueCard> cards = all.stream().map(q -> {
            List<Agent> online = team.stream().filter(a -> a.queueIds().contains(q.id()) && a.presence() == Agent.Presence.ONLINE).toList();
            int capacity = online.stream().mapToInt(SupervisorController::capacity).sum();
            int used = online.stream().mapToInt(a -> live.getOrDefault(a.id(), 0)).sum();
            return new QueueCard(q, inbox.queueLoad(q.id()), online.size(), capacity, used);
        }).toList();
        UUID selected = queue != null ? queue : all.isEmpty() ? null : all.getFirst().id();
        Inbox.Page page = selected == null ? new Inbox.Page(List.of(), null)
                : inbox.page(Inbox.View.QUEUE, new Inbox.Viewer(null, List.of(), viewers.of(principal).access()), selected, after,
                InboxController.PAGE_SIZE);
        model.addAttribute("cards", cards);
        model.addAttribute("callStates", calls.states());
        model.addAttribute("agentLines", team.stream().map(a -> new AgentLine(a, live.getOrDefault(a.id(), 0), capacity(a))).toList());
        model.addAttribute("queues", all);
        model.addAttribute("agents", team);
        model.addAttribute("presences", Agent.Presence.values());
        model.addAttribute("selected", selected);
        model.addAttribute("lines", lines.of(page.rows(), all.stream().collect(Collectors.toMap(Queue::id, Queue::name))));
        model.addAttribute("next", page.next());
        model.addAttribute("after", after);
        return htmx != null ? "console/supervisor :: board" : "console/supervisor";
    }

    /**
     * Gives the chosen conversations to an agent, or back to a queue (transfer), in one go, each change on the customer's
     * timeline with who made it. "Unassigned" in the same queue leaves them waiting there for someone to take them, held
     * from the auto-assigner for a while, and never offered back to the agent they were taken from while another can
     * take them.
     */
    @PostMapping("/console/supervisor/reassign")
    String reassign(@RequestParam(name = "ids", required = false) List<UUID> ids, @RequestParam(required = false) String agent,
                    @RequestParam(required = false) UUID queue, @RequestParam(required = false) UUID back, Principal principal,
                    RedirectAttributes flash) {
        if (ids == null || ids.isEmpty()) {
            flash.addFlashAttribute("error", "error.nothingSelected");
            return redirect(back);
        }
        Viewer viewer = viewers.of(principal);
        int reassigned = handover.reassignAll(ids, queue, agent == null || agent.isBlank() ? null : AdminForms.id(agent, "error.invalid"),
                viewer.access(), viewer.actor());
        flash.addFlashAttribute("notice", "notice.reassigned");
        flash.addFlashAttribute("reassignedCount", reassigned);
        return redirect(back);
    }

    /** Sets an agent's availability (supervisors for anyone; see also the agent's own switch). */
    @PostMapping("/console/supervisor/presence")
    String presence(@RequestParam UUID agent, @RequestParam String presence, @RequestParam(required = false) UUID back) {
        agents.setPresence(agent, Agent.Presence.of(presence));
        return redirect(back);
    }

    private static String redirect(UUID queue) {
        return "redirect:/console/supervisor" + (queue == null ? "" : "?queue=" + queue);
    }

    private static int capacity(Agent agent) {
        return agent.capacity().values().stream().mapToInt(Integer::intValue).sum();
    }
}
