package io.temas.platform;

import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
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

    private static String decode(String name, String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(name, (name == null ? "a parameter name" : name) + " is not a valid URL-encoded value");
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, InvalidInput e) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:temas:problem:invalid");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", e.getMessage());
        problem.put("instance", request.getRequestURI());
        if (e.field() != null) {
            problem.put("field", e.field());
        }
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
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
