package io.temas.console;

import io.temas.conversations.ConversationAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks the queue permission before any handler of a conversation (its page, fragments and
 * every action) or of an attachment runs, so no handler can forget it; refused requests get the
 * localised 403 page.
 */
@Component
class ConversationGuard implements HandlerInterceptor {

    static final String[] PATHS = {"/console/conversations/*", "/console/conversations/*/**", "/console/attachments/*"};

    private final Viewers viewers;
    private final ConversationAccess access;

    ConversationGuard(Viewers viewers, ConversationAccess access) {
        this.viewers = viewers;
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getUserPrincipal() == null
                || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                || !(variables.get("id") instanceof String raw)) {
            return true;
        }
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return true; // the handler answers "not found"
        }
        Optional<Viewer> viewer = viewers.find(request.getUserPrincipal());
        if (viewer.isEmpty() || viewer.get().access().all()) {
            return true;
        }
        UUID conversation = request.getRequestURI().startsWith("/console/attachments/")
                ? access.ofAttachment(id).orElse(null) : id;
        if (conversation != null && !access.permits(conversation, viewer.get().access())) {
            throw new QueueAccessDenied(conversation);
        }
        return true;
    }
}
