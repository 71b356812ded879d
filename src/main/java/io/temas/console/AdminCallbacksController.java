package io.temas.console;

import io.temas.calls.CallbackPolicies;
import io.temas.calls.CallbackPolicy;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for callbacks: slot length, lead time and booking horizon, the capacity forecast's
 * assumptions, the offer timeout and the retry policy; and per queue the callbacks a slot takes
 * (blank: the forecast from the agents serving it).
 */
@Controller
class AdminCallbacksController {

    /** A queue's line: the queue and its callbacks per slot. */
    record QueueLine(Queue queue, CallbackPolicies.Capacity capacity) {
    }

    private final CallbackPolicies policies;
    private final Queues queues;

    AdminCallbacksController(CallbackPolicies policies, Queues queues) {
        this.policies = policies;
        this.queues = queues;
    }

    @GetMapping("/console/admin/callbacks")
    String page(Model model) {
        model.addAttribute("policy", policies.policy());
        List<QueueLine> lines = queues.all().stream().map(q -> new QueueLine(q, policies.capacity(q.id()))).toList();
        model.addAttribute("lines", lines);
        return "console/admin/callbacks";
    }

    @PostMapping("/console/admin/callbacks/policy")
    String policy(@RequestParam String slotMinutes, @RequestParam String leadMinutes, @RequestParam String daysAhead,
                  @RequestParam String averageMinutes, @RequestParam String sharePercent, @RequestParam String offerTimeoutSeconds,
                  @RequestParam String attempts, @RequestParam String retryIntervalMinutes, RedirectAttributes flash) {
        return AdminForms.act(() -> policies.save(new CallbackPolicy(number(slotMinutes), number(leadMinutes), number(daysAhead),
                        number(averageMinutes), number(sharePercent), number(offerTimeoutSeconds), number(attempts),
                        number(retryIntervalMinutes))),
                "/console/admin/callbacks", "notice.saved", flash);
    }

    @PostMapping("/console/admin/callbacks/policy/reset")
    String reset(RedirectAttributes flash) {
        return AdminForms.act(() -> policies.save(null), "/console/admin/callbacks", "notice.saved", flash);
    }

    @PostMapping("/console/admin/callbacks/capacity/{queueId}")
    String capacity(@PathVariable UUID queueId, @RequestParam(defaultValue = "") String perSlot, RedirectAttributes flash) {
        return AdminForms.act(() -> policies.setCapacity(queueId, AdminForms.number(perSlot, "callbacks.error.number")),
                "/console/admin/callbacks", "notice.saved", flash);
    }

    private static int number(String value) {
        Integer number = AdminForms.number(value, "callbacks.error.number");
        if (number == null) {
            throw new ConsoleRefusal("callbacks.error.number");
        }
        return number;
    }
}
