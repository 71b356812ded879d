package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.temas.channels.InboundMessage;
import io.temas.inbound.InboundPipeline;
import io.temas.channels.Receipt;
import io.temas.shared.InvalidInput;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Takes inbound messages from channel adapters and integrations. */
@RestController
class InboundController {

    private final InboundPipeline pipeline;
    private final JsonMapper json;
    private final InboundRequests requests;

    InboundController(InboundPipeline pipeline, JsonMapper json, InboundRequests requests) {
        this.pipeline = pipeline;
        this.json = json;
        this.requests = requests;
    }

    @Operation(summary = "Run one message through the pipeline",
            description = "The same externalId on the same channel answers the first result again (200 instead of 201). "
                    + "Unreadable or invalid input is quarantined with its raw body.")
    @PostMapping(path = "/api/v1/inbound", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> inbound(@RequestBody(description = "InboundRequest JSON") @org.springframework.web.bind.annotation.RequestBody byte[] body,
                                                @RequestHeader(value = "Content-Type", required = false) String contentType) {
        InboundRequest request;
        try {
            request = json.readValue(body, InboundRequest.class);
        } catch (JacksonException e) {
            var rejected = pipeline.reject(null, null, null, "malformed JSON: " + ApiProblems.readable(e), contentType, body);
            throw new MalformedRequest("The body is not valid JSON: " + ApiProblems.readable(e), rejected.quarantineId());
        }
        if (request == null) {
            throw new MalformedRequest("The body is empty", pipeline.reject(null, null, null, "empty body", contentType, body).quarantineId());
        }
        InboundMessage message;
        try {
            JsonText.check(request);
            message = requests.toMessage(request, contentType, body);
        } catch (InvalidInput e) {
            throw pipeline.reject(request.channel(), request.entryPoint(), request.externalId(), e.getMessage(), contentType, body);
        }
        return answer(pipeline.receive(message));
    }

    /** 201 with the ids for a new message, 200 with the first ids for a retry. */
    static ResponseEntity<Map<String, Object>> answer(Receipt receipt) {
        return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(Map.of(
                "messageId", receipt.messageId(),
                "conversationId", receipt.conversationId(),
                "customerId", receipt.customerId(),
                "duplicate", receipt.duplicate()));
    }
}
