package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.api.ApiScope;
import io.temas.api.ApiTokens;
import io.temas.support.Routes;
import io.temas.support.Routes.Route;
import io.temas.support.TemasIntegrationTest;
import io.temas.support.Guest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application serves, read from Spring MVC's handler mapping, tried by everyone
 * who may come to the door: a visitor, the three console roles signed in through the login form,
 * and API tokens of each scope. Who may pass is stated once, below, by path; a route that no
 * rule classifies fails the test, so a new route has to be placed in the table. Path variables
 * are random ids, so a request that passes the door mostly meets a 404 — which counts as passing.
 * Console sessions carry their CSRF token, so a 403 here is the door, not the CSRF check.
 */
@TemasIntegrationTest
class AuthorisationMatrixIntegrationTests {

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Set<String> ANY = Set.of();

    /** Who knocks. */
    enum Caller {
        VISITOR, AGENT, SUPERVISOR, ADMIN, INBOUND_TOKEN, READ_TOKEN, WRITE_TOKEN, ADMIN_TOKEN
    }

    /** Who may pass. */
    enum Access {
        EVERYONE(EnumSet.allOf(Caller.class)),
        /** Open at the door; the provider's signature is checked by the endpoint itself. */
        SIGNED_BY_PROVIDER(EnumSet.allOf(Caller.class)),
        /** Open at the door; the chat's visitor token and the page's origin are checked by the endpoint itself. */
        VISITOR_TOKEN(EnumSet.allOf(Caller.class)),
        AGENT(EnumSet.of(Caller.AGENT, Caller.SUPERVISOR, Caller.ADMIN)),
        SUPERVISOR(EnumSet.of(Caller.SUPERVISOR, Caller.ADMIN)),
        ADMIN(EnumSet.of(Caller.ADMIN)),
        INBOUND_SCOPE(EnumSet.of(Caller.INBOUND_TOKEN, Caller.ADMIN_TOKEN)),
        READ_SCOPE(EnumSet.of(Caller.READ_TOKEN, Caller.WRITE_TOKEN, Caller.ADMIN_TOKEN)),
        WRITE_SCOPE(EnumSet.of(Caller.WRITE_TOKEN, Caller.ADMIN_TOKEN)),
        ADMIN_SCOPE(EnumSet.of(Caller.ADMIN_TOKEN));

        final Set<Caller> allowed;

        Access(Set<Caller> allowed) {
            this.allowed = allowed;
        }
    }

    /** Methods (none: any) on an Ant-style path pattern; the first rule that matches a route decides. */
    record Rule(Set<String> methods, String pattern, Access access) {

        boolean matches(Route route) {
            return (methods.isEmpty() || methods.contains(route.method())) && PATHS.match(pattern, route.pattern());
        }
    }

    static final List<Rule> RULES = List.of(
            // The console: form sign-in, roles nest (admin ⊃ supervisor ⊃ agent).
            new Rule(ANY, "/login", Access.EVERYONE),
            new Rule(Set.of("GET"), "/", Access.AGENT),
            new Rule(ANY, "/console/admin/**", Access.ADMIN),
            new Rule(ANY, "/console/supervisor/**", Access.SUPERVISOR),
            // Knowledge-base authoring: supervisors and admins write the articles, categories and synonyms.
            new Rule(ANY, "/console/knowledge/admin", Access.SUPERVISOR),
            new Rule(ANY, "/console/knowledge/admin/**", Access.SUPERVISOR),
            new Rule(ANY, "/console/reports/**", Access.SUPERVISOR),
            // Callbacks: the board, cancel and reassign are the supervisor's; the card and its buttons any agent's.
            new Rule(Set.of("GET"), "/console/callbacks", Access.SUPERVISOR),
            new Rule(Set.of("POST"), "/console/callbacks/*/cancel", Access.SUPERVISOR),
            new Rule(Set.of("POST"), "/console/callbacks/*/reassign", Access.SUPERVISOR),
            // Live chat on the conversation screen: any console user who may see the conversation.
            new Rule(Set.of("POST"), "/console/conversations/*/typing", Access.AGENT),
            new Rule(ANY, "/console/conversations/*/chat/**", Access.AGENT),
            // The dialer: every agent may work the call lists of running campaigns.
            new Rule(Set.of("GET"), "/console/dialer", Access.AGENT),
            new Rule(ANY, "/console/dialer/**", Access.AGENT),
            // Calls: the screen pop, wrap-up, click-to-call and the phone panels; the handlers check whose call it is.
            new Rule(ANY, "/console/calls/*/**", Access.AGENT),
            new Rule(Set.of("GET", "POST"), "/console/conversations/*/call*", Access.AGENT),
            new Rule(Set.of("GET", "POST"), "/console/customers/*/call*", Access.AGENT),
            // The conversation page's one form for assignee, queue, status, priority and tags.
            new Rule(Set.of("POST"), "/console/conversations/*/manage", Access.AGENT),
            // Complaints: the report (and its CSV) and the win-back list with its campaign button are the supervisor's.
            new Rule(ANY, "/console/complaints/**", Access.SUPERVISOR),
            new Rule(ANY, "/console/win-back/**", Access.SUPERVISOR),
            // Merge candidates: deciding that two profiles are one person is a supervisor's call.
            new Rule(ANY, "/console/merge-candidates", Access.SUPERVISOR),
            new Rule(ANY, "/console/merge-candidates/**", Access.SUPERVISOR),
            // Campaign screens: any agent may look at a campaign and its report; only supervisors create, change or send one.
            new Rule(Set.of("GET"), "/console/campaigns", Access.AGENT),
            new Rule(ANY, "/console/campaigns/new", Access.SUPERVISOR),
            new Rule(Set.of("GET"), "/console/campaigns/*", Access.AGENT),
            new Rule(Set.of("GET"), "/console/campaigns/*/report", Access.AGENT),
            new Rule(ANY, "/console/campaigns/**", Access.SUPERVISOR),
            new Rule(Set.of("POST"), "/console/campaigns", Access.SUPERVISOR),
            // Event imports: supervisors and admins.
            new Rule(ANY, "/console/imports", Access.SUPERVISOR),
            new Rule(ANY, "/console/imports/**", Access.SUPERVISOR),
            new Rule(ANY, "/console/**", Access.AGENT),
            // Public: the help centre, the API description, error pages, the icon.
            new Rule(ANY, "/portal/**", Access.EVERYONE),
            new Rule(Set.of("GET"), "/v3/api-docs*", Access.EVERYONE),
            new Rule(Set.of("GET"), "/v3/api-docs/**", Access.EVERYONE),
            new Rule(Set.of("GET"), "/docs/**", Access.EVERYONE),
            new Rule(Set.of("GET"), "/swagger-ui/**", Access.EVERYONE),
            new Rule(ANY, "/error", Access.EVERYONE),
            // Surveys and reply ratings: open at the door; the signed link in the path is checked by the page itself.
            new Rule(ANY, "/survey/**", Access.EVERYONE),
            new Rule(Set.of("GET"), "/favicon.ico", Access.EVERYONE),
            // The API: bearer tokens by scope (admin implies every scope, write implies read).
            new Rule(Set.of("POST"), "/api/v1/webhooks/sms/**", Access.SIGNED_BY_PROVIDER),
            new Rule(Set.of("POST"), "/api/v1/webhooks/cti", Access.SIGNED_BY_PROVIDER),
            new Rule(ANY, "/api/v1/webhooks/whatsapp", Access.SIGNED_BY_PROVIDER),
            new Rule(Set.of("POST"), "/api/v1/webhooks/telegram", Access.SIGNED_BY_PROVIDER),
            new Rule(Set.of("GET", "POST"), "/api/v1/webhooks/messenger", Access.SIGNED_BY_PROVIDER),
            new Rule(Set.of("POST"), "/api/v1/webhooks/voice/**", Access.SIGNED_BY_PROVIDER),
            new Rule(Set.of("GET"), "/api/v1/campaign-links/*", Access.EVERYONE),
            new Rule(ANY, "/chat/**", Access.VISITOR_TOKEN),
            new Rule(Set.of("POST"), "/api/v1/inbound/**", Access.INBOUND_SCOPE),
            new Rule(Set.of("POST"), "/api/v1/customer-events", Access.INBOUND_SCOPE),
            new Rule(Set.of("POST"), "/api/v1/customer-events/imports", Access.INBOUND_SCOPE),
            new Rule(ANY, "/api/v1/quarantine/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/tokens/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/outbox/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/mailboxes/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/webhook-subscriptions/**", Access.ADMIN_SCOPE),
            new Rule(Set.of("POST", "DELETE"), "/api/v1/conversations/*/complaint", Access.WRITE_SCOPE),
            new Rule(ANY, "/api/v1/customers/*/export", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/customers/*/erase", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/erasures", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/erasures/**", Access.ADMIN_SCOPE),
            new Rule(Set.of("GET"), "/api/v1/reports/satisfaction", Access.READ_SCOPE),
            new Rule(Set.of("GET"), "/api/**", Access.READ_SCOPE),
            new Rule(Set.of("POST"), "/api/v1/routing/preview", Access.READ_SCOPE),
            new Rule(ANY, "/api/v1/entry-points/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/queues/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/agents/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/routing-rules/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/sla-policies/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/business-hours/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/contact-rules/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/chat-settings/**", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/v1/ack-templates/**", Access.ADMIN_SCOPE),
            new Rule(Set.of("POST"), "/api/v1/kb/index/rebuild", Access.ADMIN_SCOPE),
            new Rule(ANY, "/api/**", Access.WRITE_SCOPE));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    ApiTokens tokens;

    @Test
    void everyRouteLetsInExactlyWhomTheTableSays() {
        List<Route> routes = Routes.of(mapping);
        assertThat(routes).extracting(Route::toString).contains("GET /console/inbox", "POST /console/admin/queues",
                "POST /console/supervisor/reassign", "GET /api/v1/conversations/{id}", "POST /api/v1/inbound");
        Map<Caller, Guest> callers = callers();
        List<String> unclassified = new ArrayList<>();
        List<String> wrong = new ArrayList<>();

        for (Route route : routes) {
            Optional<Rule> rule = RULES.stream().filter(r -> r.matches(route)).findFirst();
            if (rule.isEmpty()) {
                unclassified.add(route.toString());
                continue;
            }
            Access access = rule.get().access();
            for (Caller caller : callersFor(route)) {
                Guest.Answer answer = callers.get(caller).send(route.method(), route.path(), true);
                boolean passed = access == Access.SIGNED_BY_PROVIDER || access == Access.VISITOR_TOKEN
                        ? !refusedByTheApiDoor(answer) : !answer.refused();
                if (passed != access.allowed.contains(caller)) {
                    wrong.add(route + " as " + caller + ": " + answer.status() + (answer.location() == null ? "" : " → " + answer.location())
                            + " (expected " + (access.allowed.contains(caller) ? "to pass" : "a refusal") + ", " + access + ")");
                }
            }
        }

        assertThat(unclassified).as("routes no rule of the table classifies").isEmpty();
        assertThat(wrong).as("routes that let in the wrong callers").isEmpty();
    }

    /** Console sessions and tokens both knock everywhere: a token opens no console page, a console session no API route. */
    private static Set<Caller> callersFor(Route route) {
        return route.pattern().startsWith("/api/")
                ? EnumSet.of(Caller.VISITOR, Caller.ADMIN, Caller.INBOUND_TOKEN, Caller.READ_TOKEN, Caller.WRITE_TOKEN, Caller.ADMIN_TOKEN)
                : EnumSet.of(Caller.VISITOR, Caller.AGENT, Caller.SUPERVISOR, Caller.ADMIN, Caller.ADMIN_TOKEN);
    }

    private static boolean refusedByTheApiDoor(Guest.Answer answer) {
        return (answer.status() == 401 || answer.status() == 403) && answer.body().contains("API token");
    }

    private Map<Caller, Guest> callers() {
        Map<Caller, Guest> callers = new EnumMap<>(Caller.class);
        callers.put(Caller.VISITOR, Guest.anonymous(port));
        callers.put(Caller.AGENT, Guest.signedIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD));
        callers.put(Caller.SUPERVISOR, Guest.signedIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD));
        callers.put(Caller.ADMIN, Guest.signedIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD));
        callers.put(Caller.INBOUND_TOKEN, Guest.anonymous(port).bearing(token(ApiScope.INBOUND)));
        callers.put(Caller.READ_TOKEN, Guest.anonymous(port).bearing(token(ApiScope.READ)));
        callers.put(Caller.WRITE_TOKEN, Guest.anonymous(port).bearing(token(ApiScope.WRITE)));
        callers.put(Caller.ADMIN_TOKEN, Guest.anonymous(port).bearing(token(ApiScope.ADMIN)));
        return callers;
    }

    private String token(ApiScope scope) {
        return tokens.issue("matrix " + scope.name().toLowerCase(java.util.Locale.ROOT), Set.of(scope)).value();
    }
}
