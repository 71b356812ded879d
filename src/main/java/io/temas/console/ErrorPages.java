package io.temas.console;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page a browser sees when a request fails outside any controller's own handling: an address
 * that names nothing (404), a page for another role (403), a bug (500), in the console's frame and
 * the reader's language, with the way back (the inbox, or the sign-in for someone not signed in).
 * Spring's own "Whitelabel" page never shows. The help centre has its own frame
 * ({@code PortalErrorPages}); an API, chat or actuator address opened in a browser answers with a
 * problem detail, as it answers its clients.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorPages implements ErrorViewResolver {

    /** Statuses with a sentence of their own; any other gets the general one. */
    private static final Set<Integer> NAMED = Set.of(403, 404, 500);

    private final ConsoleModel frame;
    private final JsonMapper json;

    ErrorPages(ConsoleModel frame, JsonMapper json) {
        this.frame = frame;
        this.json = json;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String path = failedPath(request, model);
        if (forMachines(path)) {
            ModelAndView answer = new ModelAndView(problem(status, path));
            answer.setStatus(status);
            return answer;
        }
        if (path.equals("/portal") || path.startsWith("/portal/")) {
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

    /** The API, the chat widget's endpoints and the actuator: what programs call, even when a browser opens it. */
    static boolean forMachines(String path) {
        return path.startsWith("/api/") || path.startsWith("/chat/") || path.startsWith("/actuator");
    }

    /**
     * An API address opened in a browser (which asks for HTML) gets what an API client gets, a
     * problem detail, rather than an HTML page; clients asking for JSON never reach this.
     */
    private View problem(HttpStatus status, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("instance", path);
        return (model, request, response) -> {
            response.setStatus(status.value());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), body);
        };
    }

    static String failedPath(HttpServletRequest request, Map<String, Object> model) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri == null) {
            uri = model.get("path");
        }
        return uri == null ? "/" : uri.toString();
    }
}
