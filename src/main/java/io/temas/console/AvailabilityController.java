package io.temas.console;

import io.temas.routing.Agent;
import io.temas.routing.Agents;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** An agent's own availability switch: going online offers them waiting work at once. */
@Controller
class AvailabilityController {

    private final Agents agents;

    AvailabilityController(Agents agents) {
        this.agents = agents;
    }

    @PostMapping("/console/me/presence")
    String presence(@RequestParam String presence, Principal principal,
                    @RequestHeader(name = "Referer", required = false) String referer) {
        agents.findByUsername(principal.getName()).ifPresent(agent ->
                agents.setPresence(agent.id(), Agent.Presence.of(presence)));
        return "redirect:" + (referer != null && referer.contains("/console/") ? referer.substring(referer.indexOf("/console/")) : "/console/inbox");
    }
}
