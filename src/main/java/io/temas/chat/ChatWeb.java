package io.temas.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat's doors: its API and socket are open to everybody (the visitor token opens a chat, the
 * entry point's allowlist decides which sites may embed it), carry no cookies and hence need no CSRF
 * token; the widget script is a static file under {@code /chat}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatWeb implements WebSocketConfigurer {

    private final ChatSessions sessions;
    private final ChatStreams streams;
    private final ChatGate gate;
    private final JsonMapper json;
    private final ChatSettings settings;

    ChatWeb(ChatSessions sessions, ChatStreams streams, ChatGate gate, JsonMapper json, ChatSettings settings) {
        this.sessions = sessions;
        this.streams = streams;
        this.gate = gate;
        this.json = json;
        this.settings = settings;
    }

    @Bean
    @Order(5)
    SecurityFilterChain chatChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/chat/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Answers CORS preflights of the chat API before anything else, and lets pages of allowed origins read
     * every answer: allowed when some chat entry point allows the page's origin (each request is then
     * checked against its own entry point).
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.filter.OncePerRequestFilter> chatPreflight() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.filter.OncePerRequestFilter>(
                new org.springframework.web.filter.OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                                                    jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                            throws jakarta.servlet.ServletException, java.io.IOException {
                        if (!"OPTIONS".equals(request.getMethod())) {
                            // Errors too (a 401 for an expired token) must be readable by an allowed page, or its widget
                            // sees only a network failure and retries forever; each entry point still checks its own list.
                            gate.exposeTo(request.getHeader("Origin"), response);
                            chain.doFilter(request, response);
                            return;
                        }
                        response.setStatus(gate.preflight(request.getHeader("Origin"), response) ? 204 : 403);
                    }
                });
        registration.addUrlPatterns("/chat/v1/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Origins are checked per entry point by the handshake interceptor, not by one global list.
        registry.addHandler(new ChatSocket(sessions, streams, json, settings), "/chat/v1/sessions/*/socket")
                .addInterceptors(new ChatSocketHandshake(gate)).setAllowedOriginPatterns("*");
    }
}
