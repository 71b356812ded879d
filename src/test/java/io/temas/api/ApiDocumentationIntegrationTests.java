package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description a person reads at /docs/api: named, versioned, grouped by module, every operation with its scope. */
@TemasIntegrationTest
class ApiDocumentationIntegrationTests {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    @Test
    void isTitledTemasWithTheBuildsVersionAndTheBearerSchemeAppliedToEverything() {
        JsonNode docs = docs();

        assertThat(docs.at("/info/title").asString()).isEqualTo("Temas");
        assertThat(docs.at("/info/version").asString()).isEqualTo(build.getVersion()).isNotEqualTo("v0");
        assertThat(docs.at("/components/securitySchemes/bearer/type").asString()).isEqualTo("http");
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/security").valueStream().map(s -> s.has("bearer"))).containsExactly(true);
    }

    @Test
    void groupsOperationsByModuleAndStatesTheScopeOfEveryOne() {
        JsonNode docs = docs();
        List<String> tags = docs.at("/tags").valueStream().map(t -> t.at("/name").asString()).toList();
        assertThat(tags).contains("Conversations", "Customers", "Campaigns", "Calls", "Inbound", "Routing", "Knowledge base");

        Set<String> used = new TreeSet<>();
        List<String> unscoped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.at("/paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                JsonNode op = operation.getValue();
                op.at("/tags").valueStream().map(JsonNode::asString).forEach(used::add);
                if (!op.at("/x-scope").isString() || !op.at("/description").asString().contains("**Scope:**")) {
                    unscoped.add(operation.getKey() + " " + path.getKey());
                }
            }
        }
        assertThat(unscoped).as("operations without their scope").isEmpty();
        assertThat(used).as("only module tags, no controller names").isSubsetOf(tags).noneMatch(t -> t.contains("controller"));

        assertThat(scope(docs, "post", "/api/v1/inbound")).isEqualTo("inbound");
        assertThat(scope(docs, "get", "/api/v1/conversations/{id}")).isEqualTo("read");
        assertThat(scope(docs, "post", "/api/v1/conversations/{id}/messages")).isEqualTo("write");
        assertThat(scope(docs, "post", "/api/v1/tokens")).isEqualTo("admin");
        assertThat(scope(docs, "put", "/api/v1/ack-templates/{language}/{key}")).isEqualTo("admin");
        assertThat(scope(docs, "post", "/api/v1/webhooks/cti")).isEqualTo("none");
        assertThat(docs.at("/paths/~1api~1v1~1webhooks~1cti/post/security").isArray()).isTrue();
        assertThat(docs.at("/paths/~1api~1v1~1webhooks~1cti/post/security")).isEmpty();
        assertThat(docs.at("/paths/~1api~1v1~1conversations~1{id}/get/tags/0").asString()).isEqualTo("Conversations");
        assertThat(docs.at("/paths/~1api~1v1~1campaigns/post/tags/0").asString()).isEqualTo("Campaigns");
        assertThat(docs.at("/paths/~1api~1v1~1calls/get/tags/0").asString()).isEqualTo("Calls");
    }

    @Test
    void theStatedScopeIsTheOneTheApiEnforces() {
        Api admin = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String reader = admin.post("/api/v1/tokens", "{\"name\":\"docs-reader\",\"scopes\":[\"READ\"]}").text("/value");
        JsonNode docs = docs();
        assertThat(scope(docs, "get", "/api/v1/queues")).isEqualTo("read");
        assertThat(admin.withToken(reader).get("/api/v1/queues").status()).isEqualTo(200);
        assertThat(scope(docs, "get", "/api/v1/outbox")).isEqualTo("admin");
        assertThat(admin.withToken(reader).get("/api/v1/outbox").status()).isEqualTo(403);
        assertThat(admin.withToken(null).get("/api/v1/queues").status()).isEqualTo(401);
    }

    @Test
    void theMainOperationsCarryExamples() {
        JsonNode inbound = docs().at("/paths/~1api~1v1~1inbound/post");

        assertThat(inbound.at("/requestBody/content/application~1json/examples/example/value/entryPoint").asString())
                .isEqualTo("fatura@ornek.com.tr");
        assertThat(inbound.at("/responses/200/content/application~1json/examples/example/value/conversationId").isString()).isTrue();
    }

    @Test
    void everyExampleBelongsToADocumentedOperation() throws Exception {
        JsonNode docs = docs();
        JsonNode examples;
        try (var in = getClass().getResourceAsStream("/openapi/examples.json")) {
            examples = tools.jackson.databind.json.JsonMapper.builder().build().readTree(in);
        }
        for (Map.Entry<String, JsonNode> example : examples.properties()) {
            String[] methodAndPath = example.getKey().split(" ", 2);
            JsonNode op = docs.at("/paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(java.util.Locale.ROOT));
            assertThat(op.isMissingNode()).as(example.getKey() + " is documented").isFalse();
            if (example.getValue().has("request")) {
                assertThat(op.at("/requestBody/content/application~1json/examples/example/value").isObject()).as(example.getKey()).isTrue();
            }
        }
        assertThat(docs.at("/paths/~1api~1v1~1conversations~1{id}/get/responses/200/content/application~1json/examples/example/value/reference")
                .asString()).isEqualTo("T-1042");
    }

    private JsonNode docs() {
        Api.Response docs = new Api(port, null).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.json();
    }

    private static String scope(JsonNode docs, String method, String path) {
        JsonNode op = docs.at("/paths").path(path).path(method);
        assertThat(op.isMissingNode()).as(method + " " + path + " is documented").isFalse();
        return op.at("/x-scope").asString();
    }
}
