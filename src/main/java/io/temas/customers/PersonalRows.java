package io.temas.customers;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns rows as JDBC reads them into the plain values a {@link PersonalData} export holds: times as
 * ISO-8601 text, arrays as lists, ids as text, raw bytes as the text they hold (payloads are text
 * formats: MIME, JSON, form posts), anything else (jsonb) as its text.
 */
public final class PersonalRows {

    private PersonalRows() {
    }

    public static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
        return rows.stream().map(PersonalRows::plain).toList();
    }

    public static Map<String, Object> plain(Map<String, Object> row) {
        Map<String, Object> plain = new LinkedHashMap<>();
        row.forEach((column, value) -> plain.put(column, value(value)));
        return plain;
    }

    static Object value(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case UUID id -> id.toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case TemporalAccessor t -> t.toString();
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case java.sql.Array array -> list(array);
            case Object[] items -> Arrays.stream(items).map(PersonalRows::value).toList();
            case List<?> items -> items.stream().map(PersonalRows::value).toList();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), value(v)));
                yield copy;
            }
            default -> value.toString();
        };
    }

    private static List<Object> list(java.sql.Array array) {
        try {
            Object items = array.getArray();
            List<Object> list = new ArrayList<>();
            if (items instanceof Object[] objects) {
                for (Object item : objects) {
                    list.add(value(item));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an array column", e);
        }
    }
}
