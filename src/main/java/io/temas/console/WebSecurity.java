package io.temas.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Browser security for the console: form sign-in at {@code /login}, session cookies, CSRF on every
 * form and htmx request, roles per area, and a content security policy that allows only our own
 * scripts and styles. Sign-in is throttled ({@link SignInThrottle}) and every session is registered,
 * so those of a disabled user or a changed password can be ended ({@link ConsoleSessions}).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    @Order(10)
    SecurityFilterChain consoleChain(HttpSecurity http, SignInAttempts attempts, SessionRegistry sessions) throws Exception {
        SignInThrottle throttle = new SignInThrottle(attempts);
        http.securityMatcher("/", "/login", "/logout", "/console/**", "/webjars/**", "/assets/**", "/favicon.ico")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/webjars/**", "/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers("/console/admin/**").hasRole("ADMIN")
                        // Knowledge-base authoring: supervisors and admins write the articles.
                        .requestMatchers("/console/knowledge/admin", "/console/knowledge/admin/**").hasRole("SUPERVISOR")
                        .requestMatchers("/console/supervisor/**").hasRole("SUPERVISOR")
                        // Merge candidates: deciding that two profiles are one person is a supervisor's call.
                        .requestMatchers("/console/merge-candidates", "/console/merge-candidates/**").hasRole("SUPERVISOR")
                        .requestMatchers("/console/reports", "/console/reports/**").hasRole("SUPERVISOR")
                        .requestMatchers("/console/imports", "/console/imports/**").hasRole("SUPERVISOR")
                        .anyRequest().hasRole("AGENT"))
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").successHandler(throttle.onSuccess("/console"))
                        .failureHandler(throttle.onFailure()))
                .sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions)
                        .expiredSessionStrategy(HtmxSignIn.expired("/login?expired")))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(HtmxSignIn.entryPoint("/login")))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when the servlet container drops a session, so it forgets it. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
