package io.temas.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Browser security for the console: form sign-in at {@code /login}, session cookies, CSRF on every
 * form and htmx request, roles per area, and a content security policy that allows only our own
 * scripts and styles.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    @Order(10)
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/", "/login", "/logout", "/console/**", "/webjars/**", "/assets/**", "/favicon.ico")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/webjars/**", "/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers("/console/admin/**").hasRole("ADMIN")
                        .requestMatchers("/console/supervisor/**").hasRole("SUPERVISOR")
                        .anyRequest().hasRole("AGENT"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console", true).failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
