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

    private static final int START = 0;
    private static final int END = 1;
    private static final int NAME_START = 2;
    private static final int NAME_END = 3;
    /** The older numbered form ({@code {0}}), which no text may use any more. */
    private static final Pattern NUMBERED = Pattern.compile("\\{\\d+}");

    private Placeholders() {
    }

    /** The text with every {@code {{name}}} that {@code values} knows replaced (null as blank); others are left as written. */
    public static String fill(String template, Map<String, ?> values) {
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(template.length() + 64);
        int[] at = new int[4];
        int copied = 0;
        for (int from = 0; find(template, from, at); from = at[END]) {
            String name = template.substring(at[NAME_START], at[NAME_END]);
            out.append(template, copied, at[START]);
            if (values.containsKey(name)) {
                Object value = values.get(name);
                out.append(value == null ? "" : String.valueOf(value));
            } else {
                out.append(template, at[START], at[END]);
            }
            copied = at[END];
        }
        return out.append(template, copied, template.length()).toString();
    }

    /** The placeholders the text uses, as written ({@code {{name}}}, or {@code {0}} for a numbered one), in order. */
    public static Set<String> used(String template) {
        Set<String> used = new LinkedHashSet<>();
        if (template != null) {
            int[] at = new int[4];
            for (int from = 0; find(template, from, at); from = at[END]) {
                used.add(written(template.substring(at[NAME_START], at[NAME_END])));
            }
            Matcher numbered = NUMBERED.matcher(template);
            while (numbered.find()) {
                used.add(numbered.group());
            }
        }
        return used;
    }

    /**
     * Finds the first {@code {{name}}} that starts at or after {@code from}: a letter and then letters or digits (ASCII),
     * blanks allowed around the name inside the braces. Fills {@code at} with where it starts and ends and where its name
     * does. A scan rather than a regular expression: every acknowledgement is filled this way.
     */
    private static boolean find(String text, int from, int[] at) {
        for (int open = text.indexOf("{{", from); open >= 0; open = text.indexOf("{{", open + 1)) {
            int i = skipBlanks(text, open + 2);
            int nameStart = i;
            if (i < text.length() && letter(text.charAt(i))) {
                i++;
                while (i < text.length() && (letter(text.charAt(i)) || digit(text.charAt(i)))) {
                    i++;
                }
                int nameEnd = i;
                i = skipBlanks(text, i);
                if (text.startsWith("}}", i)) {
                    at[START] = open;
                    at[END] = i + 2;
                    at[NAME_START] = nameStart;
                    at[NAME_END] = nameEnd;
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        // The blanks of a regular expression's \s: space, tab, line feed, vertical tab, form feed, carriage return.
        while (i < text.length() && (text.charAt(i) == ' ' || (text.charAt(i) >= '\t' && text.charAt(i) <= '\r'))) {
            i++;
        }
        return i;
    }

    private static boolean letter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
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
        if (template != null) {
            int[] at = new int[4];
            for (int from = 0; find(template, from, at); from = at[END]) {
                if (template.regionMatches(at[NAME_START], name, 0, name.length()) && at[NAME_END] - at[NAME_START] == name.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How a placeholder is written. */
    public static String written(String name) {
        return "{{" + name + "}}";
    }
}
