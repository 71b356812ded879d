package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.calls.Extensions;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Calls as Temas keeps them, click-to-call, wrap-up, and the extensions that ring each agent. */
@RestController
class CallsApiController {

    record DialRequest(String agent, String number, UUID conversationId) {
    }

    record WrapUpRequest(String agent, String outcome, String notes, List<String> tags, Boolean resolve) {
    }

    record ExtensionsRequest(List<String> extensions) {
    }

    private final CallCentre centre;
    private final Extensions extensions;
    private final Agents agents;

    CallsApiController(CallCentre centre, Extensions extensions, Agents agents) {
        this.centre = centre;
        this.extensions = extensions;
        this.agents = agents;
    }

    @Operation(summary = "The calls of a conversation or of a customer (newest 100)")
    @GetMapping("/api/v1/calls")
    Map<String, Object> list(@RequestParam(required = false) UUID conversationId, @RequestParam(required = false) UUID customerId) {
        if ((conversationId == null) == (customerId == null)) {
            throw new InvalidInput("give conversationId or customerId");
        }
        List<Call> calls = conversationId != null ? centre.ofConversation(conversationId) : centre.ofCustomer(customerId, 100);
        return Map.of("items", calls.stream().map(CallWebhookController::view).toList());
    }

    @Operation(summary = "One call")
    @GetMapping("/api/v1/calls/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        return CallWebhookController.view(centre.get(id));
    }

    @Operation(summary = "Click-to-call", description = "{\"agent\":\"username\",\"number\",\"conversationId\"?}: the agent's extension "
            + "rings, then the number, through the telephone system chosen in the telephony settings. 422 when none can place calls "
            + "or the agent has no extension.")
    @PostMapping("/api/v1/calls")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> dial(@RequestBody DialRequest request) {
        Agent agent = agent(request.agent());
        return CallWebhookController.view(centre.dial(agent.id(), request.number(), request.conversationId(), null, null));
    }

    @Operation(summary = "Record a call's wrap-up", description = "{\"agent\",\"outcome\",\"notes\"?,\"tags\"?,\"resolve\"?}; outcomes: "
            + "resolved, follow-up, callback, no-answer, wrong-number, transferred, other. 409 when already wrapped up, still going on, or "
            + "another agent's call.")
    @PostMapping("/api/v1/calls/{id}/wrap-up")
    Map<String, Object> wrapUp(@PathVariable UUID id, @RequestBody WrapUpRequest request) {
        Agent agent = agent(request.agent());
        return CallWebhookController.view(centre.wrapUp(id, agent.id(), request.outcome(), request.notes(), request.tags(),
                request.resolve() == null ? "resolved".equals(request.outcome()) : request.resolve()));
    }

    @Operation(summary = "The extensions that ring an agent")
    @GetMapping("/api/v1/agents/{id}/extensions")
    Map<String, Object> extensions(@PathVariable UUID id) {
        return Map.of("extensions", extensions.of(agents.get(id).id()));
    }

    @Operation(summary = "Set the extensions that ring an agent", description = "{\"extensions\":[\"101\"]}; 409 when another agent has one.")
    @PutMapping("/api/v1/agents/{id}/extensions")
    Map<String, Object> setExtensions(@PathVariable UUID id, @RequestBody ExtensionsRequest request) {
        return Map.of("extensions", extensions.set(agents.get(id).id(), request.extensions() == null ? List.of() : request.extensions()));
    }

    private Agent agent(String username) {
        if (username == null || username.isBlank()) {
            throw new InvalidInput("agent", "name the agent (username)");
        }
        return agents.findByUsername(username).orElseThrow(() -> new NotFound("no agent " + username));
    }
}
