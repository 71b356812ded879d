package io.temas.channels.email;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient decoding of the textual layers of MIME: charsets, transfer encodings, RFC 2047 encoded words,
 * header parameters with RFC 2231 continuations, and raw 8-bit header bytes.
 *
 * <p>Jakarta Mail reads most of its own leniency switches from JVM-wide system properties, once per
 * class; this class decodes these layers itself so that parsing behaves the same whatever else runs in
 * the JVM, and never fails on a bad charset or a broken encoding.
 */
final class MimeText {

    /** Text without a usable charset that is not UTF-8 is read as Turkish Windows text, a superset of ISO-8859-9's letters. */
    static final Charset FALLBACK = firstSupported("windows-1254", "ISO-8859-9");

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([QqBb])\\?([^?]*)\\?=");

    private static final Map<String, String> CHARSET_ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"),
            Map.entry("utf-8lite", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("latin5", "ISO-8859-9"),
            Map.entry("l5", "ISO-8859-9"),
            Map.entry("iso8859-9", "ISO-8859-9"),
            Map.entry("iso-8859-9-i", "ISO-8859-9"),
            Map.entry("turkish", "ISO-8859-9"),
            Map.entry("cp1254", "windows-1254"),
            Map.entry("x-cp1254", "windows-1254"),
            Map.entry("win-1254", "windows-1254"),
            Map.entry("windows1254", "windows-1254"),
            Map.entry("cp-1254", "windows-1254"),
            Map.entry("ansi_x3.4-1968", "US-ASCII"),
            Map.entry("ascii", "US-ASCII"));

    private MimeText() {
    }

    // ---- charsets -------------------------------------------------------------------------------

    /** The charset a MIME label names, or null when the label is missing, invalid or unsupported. */
    static Charset charset(String label) {
        if (label == null) {
            return null;
        }
        String name = label.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        int language = name.indexOf('*');
        if (language > 0) {
            name = name.substring(0, language);
        }
        if (name.isEmpty() || name.length() > 64) {
            return null;
        }
        String alias = CHARSET_ALIASES.get(name.toLowerCase(Locale.ROOT));
        if (alias != null) {
            name = alias;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            try {
                return Charset.forName(MimeUtility.javaCharset(name));
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    /**
     * Bytes as text in the charset the label names. Without a usable label, or with a US-ASCII label on
     * 8-bit bytes, UTF-8 is used when the bytes are valid UTF-8, else {@link #FALLBACK}.
     */
    static String decode(byte[] bytes, String label) {
        Charset charset = charset(label);
        String text;
        if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
            text = sniff(bytes);
        } else {
            try {
                text = new String(bytes, charset);
            } catch (RuntimeException e) {
                text = sniff(bytes);
            }
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** UTF-8 when the bytes are valid UTF-8, else the Turkish fallback. */
    static String sniff(byte[] bytes) {
        String utf8 = strictUtf8(bytes, 0, bytes.length);
        return utf8 != null ? utf8 : new String(bytes, FALLBACK);
    }

    /** Whether the bytes are valid UTF-8 (plain ASCII is). */
    static boolean isUtf8(byte[] bytes) {
        return strictUtf8(bytes, 0, bytes.length) != null;
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Charset firstSupported(String... names) {
        for (String name : names) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // try the next one
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    // ---- header text ----------------------------------------------------------------------------

    /**
     * A raw header value as Jakarta Mail hands it over (one char per byte for 8-bit bytes): unfolded,
     * raw 8-bit bytes read as UTF-8 or the Turkish fallback, control characters removed.
     */
    static String headerText(String raw) {
        if (raw == null) {
            return null;
        }
        String unfolded = raw.replaceAll("\\r?\\n(?=[ \\t])", "").replace("\r", "").replace("\n", " ");
        return clean(repairEightBit(unfolded));
    }

    /** Reinterprets chars 0x80–0xFF that stand for raw bytes; leaves strings with wider chars alone. */
    static String repairEightBit(String value) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            eightBit |= c >= 0x80;
        }
        if (!eightBit) {
            return value;
        }
        return sniff(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Removes NUL and other control characters that no text should carry (tab and line feed stay). */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean drop = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == '\uFFFE' || c == '\uFFFF';
            if (drop && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!drop && out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * Decodes RFC 2047 encoded words (Q and B), also where strict decoders give up: words glued to
     * other text, multi-byte characters split across adjacent words, unknown charsets.
     */
    static String decodeWords(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        Matcher matcher = ENCODED_WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (matcher.find()) {
            String between = text.substring(last, matcher.start());
            if (pendingCharset == null || !between.isBlank()) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(between);
            }
            String charset = matcher.group(1);
            if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
                flush(out, pending, pendingCharset);
            }
            pendingCharset = charset;
            byte[] bytes = matcher.group(2).equalsIgnoreCase("B")
                    ? base64(matcher.group(3).getBytes(StandardCharsets.ISO_8859_1))
                    : quotedPrintableWord(matcher.group(3));
            pending.writeBytes(bytes);
            last = matcher.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text, last, text.length());
        return clean(out.toString());
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (pending.size() > 0) {
            out.append(decode(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static byte[] quotedPrintableWord(String word) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < word.length() && isHex(word.charAt(i + 1)) && isHex(word.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(word, i + 1, i + 3));
                i += 2;
            } else if (c < 0x100) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    // ---- transfer encodings ---------------------------------------------------------------------

    /** The body bytes with their Content-Transfer-Encoding undone; unknown encodings are taken as they are. */
    static byte[] decodeTransfer(byte[] raw, String encoding) {
        if (encoding == null) {
            return raw;
        }
        String name = encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "base64" -> base64(raw);
            case "quoted-printable" -> quotedPrintable(raw);
            default -> raw;
        };
    }

    /** Base64 that skips characters outside the alphabet and survives missing or misplaced padding. */
    static byte[] base64(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4 + 3);
        int quantum = 0;
        int count = 0;
        for (byte b : in) {
            int value = base64Value(b);
            if (value >= 0) {
                quantum = (quantum << 6) | value;
                if (++count == 4) {
                    out.write(quantum >> 16);
                    out.write(quantum >> 8);
                    out.write(quantum);
                    quantum = 0;
                    count = 0;
                }
            } else if (b == '=' && count > 0) {
                finishQuantum(out, quantum, count);
                quantum = 0;
                count = 0;
            }
        }
        finishQuantum(out, quantum, count);
        return out.toByteArray();
    }

    private static void finishQuantum(ByteArrayOutputStream out, int quantum, int count) {
        if (count == 2) {
            out.write(quantum >> 4);
        } else if (count == 3) {
            out.write(quantum >> 10);
            out.write(quantum >> 2);
        }
    }

    private static int base64Value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+' || b == '-') {
            return 62;
        }
        if (b == '/' || b == '_') {
            return 63;
        }
        return -1;
    }

    /** Quoted-printable that keeps a stray '=' as it is and accepts soft line breaks with trailing blanks. */
    static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                i++;
                continue;
            }
            if (i + 2 < in.length && isHex((char) in[i + 1]) && isHex((char) in[i + 2])) {
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 3;
                continue;
            }
            int j = i + 1;
            while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < in.length && in[j] == '\r') {
                j++;
            }
            if (j < in.length && in[j] == '\n') {
                i = j + 1;
            } else if (j == in.length) {
                i = j;
            } else {
                out.write(b);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // ---- structured header values ---------------------------------------------------------------

    /**
     * A header such as Content-Type or Content-Disposition: its lower-case value ("text/plain",
     * "attachment") and its parameters by lower-case name, decoded (RFC 2231 and RFC 2047).
     */
    record HeaderValue(String value, Map<String, String> params) {

        static final HeaderValue NONE = new HeaderValue("", Map.of());

        String param(String name) {
            return params.get(name);
        }
    }

    private static final Pattern MEDIA_TYPE = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*/\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)");

    /** Parses a header value with parameters, leniently: unquoted blanks, missing quotes, stray semicolons. */
    static HeaderValue headerValue(String header) {
        if (header == null || header.isBlank()) {
            return HeaderValue.NONE;
        }
        List<String> segments = splitParameters(header);
        String first = segments.getFirst().strip();
        List<String> parameters = new ArrayList<>(segments.subList(1, segments.size()));
        String value;
        Matcher type = MEDIA_TYPE.matcher(first);
        if (type.lookingAt()) {
            String rest = first.substring(type.end()).strip();
            if (rest.contains("=")) {
                parameters.addFirst(rest);
            }
            value = (type.group(1) + "/" + type.group(2)).toLowerCase(Locale.ROOT);
        } else {
            int space = first.indexOf(' ');
            value = (space > 0 ? first.substring(0, space) : first).toLowerCase(Locale.ROOT);
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        for (String segment : parameters) {
            int equals = segment.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = segment.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String raw = unquote(segment.substring(equals + 1).strip());
            if (name.isEmpty()) {
                continue;
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, raw);
                continue;
            }
            String base = name.substring(0, star);
            String section = name.substring(star + 1);
            boolean encoded = section.endsWith("*") || section.isEmpty();
            String number = section.endsWith("*") ? section.substring(0, section.length() - 1) : section;
            int index;
            if (number.isEmpty()) {
                index = 0;
            } else if (number.length() <= 3 && number.chars().allMatch(Character::isDigit)) {
                index = Integer.parseInt(number);
            } else {
                continue;
            }
            if (!base.isEmpty()) {
                continued.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(index, new String[] {raw, encoded ? "*" : ""});
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        plain.forEach((name, raw) -> params.put(name, decodeWords(raw)));
        continued.forEach((name, sections) -> {
            String joined = joinContinuations(sections);
            if (joined != null && !joined.isEmpty()) {
                params.put(name, joined);
            }
        });
        return new HeaderValue(value, params);
    }

    private static String joinContinuations(TreeMap<Integer, String[]> sections) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] section : sections.values()) {
            String raw = section[0];
            boolean encoded = !section[1].isEmpty();
            if (encoded && first) {
                int quote = raw.indexOf('\'');
                int second = quote < 0 ? -1 : raw.indexOf('\'', quote + 1);
                if (second > 0) {
                    charset = raw.substring(0, quote);
                    raw = raw.substring(second + 1);
                }
            }
            if (encoded) {
                bytes.writeBytes(percentDecode(raw));
            } else {
                bytes.writeBytes(raw.getBytes(charsetOf(raw)));
            }
            first = false;
        }
        String decoded = decode(bytes.toByteArray(), charset);
        return decodeWords(decoded);
    }

    private static Charset charsetOf(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) > 0xFF) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else if (c < 0x100) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static List<String> splitParameters(String header) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\' && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == ';' && !quoted) {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        return segments;
    }

    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                // Windows paths arrive unescaped: keep a backslash that escapes nothing special.
                if (next == '"' || next == '\\') {
                    out.append(next);
                    i++;
                } else {
                    out.append(c);
                }
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Lower case for matching, with the Turkish dotted and dotless i folded to a plain i. */
    static String fold(String value) {
        return value.replace('İ', 'i').replace('I', 'i').replace('ı', 'i').toLowerCase(Locale.ROOT);
    }

    /** The e-mail addresses written in free text, lower-case, in order, without duplicates (scans around each '@'). */
    static List<String> findAddresses(String text, int max) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        int at = text.indexOf('@');
        while (at >= 0 && found.size() < max) {
            int start = at;
            while (start > 0 && isLocalChar(text.charAt(start - 1)) && at - start < 64) {
                start--;
            }
            int end = at + 1;
            while (end < text.length() && isDomainChar(text.charAt(end)) && end - at < 255) {
                end++;
            }
            String local = text.substring(start, at).replaceAll("^\\.+", "");
            String domain = text.substring(at + 1, end).replaceAll("[.-]+$", "");
            if (!local.isEmpty() && domain.contains(".") && !domain.startsWith(".")) {
                String address = (local + "@" + domain).toLowerCase(Locale.ROOT);
                if (!found.contains(address)) {
                    found.add(address);
                }
            }
            at = text.indexOf('@', Math.max(end, at + 1));
        }
        return found;
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([\\w.:-]{1,40})");

    /** The charset an HTML document declares in a meta tag near its start, or null. */
    static String htmlCharset(byte[] html) {
        String start = new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(start);
        return matcher.find() ? matcher.group(1) : null;
    }
}
