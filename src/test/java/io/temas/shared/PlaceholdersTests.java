package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlaceholdersTests {

    @Test
    void fillsKnownNamesLiterallyAndLeavesTheRestAsWritten() {
        Map<String, Object> values = new HashMap<>();
        values.put("customer", "Ali $1 \\ Veli");
        values.put("agent", null);

        String filled = Placeholders.fill("Merhaba {{customer}}, {{ agent }}'den selam; {{reference}} {0} '{x}'", values);

        assertThat(filled).isEqualTo("Merhaba Ali $1 \\ Veli, 'den selam; {{reference}} {0} '{x}'");
    }

    @Test
    void namesThePlaceholdersATextMayNotUseIncludingTheOldNumberedOnes() {
        List<String> allowed = List.of("customer", "reference");

        assertThat(Placeholders.unknown("{{customer}} {{reference}} {{ customer }}", allowed)).isEmpty();
        assertThat(Placeholders.unknown("{{customer}} {{refrence}} {1} {{Customer}}", allowed))
                .containsExactly("{{refrence}}", "{{Customer}}", "{1}");
        assertThat(Placeholders.unknown("no placeholders, {braces} and {{ }} stay text", allowed)).isEmpty();
        assertThat(Placeholders.uses("a {{ late }}", "late")).isTrue();
    }

    /** The definition the scan must keep: what a regular expression finds, filled through {@code Matcher}. */
    private static final Pattern NAMED = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private static String fillByExpression(String template, Map<String, ?> values) {
        Matcher m = NAMED.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = values.containsKey(name) ? String.valueOf(values.get(name) == null ? "" : values.get(name)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    @Test
    void fillsAndFindsExactlyWhatTheRegularExpressionOfTheSyntaxWould() {
        String[] pieces = {"{", "{{", "}", "}}", " ", "\t", "\n", "\u000B", "a", "ab", "late", "customer", "x1", "9", "_", "é", "İ", "$1",
                "\\", "'", "{0}", "{{ customer }}", "{{late}}"};
        Map<String, Object> values = new HashMap<>();
        values.put("customer", "Ali $1 \\ Veli {{late}}");
        values.put("late", "");
        values.put("a", null);
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String template = text.toString();
            Set<String> named = new LinkedHashSet<>();
            Matcher m = NAMED.matcher(template);
            while (m.find()) {
                named.add("{{" + m.group(1) + "}}");
            }

            assertThat(Placeholders.fill(template, values)).as(template).isEqualTo(fillByExpression(template, values));
            assertThat(Placeholders.used(template).stream().filter(p -> p.startsWith("{{")).toList()).as(template)
                    .containsExactlyElementsOf(named);
            assertThat(Placeholders.uses(template, "late")).as(template).isEqualTo(named.contains("{{late}}"));
        }
    }
}
