package io.temas.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Provider webhooks are open to anyone (their signature is checked afterwards), so their bodies
 * are capped before they are read: an SMS or a delivery receipt is a few hundred bytes, and a
 * larger body could only fill memory and the quarantine.
 */
@Configuration(proxyBeanMethods = false)
class WebhookBodyLimit {

    static final int LIMIT = 64 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookBodyLimitFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getContentLengthLong() > LIMIT) {
                    response.sendError(HttpStatus.CONTENT_TOO_LARGE.value(), "Webhook bodies are limited to " + LIMIT + " bytes");
                    return;
                }
                chain.doFilter(new Bounded(request), response);
            }
        });
        registration.addUrlPatterns("/api/v1/webhooks/*");
        return registration;
    }

    /** Reads at most {@link #LIMIT} bytes of a body sent without a length. */
    private static final class Bounded extends HttpServletRequestWrapper {

        Bounded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > LIMIT) {
                        throw new IOException("webhook body over " + LIMIT + " bytes");
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > LIMIT) {
                        throw new IOException("webhook body over " + LIMIT + " bytes");
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
