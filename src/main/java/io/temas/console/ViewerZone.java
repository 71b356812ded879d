package io.temas.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The time zone a viewer reads dates in: the one their browser runs in, which {@code console.js}
 * keeps in the {@value #COOKIE} cookie, when it names a zone the JDK knows; otherwise (first page
 * of a visit, a script-less client, a made-up value) the console's configured zone
 * ({@code temas.console.zone}). An agent in Baku reads the promise made to an Istanbul customer in
 * Baku time; the customer was told it in the business calendar's zone.
 */
@Component
class ViewerZone {

    static final String COOKIE = "temas-tz";

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private final ZoneId fallback;

    ViewerZone(ConsoleSettings settings) {
        this.fallback = settings.zone();
    }

    /** The zone of the request being served; the configured one outside a request. */
    ZoneId current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return fallback;
        }
        return of(attributes.getRequest());
    }

    /** The zone the request's cookie names, when the JDK knows it; else the configured one. */
    ZoneId of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return fallback;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                // Written as it is by console.js; decoded only when encoded ("Etc/GMT+3" keeps its plus).
                String raw = cookie.getValue() == null ? "" : cookie.getValue();
                String value = (raw.contains("%") ? java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8) : raw).strip();
                return KNOWN.contains(value) ? ZoneId.of(value) : fallback;
            }
        }
        return fallback;
    }

    /** The configured zone, for what is not read by one viewer. */
    ZoneId fallback() {
        return fallback;
    }
}
