package io.temas.channels;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies for fuzzing a webhook: a valid sample with one field at a time replaced by a value of the
 * wrong type or content (an object, an array, a non-numeric string, a string holding a NUL, one far
 * longer than any id, a huge number, a negative one, null, a boolean), for every field of the
 * sample, nested ones included.
 */
public final class WebhookFuzz {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookFuzz() {
    }

    /** Every variant of {@code sample}; {@code fresh} is called before each to give ids that were not seen yet. */
    public static List<String> variants(java.util.function.Supplier<String> fresh) {
        JsonNode sample = JSON.readTree(fresh.get());
        List<String> paths = new ArrayList<>();
        collect(sample, "", paths);
        List<String> bodies = new ArrayList<>();
        for (String path : paths) {
            for (JsonNode wrong : wrongs()) {
                JsonNode copy = JSON.readTree(fresh.get());
                replace(copy, path, wrong);
                bodies.add(JSON.writeValueAsString(copy));
            }
        }
        return bodies;
    }

    private static List<JsonNode> wrongs() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode object = f.objectNode();
        object.put("x", 1);
        ArrayNode array = f.arrayNode();
        array.add(f.objectNode().put("y", "z"));
        return List.of(object, array, f.stringNode("x"), f.stringNode("x\u0000y"), f.stringNode("9".repeat(10_000)),
                f.numberNode(new java.math.BigInteger("99999999999999999999999")),
                f.numberNode(9_999_999_999_999_999L), f.numberNode(-1), f.nullNode(), f.booleanNode(true));
    }

    private static void collect(JsonNode node, String path, List<String> paths) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                paths.add(path + "/" + name);
                collect(node.get(name), path + "/" + name, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(path + "/" + i);
                collect(node.get(i), path + "/" + i, paths);
            }
        }
    }

    private static void replace(JsonNode root, String path, JsonNode value) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, cut));
        String last = path.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }
}
