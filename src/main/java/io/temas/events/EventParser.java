package io.temas.events;

import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.InvalidInput;
import io.temas.shared.ReasonCode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one event from a line of NDJSON or of CSV and checks it; a line that breaks a rule is refused with the field
 * and the reason, never half taken. The rules: a type that is known or a lower-case name; {@code at} an ISO-8601 time
 * with its offset, not before 1900 nor more than a day ahead; a source id of 1 to 200 characters; at least one
 * identifier; attributes that are strings, numbers or booleans under the size limits; no control characters anywhere.
 */
final class EventParser {

    /** An event read from a line and found well formed; whose it is is decided later. */
    record Parsed(int line, String raw, String type, Instant at, String sourceId, List<Identifier> identifiers,
                  Map<String, Object> attributes, String attributesJson) {
    }

    /** Thrown for a line that breaks a rule; cheap, since a bad file may have many. */
    static final class LineRefused extends RuntimeException {

        final String field;

        /** The reason as the console says it in the reader's language: {@code events.refused.<key>} and its arguments. */
        final ReasonCode code;

        /** @param args numbers (written in the reader's language) and texts, shown as written whatever they start with */
        LineRefused(String field, String reason, String key, Object... args) {
            super(reason, null, false, false);
            this.field = field;
            this.code = new ReasonCode("events.refused." + key, java.util.Arrays.stream(args)
                    .map(a -> a instanceof Number n ? ReasonCode.number(n) : ReasonCode.text(String.valueOf(a))).toList());
        }
    }

    static final int MAX_SOURCE_ID = 200;
    static final int MAX_VALUE = 500;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> FIELDS = Set.of("type", "at", "sourceId", "identifiers", "attributes");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    /** The identifier names of the JSON form and of the CSV columns. */
    static final Map<String, IdentifierType> JSON_IDENTIFIERS = Map.of("email", IdentifierType.EMAIL, "phone", IdentifierType.PHONE,
            "accountNumber", IdentifierType.ACCOUNT, "loyaltyNumber", IdentifierType.LOYALTY, "cookie", IdentifierType.COOKIE,
            "social", IdentifierType.SOCIAL);
    static final Map<String, IdentifierType> CSV_IDENTIFIERS = Map.of("email", IdentifierType.EMAIL, "phone", IdentifierType.PHONE,
            "account_number", IdentifierType.ACCOUNT, "loyalty_number", IdentifierType.LOYALTY, "cookie", IdentifierType.COOKIE,
            "social", IdentifierType.SOCIAL);

    private final JsonMapper json;
    private final EventsSettings settings;
    private final Clock clock;

    EventParser(JsonMapper json, EventsSettings settings, Clock clock) {
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** The line as it may be stored and shown: a NUL (which text columns cannot hold) as U+2400. */
    static String storable(String raw) {
        return raw.indexOf('\0') < 0 ? raw : raw.replace('\0', '\u2400');
    }

    /** Reads a line of NDJSON (or a whole single-event body). */
    Parsed json(int line, String raw) {
        common(raw);
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JacksonException e) {
            throw new LineRefused(null, "not valid JSON: " + firstLine(e.getOriginalMessage()), "json", firstLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new LineRefused(null, "not a JSON object", "object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new LineRefused(name, "unknown field '" + clip(name) + "' (known: type, at, sourceId, identifiers, attributes)", "field", clip(name));
            }
        }
        String type = type(text(node, "type"));
        Instant at = at(text(node, "at"));
        String sourceId = sourceId(text(node, "sourceId"));
        JsonNode ids = node.get("identifiers");
        if (ids == null || ids.isNull()) {
            throw new LineRefused("identifiers", "identifiers are missing", "identifiers.missing");
        }
        if (!ids.isObject()) {
            throw new LineRefused("identifiers", "identifiers must be an object such as {\"email\": \"…\"}", "identifiers.object");
        }
        List<Identifier> identifiers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ids.properties()) {
            IdentifierType kind = JSON_IDENTIFIERS.get(e.getKey());
            String field = "identifiers." + clip(e.getKey());
            if (kind == null) {
                String known = String.join(", ", JSON_IDENTIFIERS.keySet().stream().sorted().toList());
                throw new LineRefused(field, "unknown identifier (known: " + known + ")", "identifier.unknown", clip(e.getKey()), known);
            }
            if (e.getValue().isNull()) {
                continue;
            }
            if (!e.getValue().isString()) {
                throw new LineRefused(field, "must be a string", "string", field);
            }
            identifier(identifiers, kind, field, e.getValue().asString());
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        JsonNode attrs = node.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw new LineRefused("attributes", "attributes must be an object of strings, numbers and booleans", "attributes.object");
            }
            for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                JsonNode v = e.getValue();
                String field = "attributes." + clip(e.getKey());
                Object value;
                if (v.isNull()) {
                    continue;
                } else if (v.isString()) {
                    value = v.asString();
                } else if (v.isNumber()) {
                    value = number(field, v);
                } else if (v.isBoolean()) {
                    value = v.asBoolean();
                } else {
                    throw new LineRefused(field, "must be a string, a number or a boolean", "attribute.type", field);
                }
                attribute(attributes, e.getKey(), value);
            }
        }
        return parsed(line, raw, type, at, sourceId, identifiers, attributes);
    }

    /** A JSON number as stored: a long when it is one, else a decimal; one no decimal holds (1e400, read as infinity) is refused. */
    private static Object number(String field, JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
            throw new LineRefused(field, "is a number out of range", "number.range", field);
        }
        try {
            return v.decimalValue();
        } catch (RuntimeException outOfRange) {
            throw new LineRefused(field, "is a number out of range", "number.range", field);
        }
    }

    /** A CSV file's columns, read from its header. */
    record Columns(List<String> names) {
    }

    /**
     * Reads a CSV header: {@code type}, {@code at} and {@code source_id} are required; identifier columns and
     * {@code attr.<name>} columns are optional; anything else refuses the file.
     */
    static Columns header(String line) {
        if (line == null || line.isBlank()) {
            throw new InvalidInput("file", "the CSV file is empty: its first line must name the columns")
                    .saying(ReasonCode.of("events.file.empty"));
        }
        List<String> names;
        try {
            names = cells(line.startsWith("\uFEFF") ? line.substring(1) : line).stream().map(String::trim).toList();
        } catch (LineRefused e) {
            throw new InvalidInput("file", "the CSV header cannot be read: " + e.getMessage())
                    .saying(ReasonCode.of("events.file.header.unreadable", ReasonCode.nested(e.code)));
        }
        for (String required : List.of("type", "at", "source_id")) {
            if (!names.contains(required)) {
                throw new InvalidInput("file", "the CSV header has no column '" + required
                        + "' (columns: type, at, source_id, email, phone, account_number, loyalty_number, cookie, social, attr.<name>)")
                        .saying(ReasonCode.of("events.file.header.missing", required));
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            boolean known = Set.of("type", "at", "source_id").contains(name) || CSV_IDENTIFIERS.containsKey(name)
                    || (name.startsWith("attr.") && ATTRIBUTE_NAME.matcher(name.substring(5)).matches());
            if (!known) {
                throw new InvalidInput("file", "the CSV header has an unknown column '" + clip(name)
                        + "' (columns: type, at, source_id, email, phone, account_number, loyalty_number, cookie, social, attr.<name>)")
                        .saying(ReasonCode.of("events.file.header.unknown", ReasonCode.text(clip(name))));
            }
            if (!seen.add(name)) {
                throw new InvalidInput("file", "the CSV header names the column '" + clip(name) + "' twice")
                        .saying(ReasonCode.of("events.file.header.twice", ReasonCode.text(clip(name))));
            }
        }
        return new Columns(names);
    }

    /** Reads a CSV line under its file's columns. Attribute cells are text; an empty cell is no value. */
    Parsed csv(int line, String raw, Columns columns) {
        common(raw);
        List<String> cells = cells(raw);
        if (cells.size() != columns.names().size()) {
            throw new LineRefused(null, "has " + cells.size() + " cells where the header names " + columns.names().size(), "cells",
                    cells.size(), columns.names().size());
        }
        String type = null;
        String at = null;
        String sourceId = null;
        List<Identifier> identifiers = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = columns.names().get(i);
            String value = cells.get(i);
            if (value.isEmpty()) {
                continue;
            }
            switch (name) {
                case "type" -> type = value;
                case "at" -> at = value;
                case "source_id" -> sourceId = value;
                default -> {
                    if (name.startsWith("attr.")) {
                        attribute(attributes, name.substring(5), value);
                    } else {
                        identifier(identifiers, CSV_IDENTIFIERS.get(name), name, value);
                    }
                }
            }
        }
        return parsed(line, raw, type(required("type", type)), at(required("at", at)), sourceId(required("source_id", sourceId)),
                identifiers, attributes);
    }

    private Parsed parsed(int line, String raw, String type, Instant at, String sourceId, List<Identifier> identifiers,
                          Map<String, Object> attributes) {
        if (identifiers.isEmpty()) {
            throw new LineRefused("identifiers", "no identifier: give at least one of email, phone, accountNumber, loyaltyNumber, cookie, social",
                    "identifiers.none");
        }
        String attributesJson = json.writeValueAsString(attributes);
        if (attributesJson.getBytes(StandardCharsets.UTF_8).length > settings.maxAttributesSize().toBytes()) {
            throw new LineRefused("attributes", "attributes are larger than " + settings.maxAttributesSize().toBytes() + " bytes as JSON",
                    "attributes.size", settings.maxAttributesSize().toBytes());
        }
        return new Parsed(line, raw, type, at, sourceId, List.copyOf(identifiers), attributes, attributesJson);
    }

    private void common(String raw) {
        if (raw.indexOf('\0') >= 0) {
            throw new LineRefused(null, "contains a NUL byte", "nul");
        }
        if (raw.length() > settings.maxLineSize().toBytes()) {
            throw new LineRefused(null, "is longer than " + settings.maxLineSize().toBytes() + " characters", "line.long",
                    settings.maxLineSize().toBytes());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new LineRefused(field, field + " is missing", "missing", field);
        }
        if (!value.isString()) {
            throw new LineRefused(field, field + " must be a string", "string", field);
        }
        return value.asString();
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new LineRefused(field, field + " is missing", "missing", field);
        }
        return value;
    }

    private static String type(String type) {
        if (!EventTypes.KNOWN.contains(type) && !EventTypes.NAME.matcher(type).matches()) {
            String known = String.join(", ", EventTypes.KNOWN.stream().sorted().toList());
            throw new LineRefused("type", "type '" + clip(type) + "' is neither a known type (" + known
                    + ") nor a name of lower-case letters, digits and underscores (2 to 64 characters)", "type", clip(type), known);
        }
        return type;
    }

    private Instant at(String at) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(at, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new LineRefused("at", "at '" + clip(at) + "' is not an ISO-8601 time with its offset, such as 2026-12-02T14:05:00+03:00",
                    "at", clip(at));
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            throw new LineRefused("at", "at " + at + " is before 1900 or more than a day ahead", "at.range", clip(at));
        }
        return instant;
    }

    private static String sourceId(String sourceId) {
        if (sourceId.isBlank()) {
            throw new LineRefused("sourceId", "sourceId is blank", "sourceId.blank");
        }
        if (sourceId.length() > MAX_SOURCE_ID) {
            throw new LineRefused("sourceId", "sourceId is longer than " + MAX_SOURCE_ID + " characters", "long", "sourceId",
                    MAX_SOURCE_ID);
        }
        control("sourceId", sourceId);
        return sourceId;
    }

    private static void identifier(List<Identifier> identifiers, IdentifierType kind, String field, String value) {
        if (value.length() > MAX_VALUE) {
            throw new LineRefused(field, field + " is longer than " + MAX_VALUE + " characters", "long", field, MAX_VALUE);
        }
        control(field, value);
        if (!value.isBlank()) {
            identifiers.add(new Identifier(kind, value));
        }
    }

    private void attribute(Map<String, Object> attributes, String name, Object value) {
        String field = "attributes." + clip(name);
        if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new LineRefused(field, "attribute names are a letter then up to 63 letters, digits, '_', '.' or '-'", "attribute.name", field);
        }
        if (value instanceof String text) {
            if (text.length() > MAX_VALUE) {
                throw new LineRefused(field, field + " is longer than " + MAX_VALUE + " characters", "long", field, MAX_VALUE);
            }
            control(field, text);
        }
        if (value instanceof BigDecimal decimal && (decimal.precision() > 40 || Math.abs(decimal.scale()) > 20)) {
            throw new LineRefused(field, field + " is a number with too many digits", "number.digits", field);
        }
        attributes.put(name, value);
        if (attributes.size() > settings.maxAttributes()) {
            throw new LineRefused("attributes", "more than " + settings.maxAttributes() + " attributes", "attributes.many",
                    settings.maxAttributes());
        }
    }

    private static void control(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new LineRefused(field, field + " contains a control character (U+%04X)".formatted((int) c), "control", field,
                        "U+%04X".formatted((int) c));
            }
        }
    }

    /** A CSV line's cells (RFC 4180 quoting: a quoted cell may hold commas and doubled quotes, but not a line break). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            cell.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new LineRefused(null, "a quoted cell is not closed", "quote.open");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new LineRefused(null, "text after a quoted cell's closing quote", "quote.after");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    cell.append(line.charAt(i++));
                }
            }
            cells.add(cell.toString());
            if (i >= n) {
                return cells;
            }
            i++;
        }
    }

    private static String clip(String value) {
        String clean = io.temas.shared.TextInput.strip(value, false);
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return clip(end < 0 ? message : message.substring(0, end));
    }
}
