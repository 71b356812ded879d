package io.temas.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.session.SessionInformationExpiredStrategy;

/**
 * Sends a browser whose session ended back to the sign-in page as a whole page. An htmx request
 * that followed an ordinary redirect would put the sign-in page inside the fragment it refreshes,
 * so htmx is told with {@code HX-Redirect} to load the page itself.
 */
final class HtmxSignIn {

    private HtmxSignIn() {
    }

    static AuthenticationEntryPoint entryPoint(String loginPage) {
        LoginUrlAuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint(loginPage);
        return (request, response, e) -> {
            if (isHtmx(request)) {
                redirect(request, response, loginPage);
            } else {
                pages.commence(request, response, e);
            }
        };
    }

    static SessionInformationExpiredStrategy expired(String expiredPage) {
        return event -> {
            HttpServletRequest request = event.getRequest();
            HttpServletResponse response = event.getResponse();
            if (isHtmx(request)) {
                redirect(request, response, expiredPage);
            } else {
                response.sendRedirect(request.getContextPath() + expiredPage);
            }
        };
    }

    /** Whether htmx sent the request (it replaces a fragment with the answer, not the page). */
    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String page) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("HX-Redirect", request.getContextPath() + page);
        response.flushBuffer();
    }
}
