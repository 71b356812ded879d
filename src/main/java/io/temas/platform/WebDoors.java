package io.temas.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every HTTP request meets first, before any security chain or controller: a cap on its body
 * size and the privacy headers every response carries (console, help centre and API alike).
 */
@Configuration(proxyBeanMethods = false)
class WebDoors {

    /** Our pages link to each other; nobody else needs to learn which conversation or search a link came from. */
    static final String REFERRER_POLICY = "same-origin";

    /** No page uses these browser features; a console softphone would open {@code microphone=(self)}. */
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "accelerometer=(), gyroscope=(), magnetometer=()";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> privacyHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Referrer-Policy", REFERRER_POLICY);
                response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimit(HttpSettings settings, JsonMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new BodyLimit(settings, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Refuses a body over the limit with 413: by its declared length before anything reads it, or, for a body sent in
     * chunks without one, as it is read. A chunked body whose limit is small (most of the API) is read here, at most
     * one byte past the limit, and handed on from memory. One whose limit is large (an events import may be gigabytes)
     * is handed on as it comes, counted: nothing of it is read before the security chain has let the request in, none
     * of it is written to disk here, and the read that passes the limit fails, after which the answer is the 413.
     * Form posts sent in chunks are left to the servlet container, which parses them itself
     * ({@code server.tomcat.max-http-form-post-size}).
     */
    static final class BodyLimit extends OncePerRequestFilter {

        /** Chunked bodies with a limit up to this are read into memory before the request goes on. */
        static final int IN_MEMORY = 1 << 20;

        private final HttpSettings settings;
        private final JsonMapper json;

        BodyLimit(HttpSettings settings, JsonMapper json) {
            this.settings = settings;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long limit = settings.maxBodyFor(request.getRequestURI());
            long length = request.getContentLengthLong();
            if (length > limit) {
                tooLarge(request, response, limit);
                return;
            }
            if (length >= 0 || request.getHeader("Transfer-Encoding") == null || parsedByContainer(request)) {
                chain.doFilter(request, response);
                return;
            }
            if (limit <= IN_MEMORY) {
                byte[] body = request.getInputStream().readNBytes((int) limit + 1);
                if (body.length > limit) {
                    tooLarge(request, response, limit);
                    return;
                }
                chain.doFilter(new Body(request, new ByteArrayInputStream(body), body.length), response);
                return;
            }
            Counted counted = new Counted(request.getInputStream(), limit);
            try {
                chain.doFilter(new Body(request, counted, -1), response);
            } catch (IOException | ServletException | RuntimeException e) {
                if (!counted.exceeded) {
                    throw e;
                }
            }
            if (counted.exceeded && !response.isCommitted()) {
                // Whatever the reader made of the failed read (a parse error, an unreadable file), the body was too large.
                response.reset();
                tooLarge(request, response, limit);
            }
        }

        private static boolean parsedByContainer(HttpServletRequest request) {
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || type.startsWith("multipart/");
        }

        private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
            ProblemResponses.write(response, json, ProblemResponses.of(HttpStatus.CONTENT_TOO_LARGE, "too-large",
                    RequestBodyTooLarge.detail(limit), request));
        }
    }

    /** A body read as it comes, failing the read that passes its limit. */
    private static final class Counted extends InputStream {

        private final InputStream in;
        private final long limit;
        private long read;
        volatile boolean exceeded;

        Counted(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                exceeded = true;
                throw new RequestBodyTooLarge(limit);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A request whose body is read from elsewhere: from memory, or counted as it comes ({@code length} -1: unknown). */
    private static final class Body extends HttpServletRequestWrapper {

        private final InputStream in;
        private final long length;
        private ServletInputStream stream;

        Body(HttpServletRequest request, InputStream in, long length) {
            super(request);
            this.in = in;
            this.length = length;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream != null) {
                return stream;
            }
            stream = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    finished = n < 0;
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read by the thread that handles the request");
                }
            };
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset()));
        }

        private java.nio.charset.Charset charset() {
            try {
                return getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding());
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public int getContentLength() {
            return length > Integer.MAX_VALUE ? -1 : (int) length;
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }
    }
}
