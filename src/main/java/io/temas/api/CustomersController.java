package io.temas.api;

import io.temas.conversations.ConversationAccess;
import io.temas.conversations.Conversations;
import io.temas.conversations.QueueAccess;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.customers.Merges;
import io.temas.customers.TimelineEntry;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Customers: their profile, identities and timeline; merging and undoing merges. */
@RestController
class CustomersController {

    record MergeRequest(UUID otherCustomerId, String reason) {
    }

    private final Customers customers;
    private final CustomerTimeline timeline;
    private final Merges merges;
    private final Conversations conversations;
    private final ConversationAccess access;

    CustomersController(Customers customers, CustomerTimeline timeline, Merges merges, Conversations conversations,
                        ConversationAccess access) {
        this.access = access;
        this.customers = customers;
        this.timeline = timeline;
        this.merges = merges;
        this.conversations = conversations;
    }

    @GetMapping("/api/v1/customers/{id}")
    Map<String, Object> get(@PathVariable UUID id, @RequestParam(defaultValue = "200") int timelineLimit) {
        Customer customer = customers.get(new CustomerId(id));
        Map<String, Object> body = profile(customer);
        body.put("identities", customers.identities(customer.id()).stream().map(i -> ConversationsController.map(
                "id", i.id(), "type", i.type().code(), "value", i.value(), "original", i.original(), "since", i.createdAt(),
                "undeliverableAt", i.undeliverableAt(), "undeliverableReason", i.undeliverableReason())).toList());
        body.put("timeline", visible(timeline.recent(customer.id(), Math.clamp(timelineLimit, 1, 1000))).stream().map(e -> ConversationsController.map(
                "at", e.occurredAt(), "kind", e.kind(), "channel", e.channel(), "summary", e.summary(),
                "conversationId", e.conversationId(), "messageId", e.messageId())).toList());
        body.put("merges", merges.of(customer.id()).stream().map(CustomersController::merge).toList());
        return body;
    }

    @GetMapping("/api/v1/customers")
    Map<String, Object> find(@RequestParam String identifier) {
        List<Map<String, Object>> items = customers.findByIdentifier(identifier).map(CustomersController::profile).stream().toList();
        return Map.of("items", items);
    }

    @PostMapping("/api/v1/customers/{id}/merge")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> merge(@PathVariable UUID id, @RequestBody MergeRequest request, Principal principal) {
        if (request.otherCustomerId() == null) {
            throw new InvalidInput("otherCustomerId", "otherCustomerId is required");
        }
        UUID mergeId = merges.merge(new CustomerId(id), new CustomerId(request.otherCustomerId()),
                request.reason() == null ? "merged by hand" : request.reason(), principal.getName());
        return Map.of("mergeId", mergeId);
    }

    @PostMapping("/api/v1/merges/{mergeId}/undo")
    Map<String, Object> undo(@PathVariable UUID mergeId, Principal principal) {
        merges.undo(mergeId, principal.getName());
        return merge(merges.find(mergeId).orElseThrow());
    }

    @GetMapping("/api/v1/merges/{mergeId}")
    Map<String, Object> getMerge(@PathVariable UUID mergeId) {
        return merge(merges.find(mergeId).orElseThrow(() -> new NotFound("No merge with id " + mergeId)));
    }

    /** Timeline entries without those of conversations the token's user may not see. */
    private List<TimelineEntry> visible(List<TimelineEntry> entries) {
        QueueAccess seen = ApiAccess.current();
        if (seen.all()) {
            return entries;
        }
        Set<UUID> visible = access.visible(entries.stream().map(TimelineEntry::conversationId).filter(Objects::nonNull)
                .collect(Collectors.toSet()), seen);
        return entries.stream().filter(e -> e.conversationId() == null || visible.contains(e.conversationId())).toList();
    }

    static Map<String, Object> profile(Customer c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id().value());
        body.put("displayName", c.displayName());
        body.put("language", c.language() == null ? null : c.language().code());
        body.put("detectedLanguage", c.detectedLanguage() == null ? null : c.detectedLanguage().code());
        body.put("vip", c.vip());
        body.put("segments", c.segments());
        body.put("mergedInto", c.mergedInto());
        body.put("createdAt", c.createdAt());
        return body;
    }

    static Map<String, Object> merge(Merges.Merge m) {
        return ConversationsController.map("id", m.id(), "survivorId", m.survivor().value(), "absorbedId", m.absorbed().value(),
                "reason", m.reason(), "actor", m.actor(), "mergedAt", m.mergedAt(), "undoneAt", m.undoneAt(), "undoneBy", m.undoneBy());
    }
}
