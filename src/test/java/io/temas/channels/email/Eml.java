package io.temas.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Builds raw test messages: lines joined with CRLF. */
final class Eml {

    private Eml() {
    }

    /** The lines as UTF-8 bytes (raw 8-bit where a line holds non-ASCII text). */
    static byte[] of(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** The lines encoded in the given charset. */
    static byte[] of(Charset charset, String... lines) {
        return String.join("\r\n", lines).getBytes(charset);
    }

    /** Several pieces of bytes, one after the other. */
    static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    /** A message from src/test/resources/email/. */
    static byte[] resource(String name) {
        try (InputStream in = Eml.class.getResourceAsStream("/email/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
