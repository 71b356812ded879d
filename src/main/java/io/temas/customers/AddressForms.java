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
}
