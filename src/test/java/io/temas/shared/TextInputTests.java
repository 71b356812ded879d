package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextInputTests {

    @Test
    void refusesANulInAShortValueNamingTheField() {
        assertThatThrownBy(() -> TextInput.check("name", "Ay\u0000şe", false))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("name").hasMessageContaining("U+0000")
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("name");
    }

    @Test
    void refusesLineBreaksInAShortValueButNotInFreeText() {
        assertThatThrownBy(() -> TextInput.check("name", "Ayşe\nYılmaz", false)).isInstanceOf(InvalidInput.class);
        assertThat(TextInput.check("text", "Merhaba,\r\n\tfaturam", true)).isEqualTo("Merhaba,\r\n\tfaturam");
    }

    @Test
    void refusesANulInFreeText() {
        assertThatThrownBy(() -> TextInput.check("text", "bir\u0000iki", true)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void refusesAShortValueLongerThanTheLimit() {
        assertThat(TextInput.check("code", "ş".repeat(TextInput.SHORT), false)).hasSize(TextInput.SHORT);
        assertThatThrownBy(() -> TextInput.check("code", "ş".repeat(TextInput.SHORT + 1), false))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("longer than 500");
    }

    @Test
    void stripsControlCharactersKeepingLineBreaksInFreeText() {
        assertThat(TextInput.strip("ay\u0000şe\u0007", false)).isEqualTo("ayşe");
        assertThat(TextInput.strip("bir\r\niki\u0000", true)).isEqualTo("bir\r\niki");
        assertThat(TextInput.strip("temiz", true)).isEqualTo("temiz");
    }

    @Test
    void aValueForTheLogHasNoControlCharactersAndIsCut() {
        assertThat(TextInput.forLog("wamid\u0000\nFORGED 2026-01-01 INFO")).isEqualTo("wamidFORGED 2026-01-01 INFO");
        assertThat(TextInput.forLog("x".repeat(10_000))).hasSize(201).endsWith("…");
        assertThat(TextInput.forLog(null)).isNull();
    }
}
