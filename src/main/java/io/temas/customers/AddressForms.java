package io.temas.customers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The spellings a raw payload may carry an address in: as is, and form-encoded ({@code %40}, {@code %2B}) as webhooks post them. */
public final class AddressForms {

    private AddressForms() {
    }

    public static List<String> withEncodings(Collection<String> forms) {
        Set<String> all = new LinkedHashSet<>(forms);
        for (String form : forms) {
            all.add(URLEncoder.encode(form, StandardCharsets.UTF_8));
        }
        return List.copyOf(all);
    }

    /**
     * A PostgreSQL regular expression matching {@code form} literally, for {@code ~*} and
     * {@code regexp_replace(column, pattern, '[erased]', 'gi')}: addresses are written in any case.
     */
    public static String pattern(String form) {
        return form.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
    }

    /**
     * {@link #pattern} where the address stands whole, not inside a longer address or number: no letter,
     * digit or address character just before it, none just after it but a full stop ending a sentence
     * ({@code ali@x.com} does not match in {@code mali@x.com} or {@code ali@x.com.tr}).
     */
    public static String wholePattern(String form) {
        return "(?<![[:alnum:]._%+-])" + pattern(form) + "(?![[:alnum:]_-]|\\.[[:alnum:]])";
    }

    /**
     * {@link #wholePattern} for a raw payload as PostgreSQL's {@code encode(payload, 'escape')} spells it: a NUL or a byte
     * that is not ASCII as a backslash and three octal digits, a backslash doubled. Every payload reads that way, UTF-8 or not, and an address
     * written in other bytes (ISO-8859-9 around it) is still found where it stands whole; a letter that is not ASCII just
     * before it reads as a digit, so it is part of a longer word, as it should be.
     */
    public static String escapedWholePattern(String form) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : form.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v == 0 || v >= 0x80) {
                escaped.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7))).append((char) ('0' + (v & 7)));
            } else if (v == '\\') {
                escaped.append("\\\\");
            } else {
                escaped.append((char) v);
            }
        }
        return wholePattern(escaped.toString());
    }

    /** {@link #escapedWholePattern} of each of the forms and their {@link #withEncodings encodings}, for {@code ~* any(?)}. */
    public static String[] payloadPatterns(Collection<String> forms) {
        return withEncodings(forms).stream().map(AddressForms::escapedWholePattern).toArray(String[]::new);
    }
}
