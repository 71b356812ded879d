package io.temas.channels.email;

/**
 * Reads raw RFC 822 bytes into a {@link ParsedEmail} with Jakarta Mail. Never throws anything but
 * {@link MalformedEmail}.
 */
public final class MimeParser {

    private final EmailLimits limits;

    public MimeParser(EmailLimits limits) {
        this.limits = limits;
    }

    public ParsedEmail parse(byte[] raw) {
        throw new MalformedEmail("not implemented yet");
    }
}
