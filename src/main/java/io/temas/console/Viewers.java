package io.temas.console;

import io.temas.conversations.QueueAccess;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Turns the signed-in principal into a {@link Viewer}, once per request (the page, its frame and
 * its fragments all ask). Agents see their own queues' waiting work, supervisors and admins all
 * queues'; a user whose queue permission is "own queues" sees only those, whatever the role.
 */
@Component
class Viewers {

    private static final String ATTRIBUTE = Viewers.class.getName();

    private final ConsoleUsers users;
    private final Agents agents;
    private final Queues queues;
    private final QueuePermissions permissions;

    Viewers(ConsoleUsers users, Agents agents, Queues queues, QueuePermissions permissions) {
        this.users = users;
        this.agents = agents;
        this.queues = queues;
        this.permissions = permissions;
    }

    Viewer of(Principal principal) {
        return find(principal).orElseThrow(() -> new IllegalStateException("signed-in user vanished"));
    }

    /** The viewer, or empty when the signed-in user has been deleted since signing in. */
    Optional<Viewer> find(Principal principal) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Viewer cached
                && cached.user().username().equals(principal.getName())) {
            return Optional.of(cached);
        }
        Optional<Viewer> viewer = users.find(principal.getName()).map(this::viewer);
        if (request != null) {
            viewer.ifPresent(v -> request.setAttribute(ATTRIBUTE, v, RequestAttributes.SCOPE_REQUEST));
        }
        return viewer;
    }

    private Viewer viewer(ConsoleUser user) {
        Optional<Agent> agent = agents.findByUsername(user.username());
        QueueAccess access = permissions.access(user, () -> agent);
        List<UUID> queueIds = user.role() == Role.AGENT || !access.all()
                ? agent.map(Agent::queueIds).orElse(List.of())
                : queues.all().stream().map(Queue::id).toList();
        return new Viewer(user, agent, queueIds, access);
    }
}
