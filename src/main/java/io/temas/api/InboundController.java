package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.temas.channels.HtmlSanitiser;
import io.temas.channels.InboundMessage;
import io.temas.inbound.InboundPipeline;
import io.temas.channels.Receipt;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.Language;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    private final Clock clock;

    InboundController(InboundPipeline pipeline, JsonMapper json, Clock clock) {
        this.pipeline = pipeline;
        this.json = json;
        this.clock = clock;
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
            var rejected = pipeline.reject(null, null, null, "malformed JSON: " + e.getOriginalMessage(), contentType, body);
            throw new MalformedRequest("The body is not valid JSON: " + e.getOriginalMessage(), rejected.quarantineId());
        }
        if (request == null) {
            throw new MalformedRequest("The body is empty", pipeline.reject(null, null, null, "empty body", contentType, body).quarantineId());
        }
        InboundMessage message;
        try {
            message = toMessage(request, contentType, body);
        } catch (IllegalArgumentException e) {
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

    private InboundMessage toMessage(InboundRequest r, String contentType, byte[] body) {
        ChannelType channel = ChannelType.of(required(r.channel(), "channel"));
        required(r.entryPoint(), "entryPoint");
        required(r.externalId(), "externalId");
        if (r.from() == null) {
            throw new IllegalArgumentException("from is required, with at least one identifier");
        }
        List<Identifier> identifiers = new ArrayList<>();
        add(identifiers, IdentifierType.EMAIL, r.from().email());
        add(identifiers, IdentifierType.PHONE, r.from().phone());
        add(identifiers, IdentifierType.ACCOUNT, r.from().accountNumber());
        add(identifiers, IdentifierType.LOYALTY, r.from().loyaltyNumber());
        add(identifiers, IdentifierType.COOKIE, r.from().cookie());
        String handle = null;
        if (r.from().handle() != null && !r.from().handle().isBlank()) {
            handle = r.from().handle().contains(":") ? r.from().handle()
                    : (r.from().network() == null ? channel.code() : r.from().network()) + ":" + r.from().handle();
            identifiers.add(new Identifier(IdentifierType.SOCIAL, handle));
        }
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("from needs at least one of email, phone, handle, accountNumber, loyaltyNumber, cookie");
        }
        boolean hasText = r.text() != null && !r.text().isBlank();
        boolean hasHtml = r.html() != null && !r.html().isBlank();
        if (!hasText && !hasHtml) {
            throw new IllegalArgumentException("text or html is required");
        }
        Language language = null;
        if (r.language() != null && !r.language().isBlank()) {
            language = Language.parse(r.language())
                    .orElseThrow(() -> new IllegalArgumentException("language '" + r.language() + "' is not one of tr, az, en"));
        }
        String html = HtmlSanitiser.sanitise(r.html());
        String text = hasText ? r.text() : HtmlSanitiser.toText(html);
        List<String> references = new ArrayList<>(r.references() == null ? List.of() : r.references());
        if (r.inReplyTo() != null && !references.contains(r.inReplyTo())) {
            references.add(r.inReplyTo());
        }
        String replyAddress = switch (channel) {
            case EMAIL -> r.from().email();
            case SMS, VOICE -> r.from().phone();
            case SOCIAL -> handle;
            case CHAT -> r.chatSession() != null ? r.chatSession() : r.from().cookie();
            case WEBFORM -> r.from().email() != null ? r.from().email() : r.from().phone();
        };
        return new InboundMessage(channel, r.entryPoint(), r.externalId(),
                new InboundMessage.Sender(r.from().name(), identifiers, replyAddress),
                r.subject(), text, html, language, r.receivedAt() != null ? r.receivedAt() : clock.instant(),
                new InboundMessage.Threading(headerId(channel, r.externalId()), references, r.chatSession()),
                new InboundMessage.Automation(Boolean.TRUE.equals(r.autoSubmitted()), Boolean.TRUE.equals(r.bulk()), null),
                List.of(), new InboundMessage.RawPayload(contentType == null ? MediaType.APPLICATION_JSON_VALUE : contentType, body));
    }

    /** For e-mail, an external id shaped like a Message-ID is one, so replies to our answers thread by headers. */
    private static String headerId(ChannelType channel, String externalId) {
        boolean looksLikeMessageId = externalId.startsWith("<") && externalId.endsWith(">") && externalId.contains("@");
        return channel == ChannelType.EMAIL && looksLikeMessageId ? externalId : null;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static void add(List<Identifier> into, IdentifierType type, String value) {
        if (value != null && !value.isBlank()) {
            into.add(new Identifier(type, value));
        }
    }
}
