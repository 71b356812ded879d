package io.temas.console;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a browser sees when a request fails outside any controller's own handling: an address
 * that names nothing (404), a page for another role (403), a bug (500), in the console's frame and
 * the reader's language, with the way back (the inbox, or the sign-in for someone not signed in).
 * Spring's own "Whitelabel" page never shows. The API, the chat endpoints and the help centre are
 * not answered here: the API keeps its problem details, the help centre has its own frame.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorPages implements ErrorViewResolver {

    /** Statuses with a sentence of their own; any other gets the general one. */
    private static final Set<Integer> NAMED = Set.of(403, 404, 500);

    private final ConsoleModel frame;

    ErrorPages(ConsoleModel frame) {
        this.frame = frame;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String path = failedPath(request, model);
        if (!forTheConsole(path)) {
            return null;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("status", status.value());
        Principal principal = request.getUserPrincipal();
        String kind = NAMED.contains(status.value()) ? Integer.toString(status.value()) : "other";
        if (principal != null) {
            page.put("me", frame.me(principal, path));
        } else if (status == HttpStatus.FORBIDDEN) {
            // Someone not signed in meets 403 at any address Temas does not serve: it may not exist, or need a sign-in.
            kind = "signedOut";
        }
        page.put("kind", kind);
        page.put("path", path);
        return new ModelAndView("console/error", page, status);
    }

    /** Everything a person opens in a browser except the help centre (own frame) and what machines call. */
    static boolean forTheConsole(String path) {
        return !(path.startsWith("/api/") || path.startsWith("/chat/") || path.startsWith("/portal") || path.startsWith("/actuator")
                || path.startsWith("/v3/") || path.startsWith("/docs/") || path.startsWith("/swagger-ui"));
    }

    static String failedPath(HttpServletRequest request, Map<String, Object> model) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri == null) {
            uri = model.get("path");
        }
        return uri == null ? "/" : uri.toString();
    }
}
