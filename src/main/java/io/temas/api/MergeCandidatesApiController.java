package io.temas.api;

import io.temas.customers.CustomerId;
import io.temas.customers.MergeCandidates;
import io.temas.customers.MergeCandidates.Candidate;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merge candidates: pairs of customers the identity rules left to a person, newest first; merging one (the merge is
 * undone as any other, {@code POST /api/v1/merges/{id}/undo}) or dismissing it (the pair is not flagged again). A
 * candidate someone decided first answers 409.
 */
@RestController
class MergeCandidatesApiController {

    record MergeRequest(UUID survivorId) {
    }

    private final MergeCandidates candidates;

    MergeCandidatesApiController(MergeCandidates candidates) {
        this.candidates = candidates;
    }

    @GetMapping("/api/v1/merge-candidates")
    Map<String, Object> list(@RequestParam(defaultValue = "100") int limit) {
        return Map.of("total", candidates.openCount(),
                "items", candidates.open(limit).stream().map(MergeCandidatesApiController::body).toList());
    }

    @GetMapping("/api/v1/merge-candidates/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        return body(candidates.get(id));
    }

    @PostMapping("/api/v1/merge-candidates/{id}/merge")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> merge(@PathVariable UUID id, @RequestBody(required = false) MergeRequest request, Principal principal) {
        if (request == null || request.survivorId() == null) {
            throw new InvalidInput("survivorId", "survivorId is required: the customer of the pair who stays");
        }
        UUID mergeId = candidates.merge(id, new CustomerId(request.survivorId()), principal.getName());
        return Map.of("mergeId", mergeId, "candidate", body(candidates.get(id)));
    }

    @PostMapping("/api/v1/merge-candidates/{id}/dismiss")
    Map<String, Object> dismiss(@PathVariable UUID id, Principal principal) {
        candidates.dismiss(id, principal.getName());
        return body(candidates.get(id));
    }

    static Map<String, Object> body(Candidate c) {
        return ConversationsController.map("id", c.id(), "firstCustomerId", c.first().value(), "secondCustomerId", c.second().value(),
                "reason", c.reason(), "flaggedAt", c.flaggedAt(), "decision", c.decision() == null ? null : c.decision().code(),
                "decidedBy", c.decidedBy(), "decidedAt", c.decidedAt(), "mergeId", c.mergeId());
    }
}
