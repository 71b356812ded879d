package io.temas.feedback;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The survey pages are open to whoever holds a signed link. Their forms are token-protected rather
 * than CSRF-protected: every POST goes to the signed, unguessable address of one survey or one
 * reply, which a forging site cannot know, so no session or CSRF cookie is kept per customer. The
 * pages run only our own styles and no scripts, and send no referrer (the link is the key).
 */
@Configuration(proxyBeanMethods = false)
class SurveySecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    @Order(21)
    SecurityFilterChain surveyChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/survey/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(c -> c.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
