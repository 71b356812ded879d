package io.temas.channels;

/** A file that came with a message; {@code inlineId} is set for images shown inside HTML. */
public record InboundAttachment(String filename, String contentType, byte[] content, String inlineId) {
}
