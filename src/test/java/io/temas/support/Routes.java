package io.temas.support;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application serves, read from Spring MVC's handler mapping: tests that walk
 * them cover routes added later without being told.
 */
public final class Routes {

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    /** One method on one path pattern, such as {@code POST /console/conversations/{id}/note}. */
    public record Route(String method, String pattern) {

        /** The path with each variable replaced by a fresh random id, under which nothing exists. */
        public String path() {
            return VARIABLE.matcher(pattern).replaceAll(match -> UUID.randomUUID().toString());
        }

        public boolean changesState() {
            return Set.of("POST", "PUT", "PATCH", "DELETE").contains(method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private Routes() {
    }

    /** The routes in path order; a mapping without a method counts as GET. */
    public static List<Route> of(RequestMappingHandlerMapping mapping) {
        return mapping.getHandlerMethods().keySet().stream()
                .flatMap(Routes::routes)
                .distinct()
                .sorted(Comparator.comparing(Route::pattern).thenComparing(Route::method))
                .toList();
    }

    private static Stream<Route> routes(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> names = methods.isEmpty() ? List.of("GET") : methods.stream().map(Enum::name).toList();
        return info.getPatternValues().stream().flatMap(pattern -> names.stream().map(method -> new Route(method, pattern)));
    }
}
