package io.temas.api;

import io.temas.inbound.Quarantine;
import io.temas.shared.NotFound;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The quarantine: inbound input that could not be processed, with its raw bytes. */
@RestController
@RequestMapping("/api/v1/quarantine")
class QuarantineController {

    private final Quarantine quarantine;
    private final InboundRetry retries;

    QuarantineController(Quarantine quarantine, InboundRetry retries) {
        this.quarantine = quarantine;
        this.retries = retries;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "100") int limit) {
        return Map.of("items", quarantine.open(Math.clamp(limit, 1, 1000)).stream().map(QuarantineController::item).toList());
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        return item(quarantine.find(id).orElseThrow(() -> new NotFound("No quarantined item " + id)));
    }

    @GetMapping(path = "/{id}/raw", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> raw(@PathVariable UUID id) {
        Quarantine.Item item = quarantine.find(id).orElseThrow(() -> new NotFound("No quarantined item " + id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(item.payload());
    }

    @PostMapping("/{id}/release")
    Map<String, Object> release(@PathVariable UUID id) {
        quarantine.find(id).orElseThrow(() -> new NotFound("No quarantined item " + id));
        quarantine.release(id);
        return get(id);
    }

    /** Runs the item through the pipeline again; answers the conversation, or why it failed again. */
    @PostMapping("/{id}/retry")
    Map<String, Object> retry(@PathVariable UUID id) {
        return switch (retries.retry(id)) {
            case InboundRetry.Outcome.Delivered d -> ConversationsController.map("delivered", true, "conversationId", d.conversationId());
            case InboundRetry.Outcome.Failed f -> ConversationsController.map("delivered", false, "reason", f.reason(),
                    "quarantineId", f.quarantineId());
        };
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        if (!quarantine.delete(id)) {
            throw new NotFound("No quarantined item " + id);
        }
    }

    static Map<String, Object> item(Quarantine.Item i) {
        Map<String, Object> body = ConversationsController.map("id", i.id(), "channel", i.channel(), "entryPoint", i.entryPoint(),
                "externalId", i.externalId(), "reason", i.reason(), "contentType", i.contentType(), "size", i.payload().length,
                "receivedAt", i.receivedAt(), "releasedAt", i.releasedAt(), "truncated", i.truncated());
        String preview = new String(i.payload(), 0, Math.min(i.payload().length, 2000), StandardCharsets.UTF_8);
        body.put("preview", preview);
        return body;
    }
}
