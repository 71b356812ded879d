package io.temas.api;

import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Holds every text value of a JSON request body to {@link TextInput}'s rules before a controller
 * sees it, naming the field (as a path such as {@code from.name}) when one is refused. A field is
 * free text when its name says so ({@link #FREE_TEXT}); every other string is a short value. A list
 * may not hold null: no operation means anything by it.
 * Applied after reading, not in the JSON reader, so stored JSON read back by the modules is
 * never held to it.
 */
@ControllerAdvice(basePackageClasses = JsonText.class)
class JsonText extends RequestBodyAdviceAdapter {

    /** Field names whose values are free text: message and article bodies, descriptions, reasons. */
    static final Set<String> FREE_TEXT = Set.of("text", "html", "body", "subject", "description", "comment", "reason", "offer",
            "terms", "note");

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check(body);
        return body;
    }

    /**
     * Checks a body read outside Spring's converters (the inbound endpoint reads its own).
     *
     * @throws io.temas.shared.InvalidInput naming the first field that breaks a rule
     */
    static void check(Object body) {
        walk(null, body);
    }

    private static void walk(String path, Object value) {
        switch (value) {
            case null -> {
            }
            case String text -> TextInput.check(path, text, FREE_TEXT.contains(last(path)));
            case JsonNode node -> node(path, node);
            case Collection<?> items -> items.forEach(item -> {
                if (item == null) {
                    throw new InvalidInput(path, label(path) + "holds a null item");
                }
                walk(path, item);
            });
            case Map<?, ?> map -> map.forEach((key, item) -> {
                if (key instanceof String name) {
                    TextInput.check(path, name, false);
                }
                walk(path, item);
            });
            case Record record -> {
                for (Component component : COMPONENTS.get(record.getClass())) {
                    walk(path == null ? component.name() : path + "." + component.name(), component.read(record));
                }
            }
            default -> {
            }
        }
    }

    private static void node(String path, JsonNode node) {
        if (node.isString()) {
            TextInput.check(path, node.asString(), FREE_TEXT.contains(last(path)));
        } else if (node.isArray()) {
            if (node.values().stream().anyMatch(JsonNode::isNull)) {
                throw new InvalidInput(path, label(path) + "holds a null item");
            }
            node.values().forEach(item -> node(path, item));
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                TextInput.check(path, e.getKey(), false);
                node(path == null ? e.getKey() : path + "." + e.getKey(), e.getValue());
            });
        }
    }

    /** A record's components with their accessors, looked up and opened once per record class (every request walks them). */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                components.add(new Component(component.getName(), accessor, component.toString()));
            }
            return List.copyOf(components);
        }
    };

    private record Component(String name, Method accessor, String description) {

        Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + description, e);
            }
        }
    }

    private static String label(String path) {
        return path == null ? "the body " : path + " ";
    }

    private static String last(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('.') + 1);
    }
}
