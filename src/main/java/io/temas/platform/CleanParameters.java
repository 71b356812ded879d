package io.temas.platform;

import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request parameters obey {@link TextInput}'s rules before any controller reads them. The API
 * refuses a query parameter with a control character or longer than a short value with a 400
 * problem detail naming it (only the query string is read there: webhooks sign and keep their
 * form bodies byte for byte). Pages, used by people, clean instead: control characters other than
 * tabs and line breaks are removed, and a parameter of a GET request (a search, a filter: never
 * free text) is cut to a short value's length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class CleanParameters extends OncePerRequestFilter {

    private final JsonMapper json;

    CleanParameters(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!request.getRequestURI().startsWith("/api/")) {
            try {
                // Parsed here, once, so a parameter the container cannot decode (%FF, %ZZ) is the
                // sender's 400, not a failure of whichever filter happens to read it first.
                request.getParameterMap();
            } catch (IllegalStateException undecodable) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            chain.doFilter(new Cleaned(request, "GET".equals(request.getMethod())), response);
            return;
        }
        try {
            checkQuery(request.getQueryString());
        } catch (InvalidInput e) {
            refuse(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void checkQuery(String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(null, eq < 0 ? pair : pair.substring(0, eq));
            TextInput.check(name, name, false);
            if (eq >= 0) {
                TextInput.check(name, decode(name, pair.substring(eq + 1)), false);
            }
        }
    }

    /** Percent-decodes as UTF-8, refusing bad escapes and byte sequences that are not UTF-8 (which would become U+FFFD). */
    static String decode(String name, String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    throw notEncoded(name);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw notEncoded(name);
        }
    }

    private static InvalidInput notEncoded(String name) {
        return new InvalidInput(name, (name == null ? "a parameter name" : name) + " is not a valid URL-encoded UTF-8 value");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, InvalidInput e) throws IOException {
        ProblemDetail problem = ProblemResponses.of(HttpStatus.BAD_REQUEST, "invalid", e.getMessage(), request);
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        ProblemResponses.write(response, json, problem);
    }

    /** A page request whose parameters come cleaned. */
    private static final class Cleaned extends HttpServletRequestWrapper {

        private final boolean cut;
        private Map<String, String[]> parameters;

        Cleaned(HttpServletRequest request, boolean cut) {
            super(request);
            this.cut = cut;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> clean = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> clean.put(TextInput.strip(name, false),
                        Arrays.stream(values).map(this::clean).toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(clean);
            }
            return parameters;
        }

        private String clean(String value) {
            String clean = TextInput.strip(value, true);
            return cut && clean != null && clean.length() > TextInput.SHORT ? clean.substring(0, TextInput.SHORT) : clean;
        }
    }
}
