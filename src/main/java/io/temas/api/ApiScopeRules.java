package io.temas.api;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which scope each API request needs, as one ordered table (the first rule that matches decides):
 * {@link ApiSecurity} enforces it and the API documentation states it on every operation, so the two
 * cannot drift apart.
 */
final class ApiScopeRules {

    /**
     * One row: requests with this method (any when null) on one of these paths need {@code scope}
     * ({@code null}: none, they are open or check their own signature).
     */
    record Rule(HttpMethod method, ApiScope scope, List<String> patterns) {

        Rule(HttpMethod method, ApiScope scope, String... patterns) {
            this(method, scope, List.of(patterns));
        }

        boolean open() {
            return scope == null;
        }

        boolean matches(HttpMethod requestMethod, String path) {
            if (method != null && !method.equals(requestMethod)) {
                return false;
            }
            PathContainer container = PathContainer.parsePath(path);
            return patterns.stream().map(PathPatternParser.defaultInstance::parse).anyMatch(p -> p.matches(container));
        }
    }

    private static final String[] CONFIGURATION = {"/api/v1/entry-points/**", "/api/v1/queues/**", "/api/v1/agents/**",
            "/api/v1/routing-rules/**", "/api/v1/sla-policies/**", "/api/v1/business-hours/**", "/api/v1/contact-rules/**",
            "/api/v1/chat-settings/**", "/api/v1/ack-templates/**"};

    /** The table, in order. Anything it does not name needs {@link #FALLBACK}. */
    static final List<Rule> RULES = List.of(
            new Rule(null, null, "/actuator/health/**", "/actuator/health", "/actuator/info"),
            new Rule(HttpMethod.POST, null, "/api/v1/webhooks/sms/**"),
            new Rule(HttpMethod.POST, null, "/api/v1/webhooks/cti", "/api/v1/webhooks/voice/**"),
            // Messenger connectors: the provider signs every POST; GET answers Meta's subscription challenge.
            new Rule(null, null, "/api/v1/webhooks/whatsapp", "/api/v1/webhooks/telegram", "/api/v1/webhooks/messenger"),
            new Rule(HttpMethod.GET, null, "/api/v1/campaign-links/*"),
            new Rule(null, ApiScope.ADMIN, "/actuator/**"),
            new Rule(HttpMethod.POST, ApiScope.INBOUND, "/api/v1/inbound/**"),
            // Other systems push their events and import files as they push inbound messages.
            new Rule(HttpMethod.POST, ApiScope.INBOUND, "/api/v1/customer-events", "/api/v1/customer-events/imports"),
            new Rule(null, ApiScope.ADMIN, "/api/v1/quarantine/**", "/api/v1/tokens/**", "/api/v1/outbox/**", "/api/v1/mailboxes/**"),
            // Subscriptions carry their secrets and point Temas at addresses: administrators only, reading included.
            new Rule(null, ApiScope.ADMIN, "/api/v1/webhook-subscriptions/**"),
            // KVKK / GDPR: a person's whole data, its erasure and the erasure audit are an admin's.
            new Rule(null, ApiScope.ADMIN, "/api/v1/customers/*/export", "/api/v1/customers/*/erase", "/api/v1/erasures", "/api/v1/erasures/**"),
            new Rule(HttpMethod.GET, ApiScope.READ, "/api/v1/reports/satisfaction"),
            new Rule(HttpMethod.GET, ApiScope.READ, "/api/**"),
            new Rule(HttpMethod.POST, ApiScope.READ, "/api/v1/routing/preview"),
            new Rule(null, ApiScope.ADMIN, CONFIGURATION),
            new Rule(HttpMethod.POST, ApiScope.ADMIN, "/api/v1/kb/index/rebuild"));

    /** What every other request needs. */
    static final ApiScope FALLBACK = ApiScope.WRITE;

    private ApiScopeRules() {
    }

    /** The rule deciding a request, by its method and path (a path template such as {@code /api/v1/conversations/{id}} will do). */
    static Optional<Rule> ruleFor(HttpMethod method, String path) {
        return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    /** The scope a request needs; empty when it needs none. */
    static Optional<ApiScope> scopeFor(HttpMethod method, String path) {
        return ruleFor(method, path).map(r -> Optional.ofNullable(r.scope())).orElse(Optional.of(FALLBACK));
    }

    /** For the security chain. */
    static String[] patterns(Rule rule) {
        return rule.patterns().toArray(String[]::new);
    }
}
