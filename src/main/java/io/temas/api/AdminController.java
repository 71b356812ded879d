package io.temas.api;

import io.temas.channels.Outbox;
import io.temas.shared.NotFound;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens and the outbox, for administrators. */
@RestController
class AdminController {

    /** {@code user}: the console user the token acts for (their queue permission applies), or null. */
    record TokenRequest(String name, Set<ApiScope> scopes, String user) {
    }

    private final ApiTokens tokens;
    private final Outbox outbox;
    private final TokenUsers users;

    AdminController(ApiTokens tokens, Outbox outbox, TokenUsers users) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.users = users;
    }

    @GetMapping("/api/v1/tokens")
    List<ApiTokens.Token> tokens() {
        return tokens.all();
    }

    @PostMapping("/api/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.Issued issue(@RequestBody TokenRequest request) {
        Set<ApiScope> scopes = request.scopes() == null || request.scopes().isEmpty() ? EnumSet.of(ApiScope.READ) : request.scopes();
        String user = request.user() == null || request.user().isBlank() ? null : request.user().strip();
        if (user != null && users.access(user).isEmpty()) {
            throw new io.temas.shared.InvalidInput("user", "no enabled console user " + user);
        }
        return tokens.issue(RoutingAdminController.required(request.name(), "name"), scopes, user);
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        if (!tokens.revoke(id)) {
            throw new NotFound("No active token " + id);
        }
    }

    @GetMapping("/api/v1/outbox")
    Map<String, Object> outbox(@RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit) {
        return Map.of("items", outbox.recent(status, Math.clamp(limit, 1, 1000)));
    }
}
