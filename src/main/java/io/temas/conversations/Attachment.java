package io.temas.conversations;

import java.util.UUID;

/** A file that came with a message; its bytes are in the file store under {@code sha256}. */
public record Attachment(UUID id, UUID messageId, String filename, String contentType, long size, String sha256, String inlineId) {
}
