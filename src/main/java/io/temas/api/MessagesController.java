package io.temas.api;

import io.temas.conversations.Attachment;
import io.temas.conversations.Attachments;
import io.temas.inbound.RawMessages;
import io.temas.shared.NotFound;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The original bytes of inbound messages and their attachments. */
@RestController
class MessagesController {

    private final RawMessages raw;
    private final Attachments attachments;

    MessagesController(RawMessages raw, Attachments attachments) {
        this.raw = raw;
        this.attachments = attachments;
    }

    @GetMapping("/api/v1/messages/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable UUID id) {
        var payload = raw.of(id).orElseThrow(() -> new NotFound("No inbound message " + id));
        // Served as an opaque download: the original may be hostile HTML or script.
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Original-Content-Type", payload.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(id + ".raw").build().toString())
                .body(payload.bytes());
    }

    @GetMapping("/api/v1/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
        Attachment attachment = attachments.find(id).orElseThrow(() -> new NotFound("No attachment " + id));
        byte[] content = attachments.content(attachment).orElseThrow(() -> new NotFound("The file of attachment " + id + " is missing"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Original-Content-Type", attachment.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.filename(), StandardCharsets.UTF_8).build().toString())
                .body(content);
    }
}
