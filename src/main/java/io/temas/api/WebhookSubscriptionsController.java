package io.temas.api;

import io.temas.webhooks.WebhookSubscription;
import io.temas.webhooks.WebhookSubscriptions;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Outbound webhook subscriptions, for administrators: create one ({@code {"url","events":[…],"secret"}}, answered
 * {@code {"id"}} and, when no secret was given, the generated {@code secret}, shown this once), list, read, pause,
 * resume, delete, send a test event, read the delivery log and retry a delivery now.
 */
@RestController
class WebhookSubscriptionsController {

    record SubscriptionRequest(String url, List<String> events, String secret) {
    }

    private static final String BASE = "/api/v1/webhook-subscriptions";

    private final WebhookSubscriptions subscriptions;

    WebhookSubscriptionsController(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody SubscriptionRequest request, Principal principal) {
        WebhookSubscriptions.Created created = subscriptions.create(request.url(), request.events(), request.secret(), principal.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.id());
        if (created.secret() != null) {
            answer.put("secret", created.secret());
        }
        return answer;
    }

    @GetMapping(BASE)
    List<WebhookSubscription> all() {
        return subscriptions.all();
    }

    @GetMapping(BASE + "/{id}")
    WebhookSubscription one(@PathVariable UUID id) {
        return subscriptions.get(id);
    }

    @DeleteMapping(BASE + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        subscriptions.delete(id);
    }

    @PostMapping(BASE + "/{id}/pause")
    WebhookSubscription pause(@PathVariable UUID id) {
        return subscriptions.pause(id);
    }

    @PostMapping(BASE + "/{id}/resume")
    WebhookSubscription resume(@PathVariable UUID id) {
        return subscriptions.resume(id);
    }

    @PostMapping(BASE + "/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> test(@PathVariable UUID id, Principal principal) {
        return Map.of("deliveryId", subscriptions.sendTest(id, principal.getName()));
    }

    @GetMapping(BASE + "/{id}/deliveries")
    Map<String, Object> log(@PathVariable UUID id, @RequestParam(defaultValue = "100") int limit) {
        WebhookSubscriptions.DeliveryLog deliveryLog = subscriptions.deliveryLog(id, limit);
        return Map.of("counts", deliveryLog.counts(), "attempts", deliveryLog.attempts());
    }

    @PostMapping(BASE + "/{id}/deliveries/{deliveryId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void retry(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        subscriptions.retryNow(id, deliveryId);
    }
}
