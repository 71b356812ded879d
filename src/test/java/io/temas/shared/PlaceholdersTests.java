package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
}
