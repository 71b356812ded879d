package io.temas.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Refuses a body over the limit with 413 before anything reads it: by its declared length, or, for a
     * body sent in chunks without one, by reading at most one byte more than the limit. Form posts sent
     * in chunks are left to the servlet container, which parses them itself ({@code server.tomcat.max-http-form-post-size}).
     */
    static final class BodyLimit extends OncePerRequestFilter {

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
            if (length < 0 && request.getHeader("Transfer-Encoding") != null && !parsedByContainer(request)) {
                try (Spooled body = Spooled.read(request.getInputStream(), limit + 1)) {
                    if (body.length() > limit) {
                        tooLarge(request, response, limit);
                        return;
                    }
                    chain.doFilter(new Buffered(request, body), response);
                }
                return;
            }
            chain.doFilter(request, response);
        }

        private static boolean parsedByContainer(HttpServletRequest request) {
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || type.startsWith("multipart/");
        }

        private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
            ProblemResponses.write(response, json, ProblemResponses.of(HttpStatus.CONTENT_TOO_LARGE, "too-large",
                    "Request bodies here are limited to " + limit + " bytes.", request));
        }
    }

    /**
     * A chunked body read to its end, or to one byte past its limit: in memory up to {@link #IN_MEMORY}, in a temporary
     * file beyond, so a large upload (an events import may be gigabytes) never sits in the heap. Closing deletes the file.
     */
    private static final class Spooled implements AutoCloseable {

        static final int IN_MEMORY = 1 << 20;

        private final byte[] bytes;
        private final Path file;
        private final long length;

        private Spooled(byte[] bytes, Path file, long length) {
            this.bytes = bytes;
            this.file = file;
            this.length = length;
        }

        static Spooled read(InputStream in, long max) throws IOException {
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            int n;
            while (read < max && read < IN_MEMORY && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - read))) > 0) {
                memory.write(buffer, 0, n);
                read += n;
            }
            if (read < IN_MEMORY || read >= max) {
                return new Spooled(memory.toByteArray(), null, read);
            }
            Path file = Files.createTempFile("temas-body-", ".part");
            try (OutputStream out = Files.newOutputStream(file)) {
                memory.writeTo(out);
                while (read < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - read))) > 0) {
                    out.write(buffer, 0, n);
                    read += n;
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new Spooled(null, file, read);
        }

        long length() {
            return length;
        }

        InputStream open() throws IOException {
            return file == null ? new ByteArrayInputStream(bytes) : new BufferedInputStream(Files.newInputStream(file));
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A request whose body has already been read (into memory, or a temporary file when large). */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final Spooled body;
        private ServletInputStream stream;

        Buffered(HttpServletRequest request, Spooled body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream != null) {
                return stream;
            }
            InputStream in = body.open();
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
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
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
            return body.length() > Integer.MAX_VALUE ? -1 : (int) body.length();
        }

        @Override
        public long getContentLengthLong() {
            return body.length();
        }
    }
}
