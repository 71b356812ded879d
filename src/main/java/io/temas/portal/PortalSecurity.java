package io.temas.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The help centre is open to everybody; its forms (votes, contact) carry a CSRF token like every
 * other form, and its pages run only our own scripts and styles. Visitors get no server session:
 * the token is checked against a cookie of its own (set only by a page with a form), so reading
 * articles costs the server no memory per visitor.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    @Order(20)
    SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/portal", "/portal/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName("temas-portal-csrf");
        repository.setCookiePath("/portal");
        // The same header as the console's, so a script posting to either sends its token one way.
        repository.setHeaderName("X-CSRF-TOKEN");
        // Secure follows the request (HTTPS, directly or as the proxy says); scripts never need the cookie.
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").httpOnly(true));
        return repository;
    }
}
