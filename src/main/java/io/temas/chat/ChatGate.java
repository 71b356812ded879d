package io.temas.chat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Who may talk to a chat: pages of an origin on the entry point's allowlist, Temas's own pages, and
 * clients that are no browser page at all (a mobile app sends no {@code Origin}); the visitor token
 * opens a session. Allowed cross-origin requests are answered with CORS headers for that origin only.
 */
@Component
class ChatGate {

    private final ChatDoors doors;
    private final ChatSessions sessions;

    ChatGate(ChatDoors doors, ChatSessions sessions) {
        this.doors = doors;
        this.sessions = sessions;
    }

    /** The chat entry point with this address; @throws io.temas.shared.NotFound when there is none. */
    ChatDoor door(String address) {
        return doors.find(address).orElseThrow(() -> new io.temas.shared.NotFound("no chat entry point '"
                + io.temas.shared.TextInput.forLog(address) + "'"));
    }

    /** Lets the request's page in for this entry point, or refuses it with 403. */
    void admit(ChatDoor door, HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || sameOrigin(origin, request)) {
            return;
        }
        if (!door.allows(origin)) {
            throw ChatRefused.origin(origin);
        }
        allowCors(origin, response);
    }

    /** The session the token opens, with the request's page let in for its entry point. */
    ChatSessions.Session session(UUID id, String token, HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session session = sessions.open(id, token);
        admit(doors.of(session.entryPoint()), request, response);
        return session;
    }

    /** Lets a page of an origin some chat entry point allows read the answer, whatever it is. */
    void exposeTo(String origin, HttpServletResponse response) {
        if (origin != null && doors.allowedAnywhere(origin)) {
            allowCors(origin, response);
        }
    }

    /** A preflight: allowed when any chat entry point allows the origin (the request itself is checked for its own). */
    boolean preflight(String origin, HttpServletResponse response) {
        if (origin == null || !doors.allowedAnywhere(origin)) {
            return false;
        }
        allowCors(origin, response);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Last-Event-ID");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        return true;
    }

    private static void allowCors(String origin, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After, Location");
    }

    /** Whether the page is Temas's own (the help centre), by the address the request came to. */
    static boolean sameOrigin(String origin, HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String own = scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        return own.equals(origin.toLowerCase(Locale.ROOT));
    }
}
