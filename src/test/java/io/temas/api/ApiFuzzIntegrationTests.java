package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation the API documents, read from the OpenAPI document it serves, gets bad values in
 * each of its parameters and in each property of its JSON body (one at a time, nested objects one
 * level down): text with NUL, text far longer than any column, values of the wrong type and
 * malformed ones. Whatever happens, it is never a 5xx and never shows SQL. String properties only
 * get values that must be refused, so the run creates nothing in the shared database.
 */
@TemasIntegrationTest
class ApiFuzzIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LONG = "x".repeat(300 * 1024);

    @LocalServerPort
    int port;

    @Test
    void noBadValueInAnyParameterOrBodyPropertyGetsA5xx() throws Exception {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        JsonNode doc = api.get("/v3/api-docs").json();
        assertThat(doc.at("/paths").size()).as("documented paths").isGreaterThan(40);
        Random random = new Random(20261202L);
        List<Probe> probes = new ArrayList<>();

        for (var path : doc.at("/paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                JsonNode op = operation.getValue();
                List<JsonNode> parameters = new ArrayList<>();
                op.at("/parameters").forEach(parameters::add);
                Map<String, String> pathValues = new LinkedHashMap<>();
                parameters.stream().filter(p -> "path".equals(p.at("/in").asString()))
                        .forEach(p -> pathValues.put(p.at("/name").asString(), plausible(p.at("/schema"), random)));
                String bodyType = op.at("/requestBody/content").propertyNames().stream().findFirst().orElse(null);
                JsonNode bodySchema = bodyType == null ? null : resolve(doc, op.at("/requestBody/content").get(bodyType).at("/schema"));
                String emptyBody = bodyType != null && bodyType.contains("json") ? "{}" : "";

                for (JsonNode parameter : parameters) {
                    String in = parameter.at("/in").asString();
                    if (!"path".equals(in) && !"query".equals(in)) {
                        continue;
                    }
                    String name = parameter.at("/name").asString();
                    for (String value : "path".equals(in) ? List.of("a\u0000b", "zzzz") : parameterValues(resolve(doc, parameter.at("/schema")))) {
                        Map<String, String> values = new LinkedHashMap<>(pathValues);
                        String query = "";
                        if ("path".equals(in)) {
                            values.put(name, value);
                        } else {
                            query = "?" + name + "=" + encode(value);
                        }
                        probes.add(new Probe(method, url(path.getKey(), values) + query, emptyBody));
                    }
                }

                if (bodySchema != null && bodyType.contains("json")) {
                    for (ObjectNode body : bodies(doc, bodySchema)) {
                        probes.add(new Probe(method, url(path.getKey(), pathValues), JSON.writeValueAsString(body)));
                    }
                }
            }
        }

        assertThat(probes).as("requests to send: " + probes.size()).hasSizeGreaterThan(500);
        List<String> failures = new ArrayList<>();
        // A few at a time: the probes are independent, and the server is built for concurrent requests.
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<String>> outcomes = probes.stream().map(probe -> senders.submit(() -> probe.failure(api))).toList();
            for (Future<String> outcome : outcomes) {
                String failure = outcome.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        assertThat(failures).as("operations answering a bad value with a server error or SQL").isEmpty();
    }

    /** One request with one bad value. */
    private record Probe(String method, String url, String body) {

        /** What went wrong, or null when the answer is a refusal without SQL. */
        String failure(Api api) {
            Api.Response response = switch (method) {
                case "GET" -> api.get(url);
                case "DELETE" -> api.delete(url);
                case "PUT" -> api.put(url, body);
                case "POST" -> api.post(url, body);
                case "PATCH" -> api.patch(url, body);
                default -> throw new IllegalStateException(method);
            };
            String shown = method + " " + abbreviate(url) + " " + abbreviate(body);
            if (response.status() >= 500) {
                return shown + " -> " + response.status() + " " + abbreviate(response.body());
            }
            if (response.body().matches("(?is).*(\\bSQL|jdbc|postgres|violates|relation \").*")) {
                return shown + " -> shows SQL: " + abbreviate(response.body());
            }
            return null;
        }
    }

    /** Bad values for a parameter: NUL, overlong, wrong type and malformed, and the values that broke searches and reports. */
    private static List<String> parameterValues(JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("a\u0000b", LONG, "zzzz", "_", "100000000"));
        if ("array".equals(schema.at("/type").asString())) {
            values.add("");
        }
        return values;
    }

    /** Bodies with one bad property each; objects inside get the same one level down. */
    private static List<ObjectNode> bodies(JsonNode doc, JsonNode schema) {
        List<ObjectNode> bodies = new ArrayList<>();
        for (var property : schema.at("/properties").properties()) {
            JsonNode propertySchema = resolve(doc, property.getValue());
            for (JsonNode value : propertyValues(propertySchema)) {
                bodies.add(NODES.objectNode().set(property.getKey(), value));
            }
            if (propertySchema.has("properties")) {
                for (ObjectNode inner : bodies(doc, propertySchema)) {
                    bodies.add(NODES.objectNode().set(property.getKey(), inner));
                }
            }
        }
        return bodies;
    }

    private static List<JsonNode> propertyValues(JsonNode schema) {
        String type = schema.at("/type").asString();
        List<JsonNode> values = new ArrayList<>(List.of(NODES.stringNode("a\u0000b")));
        switch (type) {
            case "string" -> values.addAll(List.of(NODES.stringNode(LONG), NODES.numberNode(12345), NODES.objectNode()));
            case "array" -> values.addAll(List.of(NODES.arrayNode().addNull(), NODES.arrayNode().add("a\u0000b"),
                    NODES.arrayNode().add(LONG), NODES.arrayNode().add(NODES.objectNode())));
            case "integer", "number" -> values.addAll(List.of(NODES.numberNode(1e300), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE)));
            case "boolean" -> values.add(NODES.numberNode(2));
            case "object" -> values.addAll(List.of(NODES.arrayNode(), NODES.objectNode().put("a\u0000b", "a\u0000b"),
                    NODES.objectNode().put("zzzz", LONG)));
            default -> values.add(NODES.numberNode(1));
        }
        if (schema.has("format")) {
            values.add(NODES.stringNode("zzzz"));
        }
        return values;
    }

    /** A well-formed value for a path parameter that names nothing, so the operation gets as far as it can. */
    private static String plausible(JsonNode schema, Random random) {
        if ("uuid".equals(schema.at("/format").asString())) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        return "integer".equals(schema.at("/type").asString()) ? "1" : "zzzz";
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            resolved = doc.at(resolved.get("$ref").asString().substring(1));
        }
        return resolved;
    }

    private static String url(String template, Map<String, String> values) {
        String url = template;
        for (var e : values.entrySet()) {
            url = url.replace("{" + e.getKey() + "}", encode(e.getValue()).replace("+", "%20"));
        }
        return url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
