package io.temas.shared;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one placeholder syntax of texts people write for Temas to fill in (acknowledgements, canned
 * replies): {@code {{name}}}, a letter followed by letters and digits, spaces inside the braces
 * allowed. Filling is literal: an apostrophe or a brace elsewhere in the text stays what it is.
 */
public final class Placeholders {

    private static final Pattern NAMED = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    /** The older numbered form ({@code {0}}), which no text may use any more. */
    private static final Pattern NUMBERED = Pattern.compile("\\{\\d+}");

    private Placeholders() {
    }

    /** The text with every {@code {{name}}} that {@code values} knows replaced (null as blank); others are left as written. */
    public static String fill(String template, Map<String, ?> values) {
        if (template == null) {
            return null;
        }
        Matcher m = NAMED.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String name = m.group(1);
            String replacement = values.containsKey(name) ? String.valueOf(values.get(name) == null ? "" : values.get(name)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholders the text uses, as written ({@code {{name}}}, or {@code {0}} for a numbered one), in order. */
    public static Set<String> used(String template) {
        Set<String> used = new LinkedHashSet<>();
        if (template != null) {
            Matcher named = NAMED.matcher(template);
            while (named.find()) {
                used.add("{{" + named.group(1) + "}}");
            }
            Matcher numbered = NUMBERED.matcher(template);
            while (numbered.find()) {
                used.add(numbered.group());
            }
        }
        return used;
    }

    /** The placeholders in the text that are not among {@code allowed} names (numbered ones are never allowed). */
    public static Set<String> unknown(String template, Collection<String> allowed) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String placeholder : used(template)) {
            String name = placeholder.startsWith("{{") ? placeholder.substring(2, placeholder.length() - 2) : null;
            if (name == null || !allowed.contains(name)) {
                unknown.add(placeholder);
            }
        }
        return unknown;
    }

    /** Whether the text uses this placeholder. */
    public static boolean uses(String template, String name) {
        return used(template).contains("{{" + name + "}}");
    }

    /** How a placeholder is written. */
    public static String written(String name) {
        return "{{" + name + "}}";
    }
}
