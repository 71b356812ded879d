package io.temas.api;

import io.temas.conversations.Actor;
import io.temas.routing.Agents;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who acts through an API call: the token (its name is what the timeline and the thread record),
 * and, for a token acting for a console user with an agent profile, that agent, who then takes an
 * unassigned conversation they answer or resolve. A token acting for nobody, or for a user who is
 * no agent, changes no one's work.
 */
@Component
class ApiActors {

    /** The request attribute the bearer filter puts the token's console user in. */
    static final String USER = ApiActors.class.getName() + ".user";

    private final Agents agents;

    ApiActors(Agents agents) {
        this.agents = agents;
    }

    Actor of(Principal principal) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object user = request == null ? null : request.getAttribute(USER, RequestAttributes.SCOPE_REQUEST);
        return (user instanceof String username ? agents.findByUsername(username) : java.util.Optional.<io.temas.routing.Agent>empty())
                .map(a -> new Actor(principal.getName(), a.displayName() + " (" + principal.getName() + ")", a.id()))
                .orElseGet(() -> new Actor(principal.getName(), user instanceof String username
                        ? username + " (" + principal.getName() + ")" : principal.getName(), null));
    }
}
