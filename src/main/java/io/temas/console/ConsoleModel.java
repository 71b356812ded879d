package io.temas.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page's frame shows about the signed-in user, added to pages only: fragments
 * of htmx refreshes, presence heartbeats and the event stream do not pay for it.
 */
@Component
class ConsoleModel implements HandlerInterceptor {

    /** The user in the top bar; {@code path} is the page itself, for the language switch. */
    record Me(String username, String name, boolean supervisor, boolean admin, String path, String presence) {
    }

    private final Viewers viewers;
    private final io.temas.customers.MergeCandidates mergeCandidates;

    ConsoleModel(Viewers viewers, io.temas.customers.MergeCandidates mergeCandidates) {
        this.viewers = viewers;
        this.mergeCandidates = mergeCandidates;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page != null && page.getViewName() != null && !page.getViewName().startsWith("redirect:")
                && !page.getViewName().contains("::") && request.getUserPrincipal() != null) {
            Me me = me(request.getUserPrincipal(), request);
            page.addObject("me", me);
            if (me.supervisor()) {
                // The nav's count of pairs waiting for a supervisor (one count over a partial index).
                page.addObject("mergeCandidates", mergeCandidates.openCount());
            }
        }
    }

    /** Also for the error pages, which render the frame without going through a handler's model. */
    Me me(Principal principal, HttpServletRequest request) {
        return me(principal, request.getRequestURI());
    }

    /** The user in the top bar of a page shown for {@code path} (an error page's frame names the page that failed, not {@code /error}). */
    Me me(Principal principal, String path) {
        return viewers.find(principal)
                .map(v -> new Me(v.user().username(), v.name(), v.user().role() != Role.AGENT, v.user().role() == Role.ADMIN,
                        path, v.agent().map(a -> a.presence().code()).orElse(null)))
                .orElseGet(() -> new Me(principal.getName(), principal.getName(), false, false, path, null));
    }
}
