package io.temas.api;

import io.temas.platform.ProblemResponses;
import io.temas.conversations.ConversationAccess;
import io.temas.conversations.QueueAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue permission of a token bound to a console user, checked before any handler of a
 * conversation, a message's raw bytes or an attachment runs (403 problem detail); unbound tokens
 * see everything.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess implements WebMvcConfigurer {

    private static final String[] PATHS = {"/api/v1/conversations/*", "/api/v1/conversations/*/**", "/api/v1/messages/*/raw",
            "/api/v1/attachments/*"};

    private final ConversationAccess access;
    private final JsonMapper json;

    ApiAccess(ConversationAccess access, JsonMapper json) {
        this.access = access;
        this.json = json;
    }

    /** What the caller's token may see. */
    static QueueAccess current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getDetails() instanceof QueueAccess bound ? bound : QueueAccess.EVERYTHING;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Guard()).addPathPatterns(PATHS);
    }

    private final class Guard implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
            QueueAccess seen = current();
            if (seen.all() || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                    || !(variables.get("id") instanceof String raw)) {
                return true;
            }
            UUID id;
            try {
                id = UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                return true; // the handler answers the malformed id
            }
            String path = request.getRequestURI();
            Optional<UUID> conversation = path.startsWith("/api/v1/attachments/") ? access.ofAttachment(id)
                    : path.startsWith("/api/v1/messages/") ? access.ofMessage(id) : Optional.of(id);
            if (conversation.isEmpty() || access.permits(conversation.get(), seen)) {
                return true;
            }
            ProblemResponses.write(response, json, ProblemResponses.of(HttpStatus.FORBIDDEN, "forbidden",
                    "The token's user may not see conversations of this queue.", request));
            return false;
        }
    }
}
