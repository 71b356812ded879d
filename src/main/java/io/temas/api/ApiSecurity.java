package io.temas.api;

import io.temas.platform.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * API security: bearer tokens with scopes, no sessions and hence no CSRF exposure (browsers never
 * send bearer tokens on their own). Failures answer as problem details. Which scope a request
 * needs is {@link ApiScopeRules}' table.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, TokenUsers users, JsonMapper json) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, users), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response, json,
                                ProblemResponses.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                                        "Send an API token as 'Authorization: Bearer <token>'.", request)))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, json,
                                ProblemResponses.of(HttpStatus.FORBIDDEN, "forbidden",
                                        "The API token lacks the scope this request needs.", request))))
                .authorizeHttpRequests(auth -> {
                    // The request was authorised on its way in; its async re-dispatch (an SSE stream ending) carries no token.
                    auth.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll();
                    for (ApiScopeRules.Rule rule : ApiScopeRules.RULES) {
                        var matched = rule.method() == null ? auth.requestMatchers(ApiScopeRules.patterns(rule))
                                : auth.requestMatchers(rule.method(), ApiScopeRules.patterns(rule));
                        if (rule.open()) {
                            matched.permitAll();
                        } else {
                            matched.hasAuthority(rule.scope().authority());
                        }
                    }
                    auth.anyRequest().hasAuthority(ApiScopeRules.FALLBACK.authority());
                });
        return http.build();
    }

    @Bean
    @Order(100)
    SecurityFilterChain documentationChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/v3/api-docs.yaml", "/docs/**", "/swagger-ui/**", "/error")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** Everything not served above is refused (secure by default). */
    @Bean
    @Order(Integer.MAX_VALUE)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.securityMatcher("/**").authorizeHttpRequests(auth -> auth.anyRequest().denyAll());
        return http.build();
    }

    /**
     * Reads {@code Authorization: Bearer ...} and grants the token's scopes; admin implies all, write
     * implies read. A token bound to a console user carries that user's queue permission (as the
     * authentication's details) and stops working while the user is disabled or gone.
     */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final ApiTokens tokens;
        private final TokenUsers users;

        BearerTokenFilter(ApiTokens tokens, TokenUsers users) {
            this.tokens = tokens;
            this.users = users;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            Optional<ApiTokens.Token> token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.authenticate(header.substring(7).trim()) : Optional.empty();
            token.ifPresent(t -> {
                Optional<io.temas.conversations.QueueAccess> access = t.username() == null
                        ? Optional.of(io.temas.conversations.QueueAccess.EVERYTHING) : users.access(t.username());
                if (access.isEmpty()) {
                    return;
                }
                List<SimpleGrantedAuthority> authorities = new ArrayList<>();
                for (ApiScope scope : ApiScope.values()) {
                    boolean granted = t.scopes().contains(scope) || t.scopes().contains(ApiScope.ADMIN)
                            || (scope == ApiScope.READ && t.scopes().contains(ApiScope.WRITE));
                    if (granted) {
                        authorities.add(new SimpleGrantedAuthority(scope.authority()));
                    }
                }
                var authentication = new UsernamePasswordAuthenticationToken("token:" + t.name(), null, authorities);
                authentication.setDetails(access.get());
                SecurityContextHolder.getContext().setAuthentication(authentication);
                if (t.username() != null) {
                    request.setAttribute(ApiActors.USER, t.username());
                }
            });
            chain.doFilter(request, response);
        }
    }
}
