package io.temas.console;

import io.temas.calls.Callback;
import io.temas.calls.CallbackDesk;
import io.temas.calls.Callbacks;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Queues;
import io.temas.shared.Conflict;
import io.temas.shared.RefusedByRule;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Callbacks in the console. For an agent: the card of the callback offered to her (the customer's
 * 360 summary, the note, "call now", the outcome buttons), which {@code callbacks.js} shows on
 * whatever page she has open. For supervisors: today's callbacks by slot with their states, agents
 * and the load of each slot against its capacity; cancel and reassign.
 */
@Controller
class CallbacksConsoleController {

    /** One slot's line on the supervisor's page. */
    record SlotLine(Callbacks.SlotLoad load, List<Callback> callbacks) {

        public int percent() {
            return load.capacity() == 0 ? (load.booked() == 0 ? 0 : 100) : Math.min(100, load.booked() * 100 / load.capacity());
        }
    }

    /** An empty answer: the page drops the card. */
    private static final String NONE = "console/callback-card :: none";

    private final Callbacks callbacks;
    private final CallbackDesk desk;
    private final Customers customers;
    private final CustomerSidebar sidebar;
    private final Viewers viewers;
    private final Agents agents;
    private final Queues queues;
    private final Clock clock;

    CallbacksConsoleController(Callbacks callbacks, CallbackDesk desk, Customers customers, CustomerSidebar sidebar, Viewers viewers,
                               Agents agents, Queues queues, Clock clock) {
        this.callbacks = callbacks;
        this.desk = desk;
        this.customers = customers;
        this.sidebar = sidebar;
        this.viewers = viewers;
        this.agents = agents;
        this.queues = queues;
        this.clock = clock;
    }

    /** The card of the callback the agent holds now; nothing when she holds none. */
    @GetMapping("/console/callbacks/offer")
    String offer(Principal principal, Model model) {
        Viewer viewer = viewers.of(principal);
        return viewer.agent().flatMap(a -> desk.currentOffer(a.id())).map(c -> card(c, viewer, model, null)).orElse(NONE);
    }

    /** One callback's card while it is offered to or being called by the agent; nothing once it is not hers. */
    @GetMapping("/console/callbacks/{id}/card")
    String card(@PathVariable UUID id, Principal principal, Model model) {
        Viewer viewer = viewers.of(principal);
        return mine(id, viewer).map(c -> card(c, viewer, model, null)).orElse(NONE);
    }

    /** "Call now": the PBX rings her extension and then the customer. */
    @PostMapping("/console/callbacks/{id}/call")
    String call(@PathVariable UUID id, Principal principal, Model model) {
        Viewer viewer = viewers.of(principal);
        UUID agentId = viewer.agent().map(Agent::id).orElse(null);
        if (agentId == null) {
            return NONE;
        }
        String problem = null;
        try {
            desk.call(id, agentId);
        } catch (io.temas.calls.CallbackBeingCalled e) {
            problem = "callbacks.card.calling";
        } catch (Conflict | RefusedByRule e) {
            problem = e instanceof Conflict ? "callbacks.card.notYours" : "callbacks.card.noPbx";
        }
        String p = problem;
        return mine(id, viewer).map(c -> card(c, viewer, model, p)).orElse(NONE);
    }

    /** The outcome of the attempt: the card goes. */
    @PostMapping("/console/callbacks/{id}/outcome")
    String outcome(@PathVariable UUID id, @RequestParam String outcome, Principal principal) {
        UUID agentId = viewers.of(principal).agent().map(Agent::id).orElse(null);
        if (agentId != null) {
            desk.record(id, agentId, outcome);
        }
        return NONE;
    }

    @GetMapping("/console/callbacks")
    String board(@RequestParam(required = false) String date, @RequestParam(required = false) String entryPoint, HttpServletRequest request,
                 Principal principal, Model model) {
        supervisor(request);
        Callbacks.Target target = callbacks.target(entryPoint);
        permitted(target.queue().id(), principal);
        ZoneId zone = target.zone();
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.now(clock.withZone(zone)) : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new ConsoleRefusal("callbacks.error.date");
        }
        List<Callback> all = callbacks.ofDay(day, zone).stream().filter(c -> c.queueId().equals(target.queue().id())).toList();
        Map<java.time.Instant, List<Callback>> bySlot = new LinkedHashMap<>();
        all.forEach(c -> bySlot.computeIfAbsent(c.slot().start(), k -> new java.util.ArrayList<>()).add(c));
        List<SlotLine> lines = callbacks.load(day, target.entryPoint().address()).stream()
                .map(l -> new SlotLine(l, bySlot.getOrDefault(l.slot().start(), List.of()))).toList();
        List<Callback> outside = all.stream().filter(c -> lines.stream().noneMatch(l -> l.load().slot().start().equals(c.slot().start())))
                .toList();
        Map<UUID, String> names = customers.names(all.stream().map(Callback::customerId).toList());
        model.addAttribute("day", day);
        model.addAttribute("zone", zone);
        model.addAttribute("target", target);
        model.addAttribute("lines", lines);
        model.addAttribute("outside", outside);
        model.addAttribute("customerNames", names);
        model.addAttribute("agentNames", agents.names(all.stream().map(Callback::agentId).filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("agents", agents.all().stream().filter(a -> a.queueIds().contains(target.queue().id())).toList());
        model.addAttribute("queues", queues.all());
        model.addAttribute("total", all.size());
        return "console/callbacks";
    }

    @PostMapping("/console/callbacks/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) String back, Principal principal, HttpServletRequest request,
                  RedirectAttributes flash) {
        supervisor(request);
        permitted(callbacks.get(id).queueId(), principal);
        return AdminForms.act(() -> desk.cancel(id, principal.getName()), back(back), "callbacks.notice.cancelled", flash);
    }

    @PostMapping("/console/callbacks/{id}/reassign")
    String reassign(@PathVariable UUID id, @RequestParam(defaultValue = "") String agent, @RequestParam(required = false) String back,
                    HttpServletRequest request, Principal principal, RedirectAttributes flash) {
        supervisor(request);
        permitted(callbacks.get(id).queueId(), principal);
        return AdminForms.act(() -> desk.reassign(id, AdminForms.id(agent, "callbacks.error.agent")), back(back),
                "callbacks.notice.reassigned", flash);
    }

    private String card(Callback callback, Viewer viewer, Model model, String problem) {
        Customer customer = customers.current(new CustomerId(callback.customerId()));
        sidebar.fill(customer, customers.identities(customer.id()), null, viewer, model);
        Callbacks.Target target = callbacks.target(callback.entryPoint());
        model.addAttribute("callback", callback);
        model.addAttribute("zone", target.zone());
        model.addAttribute("queueName", target.queue().name());
        model.addAttribute("outcomes", CallbackDesk.OUTCOMES);
        model.addAttribute("problem", problem);
        return "console/callback-card :: card";
    }

    private Optional<Callback> mine(UUID id, Viewer viewer) {
        UUID agentId = viewer.agent().map(Agent::id).orElse(null);
        return callbacks.find(id).filter(c -> agentId != null && agentId.equals(c.agentId())
                && ("offered".equals(c.state()) || "calling".equals(c.state())));
    }

    /** A supervisor restricted to her own queues sees and works only their callbacks; others answer "not found". */
    private void permitted(UUID queueId, Principal principal) {
        if (!viewers.of(principal).access().permitsQueue(queueId)) {
            throw new io.temas.shared.NotFound("no callbacks of queue " + queueId + " to show");
        }
    }

    private static void supervisor(HttpServletRequest request) {
        if (!request.isUserInRole("SUPERVISOR")) {
            throw new AccessDeniedException("the callback board is for supervisors");
        }
    }

    private static String back(String back) {
        return back != null && back.matches("/console/callbacks(\\?[A-Za-z0-9=&%+._:-]*)?") ? back : "/console/callbacks";
    }
}
