package io.temas.channels.email;

/**
 * Size limits for parsing.
 *
 * @param maxMessageBytes    larger messages are refused whole
 * @param maxAttachmentBytes larger attachments are left out of the parsed message (the raw message keeps them)
 */
public record EmailLimits(long maxMessageBytes, long maxAttachmentBytes) {

    public static final EmailLimits DEFAULT = new EmailLimits(50L * 1024 * 1024, 25L * 1024 * 1024);
}
