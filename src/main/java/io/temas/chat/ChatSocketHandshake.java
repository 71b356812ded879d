package io.temas.chat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Checks a chat socket before it opens: the visitor token for the session in the path, and the
 * page's origin against the entry point's allowlist. A refused handshake is answered with the
 * status (401, 403, 404) and never upgraded.
 */
class ChatSocketHandshake implements HandshakeInterceptor {

    private static final Pattern PATH = Pattern.compile("/chat/v1/sessions/([0-9a-fA-F-]{36})/socket");

    private final ChatGate gate;

    ChatSocketHandshake(ChatGate gate) {
        this.gate = gate;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        Matcher path = PATH.matcher(servletRequest.getRequestURI());
        if (!path.matches()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        try {
            UUID id = UUID.fromString(path.group(1));
            gate.session(id, servletRequest.getParameter("token"), servletRequest, servletResponse);
            attributes.put(ChatSocket.SESSION, id);
            attributes.put(ChatSocket.AFTER, after(servletRequest.getParameter("after")));
            return true;
        } catch (ChatRefused e) {
            response.setStatusCode(e.status());
        } catch (io.temas.shared.NotFound | IllegalArgumentException e) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
        }
        return false;
    }

    private static long after(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
    }
}
