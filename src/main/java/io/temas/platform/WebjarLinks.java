package io.temas.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/**
 * Links to webjars in our pages carry the library's version ({@code /webjars/htmx.org/dist/htmx.min.js} becomes
 * {@code /webjars/htmx.org/2.0.10/dist/htmx.min.js}), so a browser never keeps an older copy after an upgrade; every
 * other link is written as it is.
 *
 * <p>Spring Boot's own {@link ResourceUrlEncodingFilter}, which it registers because a webjars locator is on the class
 * path, asks the resource chain about every link a page writes, and the static resources' pattern ({@code /**}) matches
 * them all: each link of a console page (a customer's 360 writes hundreds) was looked for in four class-path locations
 * inside the packaged jar, and found in none, on every request (a look-up that finds nothing is not remembered). This
 * filter takes its place (Boot registers its own only when there is none) and asks only about webjar links, once each.
 */
@Configuration(proxyBeanMethods = false)
class WebjarLinks {

    static final String WEBJARS = "/webjars/";

    /** Webjar links kept at most: templates write a handful; past this many, a new one is resolved each time it is written. */
    static final int KEPT = 256;

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> webjarLinksFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static final class Filter extends ResourceUrlEncodingFilter {

        private final Map<String, String> versioned = new ConcurrentHashMap<>();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
                chain.doFilter(request, new Links(http, answer));
            } else {
                chain.doFilter(request, response);
            }
        }

        /** A link as it should be written: a webjar's with its version, anything else unchanged. */
        String link(HttpServletRequest request, String url) {
            String prefix = request.getContextPath() + WEBJARS;
            if (!url.startsWith(prefix)) {
                return url;
            }
            String known = versioned.get(url);
            if (known != null) {
                return known;
            }
            if (!(request.getAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR) instanceof ResourceUrlProvider provider)) {
                // Outside a request Spring MVC handles (a filter's own answer): written as it is, and asked again next time.
                return url;
            }
            int context = request.getContextPath().length();
            int end = end(url);
            String found = provider.getForLookupPath(url.substring(context, end));
            String written = found == null ? url : url.substring(0, context) + found + url.substring(end);
            if (versioned.size() < KEPT) {
                versioned.put(url, written);
            }
            return written;
        }

        private static int end(String url) {
            int query = url.indexOf('?');
            int fragment = url.indexOf('#');
            return query < 0 ? (fragment < 0 ? url.length() : fragment) : fragment < 0 ? query : Math.min(query, fragment);
        }

        private final class Links extends HttpServletResponseWrapper {

            private final HttpServletRequest request;

            Links(HttpServletRequest request, HttpServletResponse response) {
                super(response);
                this.request = request;
            }

            @Override
            public String encodeURL(String url) {
                return super.encodeURL(link(request, url));
            }
        }
    }
}
