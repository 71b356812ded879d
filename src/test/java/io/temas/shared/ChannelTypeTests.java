package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTypeTests {

    @ParameterizedTest
    @ValueSource(strings = {"a", "sms", "whatsapp-business", "x1", "a-", "abcdefghijklmnopqrstuvwxyz012345"})
    void aCodeIsALowerCaseLetterThenLettersDigitsOrDashes(String code) {
        assertThat(new ChannelType(code).code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1sms", "-sms", "e mail", "şikayet", "sms_2", "abcdefghijklmnopqrstuvwxyz0123456"})
    void anythingElseIsRefused(String code) {
        assertThatThrownBy(() -> new ChannelType(code)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelType.of(code)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void theWireFormIsReadIgnoringCaseAndBlanks() {
        assertThat(ChannelType.of("  SMS ")).isEqualTo(ChannelType.SMS);
        assertThat(ChannelType.of("WebForm")).isEqualTo(ChannelType.WEBFORM);
        assertThatThrownBy(() -> new ChannelType("Sms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelType(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
