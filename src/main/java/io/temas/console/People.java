package io.temas.console;

import io.temas.routing.Agents;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The name people know a colleague by: messages and notes are recorded under the author's user
 * name ({@code ayse}), and the thread shows the agent's display name ({@code Ayşe Yılmaz}); a user
 * with no agent profile (an administrator, an API token) is shown by the name recorded. Each name
 * is looked up once per request however many messages it wrote. Templates call it as {@code @people}.
 */
@Component("people")
class People {

    private static final String CACHE = People.class.getName();

    private final Agents agents;

    People(Agents agents) {
        this.agents = agents;
    }

    public String name(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        return cache().computeIfAbsent(username, u -> agents.findByUsername(u).map(a -> a.displayName()).filter(n -> !n.isBlank()).orElse(u));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cache() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return new HashMap<>();
        }
        Map<String, String> cache = (Map<String, String>) request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
        if (cache == null) {
            cache = new HashMap<>();
            request.setAttribute(CACHE, cache, RequestAttributes.SCOPE_REQUEST);
        }
        return cache;
    }
}
