package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyOptionTests {

    private final ReplyOption email = new ReplyOption(ChannelType.EMAIL, List.of("fatura@ornek.com.tr", "bilgi@ornek.com.tr"),
            List.of("deniz@example.com", "deniz@is.example.com"));

    @Test
    void takesThePickedAddressesWhenTheyAreOnTheOption() {
        assertThat(email.sender("bilgi@ornek.com.tr")).isEqualTo("bilgi@ornek.com.tr");
        assertThat(email.recipient("deniz@is.example.com")).contains("deniz@is.example.com");
    }

    @Test
    void fallsBackToThePreferredAddressesWhenNothingOrAStrangerIsPicked() {
        assertThat(email.sender(null)).isEqualTo("fatura@ornek.com.tr");
        assertThat(email.sender("saldirgan@example.com")).isEqualTo("fatura@ornek.com.tr");
        assertThat(email.recipient(null)).contains("deniz@example.com");
        assertThat(email.recipient("saldirgan@example.com")).contains("deniz@example.com");
    }
}
