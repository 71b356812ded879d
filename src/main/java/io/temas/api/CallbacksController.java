package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.calls.Callback;
import io.temas.calls.CallbackRequest;
import io.temas.calls.CallbackSlot;
import io.temas.calls.CallbackSource;
import io.temas.calls.Callbacks;
import io.temas.calls.SlotNotOffered;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.TextInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Callbacks at a time the customer chooses: the slots offered, booking one, and where a callback stands. */
@RestController
class CallbacksController {

    record BookRequest(String phone, String slot, String entryPoint, String note, String language, String email, String source,
                       UUID customerId, UUID conversationId) {
    }

    private final Callbacks callbacks;
    private final io.temas.routing.Agents agents;
    private final io.temas.customers.Customers customers;

    CallbacksController(Callbacks callbacks, io.temas.routing.Agents agents, io.temas.customers.Customers customers) {
        this.callbacks = callbacks;
        this.agents = agents;
        this.customers = customers;
    }

    @Operation(summary = "Callback slots offered on a day", description = "date=YYYY-MM-DD is a day in the zone of the entry point's "
            + "queue; entryPoint is a voice number of ours (default: the callback entry point). Answers {\"slots\":[{\"start\",\"end\"}]} "
            + "with start and end as ISO-8601 instants in UTC (e.g. 2026-12-07T07:00:00Z). Only slots within business hours, after the "
            + "lead time, within the booking horizon and with room left are listed.")
    @GetMapping("/api/v1/callbacks/slots")
    Map<String, Object> slots(@RequestParam(required = false) String date, @RequestParam(required = false) String entryPoint) {
        LocalDate day;
        try {
            day = LocalDate.parse(TextInput.check("date", date == null ? "" : date.strip(), false));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("date", "date is a day as YYYY-MM-DD");
        }
        List<Map<String, Object>> slots = callbacks.slots(day, entryPoint).stream().map(CallbacksController::slot).toList();
        return Map.of("slots", slots);
    }

    @Operation(summary = "Book a callback", description = "{\"phone\",\"slot\",\"entryPoint\",\"note\"} and optionally \"language\" "
            + "(tr, az, en), \"email\", \"source\" (default api), \"customerId\", \"conversationId\". slot is the start of an offered slot, "
            + "as an ISO-8601 instant or offset date-time. Answers {\"id\"} (201). A slot that is not offered (full, past, too soon, outside "
            + "business hours, beyond the horizon, malformed) is refused with 422; missing or unusable fields with 400.")
    @PostMapping("/api/v1/callbacks")
    ResponseEntity<Map<String, Object>> book(@RequestBody BookRequest r) {
        if (r == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Instant slot = r.slot() == null || r.slot().isBlank() ? null : instant(r.slot());
        Language language = r.language() == null || r.language().isBlank() ? null
                : Language.parse(TextInput.check("language", r.language(), false))
                        .orElseThrow(() -> new InvalidInput("language", "language is tr, az or en"));
        CallbackSource source = r.source() == null || r.source().isBlank() ? CallbackSource.API : CallbackSource.of(
                TextInput.check("source", r.source(), false));
        Callback callback = callbacks.book(new CallbackRequest(r.phone(), slot, r.entryPoint(), r.note(), language, source, r.customerId(),
                r.conversationId(), r.email()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", callback.id()));
    }

    @Operation(summary = "A callback", description = "state is booked, offered, calling, retry, done, failed or cancelled; with the "
            + "attempts made, the slot (ISO-8601 instants), the agent it is offered to or who called (agentId, agent: the user name), "
            + "and the customer (customerId, customerName, phone).")
    @GetMapping("/api/v1/callbacks/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        Callback callback = callbacks.get(id);
        Map<String, Object> view = view(callback);
        view.put("agent", callback.agentId() == null ? null : agents.find(callback.agentId()).map(io.temas.routing.Agent::username)
                .orElse(null));
        view.put("customerName", customers.find(new io.temas.customers.CustomerId(callback.customerId()))
                .map(io.temas.customers.Customer::displayName).orElse(null));
        return view;
    }

    static Map<String, Object> view(Callback c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id());
        view.put("state", c.state());
        view.put("attempts", c.attempts());
        view.put("slot", slot(c.slot()));
        view.put("entryPoint", c.entryPoint());
        view.put("queueId", c.queueId());
        view.put("agentId", c.agentId());
        view.put("customerId", c.customerId());
        view.put("conversationId", c.conversationId());
        view.put("phone", c.phone());
        view.put("email", c.email());
        view.put("note", c.note());
        view.put("language", c.language());
        view.put("source", c.source().code());
        view.put("dueAt", c.dueAt());
        view.put("outcome", c.outcome());
        view.put("createdAt", c.createdAt());
        return view;
    }

    private static Map<String, Object> slot(CallbackSlot slot) {
        return Map.of("start", slot.start().toString(), "end", slot.end().toString());
    }

    private static Instant instant(String value) {
        String text = TextInput.strip(value, false).strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new SlotNotOffered("'" + TextInput.forLog(value) + "' is not a slot: give its start as an ISO-8601 instant or offset date-time");
            }
        }
    }
}
