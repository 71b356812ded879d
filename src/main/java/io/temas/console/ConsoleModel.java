package io.temas.console;

import jakarta.servlet.http.HttpServletRequest;
import io.temas.routing.Agents;
import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's frame shows about the signed-in user. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    /** The user in the top bar; {@code path} is the page itself, for the language switch. */
    record Me(String username, String name, boolean supervisor, boolean admin, String path, String presence) {
    }

    private final ConsoleUsers users;
    private final Agents agents;

    ConsoleModel(ConsoleUsers users, Agents agents) {
        this.users = users;
        this.agents = agents;
    }

    @ModelAttribute("me")
    Me me(Principal principal, HttpServletRequest request) {
        if (principal == null) {
            return null;
        }
        ConsoleUser user = users.find(principal.getName()).orElse(null);
        if (user == null) {
            return new Me(principal.getName(), principal.getName(), false, false, request.getRequestURI(), null);
        }
        String presence = agents.findByUsername(user.username()).map(a -> a.presence().code()).orElse(null);
        return new Me(user.username(), user.displayName(), user.role() != Role.AGENT, user.role() == Role.ADMIN, request.getRequestURI(),
                presence);
    }
}
