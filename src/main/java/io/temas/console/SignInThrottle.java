package io.temas.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes password guessing slow: a sign-in whose user name or client address has had too many failures
 * lately is refused before its password is checked (so the right password does not get through
 * either), and the sign-in page says how long to wait. The client address is the one after the
 * forwarded-header handling, so behind a proxy each client has its own count.
 */
final class SignInThrottle extends OncePerRequestFilter {

    private final SignInAttempts attempts;

    SignInThrottle(SignInAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = attempts.blockedFor(request.getParameter("username"), request.getRemoteAddr());
        if (wait.isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?locked=" + minutes(wait.get()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whole minutes, rounded up: "wait 1 minute" rather than "wait 0 minutes" for the last seconds. */
    static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    AuthenticationFailureHandler onFailure() {
        SimpleUrlAuthenticationFailureHandler next = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            attempts.failed(request.getParameter("username"), request.getRemoteAddr());
            next.onAuthenticationFailure(request, response, e);
        };
    }

    AuthenticationSuccessHandler onSuccess(String target) {
        SimpleUrlAuthenticationSuccessHandler next = new SimpleUrlAuthenticationSuccessHandler(target);
        next.setAlwaysUseDefaultTargetUrl(true);
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            attempts.succeeded(authentication.getName(), request.getRemoteAddr());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }
}
