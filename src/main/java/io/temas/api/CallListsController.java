package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.campaigns.CallListEntryRemoved;
import io.temas.campaigns.CallLists;
import io.temas.campaigns.RemovalReasons;
import io.temas.campaigns.RemovalStreams;
import io.temas.shared.InvalidInput;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The dialer API: a call list, the next callable contact, wrap-up outcomes, and live removals. */
@RestController
class CallListsController {

    record OutcomeRequest(UUID customerId, String outcome, String agent) {
    }

    private final CallLists callLists;
    private final RemovalStreams removals;
    private final java.util.Set<SseEmitter> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CallListsController(CallLists callLists, RemovalStreams removals) {
        this.callLists = callLists;
        this.removals = removals;
    }

    @Operation(summary = "A call list: how many are still to call, and who, in order")
    @GetMapping("/api/v1/call-lists/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        CallLists.View view = callLists.view(id);
        List<Map<String, Object>> items = view.items().stream()
                .map(c -> Map.<String, Object>of("customerId", c.customerId(), "phone", c.phone())).toList();
        return Map.of("id", view.id(), "campaignId", view.campaignId(), "pending", view.pending(), "items", items);
    }

    @Operation(summary = "Hand out the next callable contact", description = "Every contact policy is checked just before; "
            + "entries refused for good (no consent, do not contact) leave the list with the reason. 204 when nobody is callable now, "
            + "or when one request took " + CallLists.REFUSALS_PER_REQUEST + " refused entries off the list: ask again to go on past them.")
    @PostMapping("/api/v1/call-lists/{id}/next")
    ResponseEntity<Map<String, Object>> next(@PathVariable UUID id) {
        return callLists.next(id)
                .map(c -> ResponseEntity.ok(Map.<String, Object>of("customerId", c.customerId(), "phone", c.phone())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Operation(summary = "Record a call's outcome", description = "accepted, declined, interested and opted-out are campaign responses "
            + "and take the customer off every pending contact for the campaign; no-answer, busy and callback put the entry back.")
    @PostMapping("/api/v1/call-lists/{id}/outcomes")
    ResponseEntity<Void> outcome(@PathVariable UUID id, @RequestBody OutcomeRequest r, Principal principal) {
        if (r.customerId() == null || r.outcome() == null) {
            throw new InvalidInput(r.customerId() == null ? "customerId" : "outcome", "customerId and outcome are required");
        }
        callLists.outcome(id, r.customerId(), CallLists.Outcome.of(r.outcome()),
                r.agent() != null ? r.agent() : principal == null ? null : principal.getName());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Live removals (server-sent events)", description = "One 'removed' event per customer taken off the list "
            + "after it was read, as soon as the removal is committed: {customerId, phone, reason, reasonCode, at}; reasonCode is one of "
            + "no-phone, campaign-answered, opted-out, do-not-contact, consent, consent-missing, quiet-hours, frequency-cap, "
            + "campaign-running, other.")
    @GetMapping(path = "/api/v1/call-lists/{id}/removals", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter removals(@PathVariable UUID id) throws IOException {
        callLists.campaignOf(id);
        SseEmitter emitter = new SseEmitter(0L);
        // One sender per stream keeps the events in order, and a slow dialer off the committing thread.
        java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        AutoCloseable subscription = removals.subscribe(id, removed -> sender.execute(() -> send(emitter, removed)));
        open.add(emitter);
        Runnable close = () -> {
            open.remove(emitter);
            sender.shutdown();
            try {
                subscription.close();
            } catch (Exception ignored) {
                // nothing to release beyond the subscription itself
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        emitter.send(SseEmitter.event().comment("subscribed"));
        return emitter;
    }

    /**
     * Ends the streams when the application begins to stop (before the web server's graceful
     * shutdown, which would otherwise wait for them), so dialers reconnect elsewhere.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeStreams() {
        open.forEach(SseEmitter::complete);
    }

    private static void send(SseEmitter emitter, CallListEntryRemoved removed) {
        try {
            emitter.send(SseEmitter.event().name("removed").id(removed.customerId().toString())
                    .data(Map.of("customerId", removed.customerId(), "phone", removed.phone() == null ? "" : removed.phone(),
                            "reason", removed.reason(), "reasonCode", RemovalReasons.code(removed.reason()),
                            "at", removed.occurredAt().toString()), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
