package io.temas.channels.sms;

/**
 * Counts the segments an SMS text takes, per 3GPP TS 23.038 and 23.040: the GSM 7-bit default
 * alphabet when every character is in it (or in its extension table, two septets each); the
 * default alphabet with the Turkish national language single shift table when Turkish letters
 * need it (ğ Ğ ı İ ş Ş ç € take two septets, and the user data header that names the shift table
 * costs five septets in a single message and eleven, with the concatenation header, per part);
 * UCS-2 otherwise.
 */
public final class GsmSegments {

    /** How a text travels. */
    public enum Encoding { GSM7, GSM7_TURKISH_SHIFT, UCS2 }

    /**
     * The count.
     *
     * @param units      septets (GSM) or UTF-16 code units (UCS-2) the text takes
     * @param segments   messages the text is sent as
     * @param perSegment capacity of one segment in units, for the encoding and the segment count
     */
    public record Count(Encoding encoding, int units, int segments, int perSegment) {
    }

    // 3GPP TS 23.038 6.2.1, the default alphabet in code order; ESC (0x1B) stands as a space-like placeholder never matched.
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    // 6.2.1.1, the default extension table.
    private static final String EXTENSION = "\f^{}\\[~]|€";
    // A.2.1, the Turkish single shift table: the default extension plus Ğ İ Ş ç ğ ı ş.
    private static final String TURKISH_SHIFT = EXTENSION + "ĞİŞçğış";

    private GsmSegments() {
    }

    public static Count count(String text) {
        String s = text == null ? "" : text;
        boolean gsm = true;
        boolean turkish = false;
        int septets = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\u001B' && BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else if (TURKISH_SHIFT.indexOf(c) >= 0) {
                septets += 2;
                turkish = true;
            } else {
                gsm = false;
                break;
            }
        }
        if (gsm && !turkish) {
            return pack(s, Encoding.GSM7, septets, 160, 153);
        }
        if (gsm) {
            return pack(s, Encoding.GSM7_TURKISH_SHIFT, septets, 155, 149);
        }
        return pack(s, Encoding.UCS2, s.length(), 70, 67);
    }

    /** Fills segments without splitting a two-septet character or a surrogate pair across two of them. */
    private static Count pack(String s, Encoding encoding, int units, int single, int multi) {
        if (units <= single) {
            return new Count(encoding, units, 1, single);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cost;
            if (encoding == Encoding.UCS2) {
                cost = Character.isHighSurrogate(c) && i + 1 < s.length() ? 2 : 1;
                if (cost == 2) {
                    i++;
                }
            } else {
                cost = c != '\u001B' && BASIC.indexOf(c) >= 0 ? 1 : 2;
            }
            if (used + cost > multi) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new Count(encoding, units, segments, multi);
    }
}
