package io.temas.shared;

/**
 * The rules every text value from outside obeys before Temas uses it. PostgreSQL text cannot hold
 * NUL, and other control characters are never meant in names, codes or searches; free text (a
 * message, an article body) may hold tabs and line breaks. Short values (names, addresses,
 * identifiers, codes, searches) end at {@link #SHORT} characters: even at four bytes a character
 * that stays under the size PostgreSQL allows for an index entry, which is what a 300 KB
 * external id or an 8 KB display name broke.
 */
public final class TextInput {

    /** The longest short value, in characters. */
    public static final int SHORT = 500;

    /** The longest free text, in characters. */
    public static final int LONG = 1_000_000;

    private TextInput() {
    }

    /**
     * Returns {@code value} when it obeys the rules for its kind.
     *
     * @param field    the field or parameter name as the sender wrote it, for the refusal
     * @param freeText whether tabs and line breaks are allowed and the limit is {@link #LONG}
     * @throws InvalidInput naming the field when it holds a control character or is too long
     */
    public static String check(String field, String value, boolean freeText) {
        if (value == null) {
            return null;
        }
        int limit = freeText ? LONG : SHORT;
        if (value.length() > limit) {
            throw new InvalidInput(field, label(field) + "is longer than " + limit + " characters");
        }
        int bad = firstControl(value, freeText);
        if (bad >= 0) {
            throw new InvalidInput(field, label(field) + "contains a control character (U+%04X) at position %d"
                    .formatted((int) value.charAt(bad), bad));
        }
        return value;
    }

    /** The value without control characters (tabs and line breaks kept in free text), for input that is cleaned rather than refused. */
    public static String strip(String value, boolean freeText) {
        if (value == null || firstControl(value, freeText) < 0) {
            return value;
        }
        StringBuilder clean = new StringBuilder(value.length());
        value.chars().filter(c -> !isControl((char) c, freeText)).forEach(c -> clean.append((char) c));
        return clean.toString();
    }

    /**
     * Outside input as a log line may carry it: no control characters (a NUL or a line break would
     * forge or break log lines) and at most 200 characters.
     */
    public static String forLog(String value) {
        String clean = strip(value, false);
        return clean == null || clean.length() <= 200 ? clean : clean.substring(0, 200) + "…";
    }

    /** The index of the first control character not allowed, or -1. */
    private static int firstControl(String value, boolean freeText) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i), freeText)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c, boolean freeText) {
        if (freeText && (c == '\t' || c == '\n' || c == '\r')) {
            return false;
        }
        return c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0;
    }

    private static String label(String field) {
        return field == null ? "a value " : field + " ";
    }
}
