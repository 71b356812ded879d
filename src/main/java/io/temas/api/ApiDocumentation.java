package io.temas.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (and read at {@code /docs/api}): titled
 * Temas with the build's version, operations grouped by module rather than by controller, each
 * stating the token scope it needs (from {@link ApiScopeRules}, the table the security chain
 * enforces), the bearer-token scheme applied to all of them so "Try it out" sends the token, and
 * request and response examples for the main operations from {@code openapi/examples.json}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearer";

    /** Module tags by the first path segment after {@code /api/v1/}, in the order the documentation lists them. */
    static final Map<String, List<String>> MODULES = modules();

    private static Map<String, List<String>> modules() {
        Map<String, List<String>> modules = new LinkedHashMap<>();
        modules.put("Inbound", List.of("inbound"));
        modules.put("Conversations", List.of("conversations", "messages", "attachments"));
        modules.put("Customers", List.of("customers", "merges", "merge-candidates"));
        modules.put("Customer events", List.of("customer-events"));
        modules.put("Routing", List.of("entry-points", "queues", "agents", "routing-rules", "routing", "sla-policies", "business-hours"));
        modules.put("Campaigns", List.of("campaigns", "campaign-links", "contact-rules"));
        modules.put("Calls", List.of("calls", "callbacks", "call-lists"));
        modules.put("Knowledge base", List.of("kb"));
        modules.put("E-mail", List.of("mailboxes"));
        modules.put("Chat", List.of("chat-settings"));
        modules.put("WhatsApp", List.of("whatsapp"));
        modules.put("Webhooks", List.of("webhooks"));
        modules.put("Outbound webhooks", List.of("webhook-subscriptions"));
        modules.put("Administration", List.of("tokens", "quarantine", "outbox", "ack-templates"));
        modules.put("Reports", List.of("reports"));
        return modules;
    }

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("Inbound", "Messages from any channel into the pipeline: identified, threaded, routed, assigned, acknowledged."),
            Map.entry("Conversations", "Conversations, their messages and attachments: read, reply, assign, merge, change status."),
            Map.entry("Customers", "Customer profiles, their identities, merges and undoing them."),
            Map.entry("Customer events", "Events from other systems (branch visits, ATM use, sign-ins, orders, payments): one, an NDJSON batch, or an import job for a whole file."),
            Map.entry("Routing", "Entry points, queues, agents, routing rules, SLA policies and business hours."),
            Map.entry("Campaigns", "Campaigns, their audiences and sends, tracked links and contact rules."),
            Map.entry("Calls", "Calls, call-backs and call lists."),
            Map.entry("Knowledge base", "Articles, categories and search."),
            Map.entry("E-mail", "Mailboxes fetched over IMAP and sent through over SMTP."),
            Map.entry("Chat", "Settings of the live chat's entry points."),
            Map.entry("WhatsApp", "WhatsApp message templates."),
            Map.entry("Webhooks", "Called by providers; they check the provider's signature instead of a token."),
            Map.entry("Outbound webhooks", "Subscriptions to Temas's events, signed deliveries to other systems, and their delivery log."),
            Map.entry("Administration", "API tokens, quarantine, outbox and acknowledgement texts."),
            Map.entry("Reports", "Figures over a period: customer satisfaction and reply ratings."));

    @Bean
    OpenAPI temasOpenApi(ObjectProvider<BuildProperties> build) {
        String version = Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse("development");
        return new OpenAPI()
                .info(new Info().title("Temas").version(version)
                        .description("The Temas REST API. Every request carries an API token as `Authorization: Bearer <token>`; "
                                + "each operation states the scope its token needs (inbound, read, write or admin; admin implies all, "
                                + "write implies read). Refusals are problem details (RFC 9457)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").description("An API token (Admin › API tokens in the console, or temas.bootstrap.api-token).")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Puts each operation in its module and states the scope it needs; operations open to anyone drop the bearer requirement. */
    @Bean
    OperationCustomizer scopesAndModules() {
        return (operation, handler) -> {
            Optional<Endpoint> endpoint = Endpoint.of(handler);
            if (endpoint.isEmpty()) {
                return operation;
            }
            String path = endpoint.get().path();
            operation.setTags(new ArrayList<>(List.of(module(path))));
            Optional<ApiScope> scope = ApiScopeRules.scopeFor(endpoint.get().method(), path);
            String needs = scope.map(s -> "**Scope:** `" + s.name().toLowerCase(java.util.Locale.ROOT) + "`")
                    .orElse("**Scope:** none (open; a provider's signature or the link itself is checked)");
            operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank()
                    ? needs : operation.getDescription() + "\n\n" + needs);
            operation.addExtension("x-scope", scope.map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).orElse("none"));
            if (scope.isEmpty()) {
                operation.setSecurity(List.of());
            }
            return operation;
        };
    }

    /** The module tags with their descriptions, in a fixed order, and the examples. */
    @Bean
    OpenApiCustomizer modulesAndExamples(JsonMapper json) {
        JsonNode examples = examples(json);
        return api -> {
            List<Tag> tags = new ArrayList<>();
            MODULES.keySet().forEach(name -> tags.add(new Tag().name(name).description(DESCRIPTIONS.get(name))));
            api.setTags(tags);
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                JsonNode example = examples.path(method.name() + " " + path);
                if (!example.isMissingNode()) {
                    example(operation, example, json);
                }
            }));
        };
    }

    static String module(String path) {
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path;
        String first = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        return MODULES.entrySet().stream().filter(e -> e.getValue().contains(first)).map(Map.Entry::getKey).findFirst()
                .orElse("Administration");
    }

    private static void example(Operation operation, JsonNode example, JsonMapper json) {
        JsonNode request = example.path("request");
        if (!request.isMissingNode() && operation.getRequestBody() != null) {
            Content content = operation.getRequestBody().getContent();
            if (content == null) {
                content = new Content();
                operation.getRequestBody().setContent(content);
            }
            MediaType media = content.computeIfAbsent(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, k -> new MediaType());
            media.addExamples("example", new Example().summary(example.path("summary").asString("")).value(plain(request, json)));
        }
        JsonNode response = example.path("response");
        if (!response.isMissingNode() && operation.getResponses() != null) {
            ApiResponse ok = operation.getResponses().get("200");
            if (ok == null) {
                ok = operation.getResponses().values().stream().findFirst().orElse(null);
            }
            if (ok != null) {
                if (ok.getContent() == null) {
                    ok.setContent(new Content());
                }
                MediaType media = ok.getContent().computeIfAbsent(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        k -> new MediaType());
                if (ok.getContent().size() > 1 && ok.getContent().containsKey("*/*")) {
                    ok.getContent().remove("*/*");
                }
                media.addExamples("example", new Example().value(plain(response, json)));
            }
        }
    }

    /** The example as plain maps and lists, which the OpenAPI writer serialises as JSON. */
    private static Object plain(JsonNode node, JsonMapper json) {
        return json.convertValue(node, Object.class);
    }

    private static JsonNode examples(JsonMapper json) {
        try (InputStream in = new ClassPathResource("openapi/examples.json").getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("openapi/examples.json is missing from the build", e);
        }
    }

    /** The method and full path of a handler, from its mapping annotations (the first path when it has several). */
    record Endpoint(HttpMethod method, String path) {

        static Optional<Endpoint> of(HandlerMethod handler) {
            RequestMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (onMethod == null) {
                return Optional.empty();
            }
            RequestMapping onType = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
            String prefix = onType == null || onType.path().length == 0 ? "" : onType.path()[0];
            String own = onMethod.path().length == 0 ? "" : onMethod.path()[0];
            RequestMethod method = onMethod.method().length == 0 ? RequestMethod.GET : onMethod.method()[0];
            return Optional.of(new Endpoint(HttpMethod.valueOf(method.name()), prefix + own));
        }
    }
}
