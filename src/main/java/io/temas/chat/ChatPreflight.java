package io.temas.chat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers browsers' CORS preflights for the chat API before Spring MVC does: MVC would match a
 * preflight to the handler of the method it announces and answer it without CORS headers, so a
 * page of an allowed origin could never send the token or JSON.
 */
class ChatPreflight extends OncePerRequestFilter {

    private final ChatGate gate;

    ChatPreflight(ChatGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!CorsUtils.isPreFlightRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(gate.preflight(request.getHeader(HttpHeaders.ORIGIN), response)
                ? HttpServletResponse.SC_NO_CONTENT : HttpServletResponse.SC_FORBIDDEN);
    }
}
