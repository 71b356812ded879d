package io.temas.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a stream line by line (LF or CRLF), each decoded as strict UTF-8. A line that is not UTF-8, or longer than the
 * limit, still comes back (marked, with what could be read of it), so the caller can refuse it by its number rather
 * than lose it.
 */
final class LineReader {

    /**
     * A line: its number from 1, its text, and why it cannot be read as text (null when it can), in English and as the
     * console says it in the reader's language.
     */
    record RawLine(int number, String text, String unreadable, io.temas.shared.ReasonCode code) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int number;
    private boolean ended;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    RawLine next() {
        if (ended) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length < maxBytes) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
                }
                line[length++] = b;
            } else {
                tooLong = true;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r' && !tooLong) {
            length--;
        }
        try {
            String text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
            return tooLong ? tooLong(text) : new RawLine(number, text, null, null);
        } catch (CharacterCodingException e) {
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            return tooLong ? tooLong(text)
                    : new RawLine(number, text, "is not valid UTF-8", io.temas.shared.ReasonCode.of("events.refused.utf8"));
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("the upload broke off", e);
        }
    }


    private RawLine tooLong(String text) {
        return new RawLine(number, text, "is longer than " + maxBytes + " bytes",
                io.temas.shared.ReasonCode.of("events.refused.bytes.long", io.temas.shared.ReasonCode.number(maxBytes)));
    }
}
