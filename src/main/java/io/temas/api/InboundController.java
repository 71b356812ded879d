package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temas.channels.InboundMessage;
import io.temas.channels.Receipt;
import io.temas.inbound.InboundPipeline;
import io.temas.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes inbound messages from channel adapters and integrations.
 *
 * <p>The pipeline's own door reads its body and writes its answer itself, with a reader and a writer
 * made once: every message of every integration comes through here, and Spring MVC's argument
 * resolution and content negotiation cost more than the JSON does. Errors still travel as
 * exceptions to {@link ApiProblems}, and the request still passes the API's security chain.
 */
@RestController
class InboundController {

    private final InboundPipeline pipeline;
    private final InboundRequests requests;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    InboundController(InboundPipeline pipeline, JsonMapper json, InboundRequests requests) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.reader = json.readerFor(InboundRequest.class);
        this.writer = json.writerFor(Accepted.class);
    }

    @Operation(summary = "Run one message through the pipeline",
            description = "The same externalId on the same channel answers the first result again (200 instead of 201). "
                    + "Unreadable or invalid input is quarantined with its raw body.",
            requestBody = @RequestBody(description = "InboundRequest JSON", required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = InboundRequest.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "A retry: the first result again",
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Accepted.class))),
                    @ApiResponse(responseCode = "201", description = "A new message, stored and routed",
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Accepted.class)))})
    @PostMapping(path = "/api/v1/inbound", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    void inbound(HttpServletRequest http, HttpServletResponse answer) throws IOException {
        byte[] body = http.getInputStream().readAllBytes();
        String contentType = http.getContentType();
        InboundRequest request;
        try {
            // No body at all is an empty one, as the JSON null is, not a JSON error.
            request = body.length == 0 ? null : reader.readValue(body);
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
        Accepted accepted = Accepted.of(pipeline.receive(message));
        answer.setStatus(accepted.status().value());
        answer.setContentType(MediaType.APPLICATION_JSON_VALUE);
        writer.writeValue(answer.getOutputStream(), accepted);
    }

    /** 201 with the ids for a new message, 200 with the first ids for a retry. */
    static ResponseEntity<Accepted> answer(Receipt receipt) {
        Accepted accepted = Accepted.of(receipt);
        return ResponseEntity.status(accepted.status()).body(accepted);
    }

    /** What a message taken in answers: its ids, and whether it was a retry of one taken before. */
    record Accepted(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {

        static Accepted of(Receipt receipt) {
            return new Accepted(receipt.messageId(), receipt.conversationId(), receipt.customerId(), receipt.duplicate());
        }

        HttpStatus status() {
            return duplicate ? HttpStatus.OK : HttpStatus.CREATED;
        }
    }
}
