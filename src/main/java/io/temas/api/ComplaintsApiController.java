package io.temas.api;

import io.temas.complaints.Complaint;
import io.temas.complaints.ComplaintCatalogue;
import io.temas.complaints.ComplaintCategory;
import io.temas.complaints.Complaints;
import io.temas.complaints.WinBack;
import io.temas.complaints.WinBackSettings;
import io.temas.conversations.Conversations;
import io.temas.shared.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaints over the API: a conversation's complaint mark (set, change, take off, read, each
 * change on the customer's timeline as done by the token), the categories, and the win-back list.
 */
@RestController
class ComplaintsApiController {

    /** The category (a category's code) a conversation is a complaint of. */
    record ComplaintRequest(String category) {
    }

    private final Complaints complaints;
    private final ComplaintCatalogue catalogue;
    private final Conversations conversations;
    private final WinBack winBack;
    private final WinBackSettings settings;
    private final ApiActors actors;

    ComplaintsApiController(Complaints complaints, ComplaintCatalogue catalogue, Conversations conversations, WinBack winBack,
                            WinBackSettings settings, ApiActors actors) {
        this.complaints = complaints;
        this.catalogue = catalogue;
        this.conversations = conversations;
        this.winBack = winBack;
        this.settings = settings;
        this.actors = actors;
    }

    @Operation(summary = "A conversation's complaint mark", description = "Answers {\"conversationId\", \"complaint\"}; complaint is "
            + "null, or {\"category\", \"at\", \"by\"} where by is a user or token name, or rule:<name> for a keyword rule.")
    @GetMapping("/api/v1/conversations/{id}/complaint")
    Map<String, Object> get(@PathVariable UUID id) {
        conversations.get(id);
        return body(id, null);
    }

    @Operation(summary = "Mark a conversation a complaint", description = "Sets the category, or moves an existing mark to it; "
            + "\"changed\" says whether anything changed (and so was recorded on the customer's timeline). An unknown category is 400.")
    @PostMapping("/api/v1/conversations/{id}/complaint")
    Map<String, Object> mark(@PathVariable UUID id, @RequestBody(required = false) ComplaintRequest request, Principal principal) {
        if (request == null) {
            throw new InvalidInput("category", "a complaint needs a category");
        }
        return body(id, complaints.mark(id, request.category(), actors.of(principal)));
    }

    @Operation(summary = "Take a conversation's complaint mark off")
    @DeleteMapping("/api/v1/conversations/{id}/complaint")
    Map<String, Object> clear(@PathVariable UUID id, Principal principal) {
        return body(id, complaints.clear(id, actors.of(principal)));
    }

    @Operation(summary = "Complaint categories, with their names in Turkish, Azerbaijani and English")
    @GetMapping("/api/v1/complaint-categories")
    List<ComplaintCategory> categories() {
        return catalogue.categories();
    }

    @Operation(summary = "Customers to win back", description = "Customers with a bad experience (reason codes low_csat, complaint, "
            + "sla_breach) within lookBackDays who have been quiet for quietDays (no inbound message, no open conversation); "
            + "defaults from temas.win-back.*. Each item: customerId, name, reason (the newest code), reasons [{code, at, "
            + "conversationId, reference, detail}], lastContactAt, reachable (false: refused commercial contact).")
    @GetMapping("/api/v1/win-back")
    Map<String, Object> winBack(@RequestParam(required = false) String lookBackDays, @RequestParam(required = false) String quietDays) {
        WinBack.Criteria criteria = WinBack.Criteria.days(days(lookBackDays, "lookBackDays"), days(quietDays, "quietDays"), settings);
        List<Map<String, Object>> items = winBack.list(criteria).stream().map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("customerId", c.customerId());
            item.put("name", c.name());
            item.put("reason", c.reason().code().code());
            item.put("reasons", c.reasons().stream().map(r -> {
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("code", r.code().code());
                reason.put("at", r.at());
                reason.put("conversationId", r.conversationId());
                reason.put("reference", r.reference());
                reason.put("detail", r.detail());
                return reason;
            }).toList());
            item.put("lastContactAt", c.lastContactAt());
            item.put("reachable", c.reachable());
            return item;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lookBackDays", criteria.lookBack().toDays());
        body.put("quietDays", criteria.quiet().toDays());
        body.put("items", items);
        return body;
    }

    private Map<String, Object> body(UUID id, Boolean changed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", id);
        Complaint complaint = complaints.of(id).orElse(null);
        body.put("complaint", complaint == null ? null : Map.of("category", complaint.category(), "at", complaint.at(), "by", complaint.by()));
        if (changed != null) {
            body.put("changed", changed);
        }
        return body;
    }

    private static Integer days(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field + " must be a whole number of days");
        }
    }
}
