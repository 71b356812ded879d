package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeParserMalformedTests {

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    @Test
    void refusesAMessageLargerThanTheLimit() {
        MimeParser small = new MimeParser(new EmailLimits(100, 50));
        byte[] raw = Eml.of("From: ali@ornek.com", "", "x".repeat(200));

        assertThatThrownBy(() -> small.parse(raw))
                .isInstanceOf(MalformedEmail.class)
                .hasMessageStartingWith("message is larger than 100 bytes");
    }

    @Test
    void refusesEmptyInput() {
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(MalformedEmail.class).hasMessage("message is empty");
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(MalformedEmail.class).hasMessage("message is empty");
    }

    @Test
    void refusesInputWithoutAnyHeader() {
        assertThatThrownBy(() -> parser.parse("Merhaba, bu bir e-posta değil.\nSadece metin.".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEmail.class)
                .hasMessageStartingWith("no header found");
        assertThatThrownBy(() -> parser.parse(Eml.of("", "", "Başlıksız gövde")))
                .isInstanceOf(MalformedEmail.class)
                .hasMessageStartingWith("no header found");
    }

    @Test
    void skipsBlankLinesBeforeTheHeader() {
        ParsedEmail email = parser.parse(Eml.of("", "From: ali@ornek.com", "", "Merhaba"));

        assertThat(email.fromAddress()).isEqualTo("ali@ornek.com");
        assertThat(email.text()).isEqualTo("Merhaba");
    }

    @Test
    void refusesAMessageWithNeitherSenderNorBody() {
        assertThatThrownBy(() -> parser.parse(Eml.of("Subject: Boş", "To: destek@temas.io", "", "  ", "")))
                .isInstanceOf(MalformedEmail.class)
                .hasMessage("message has neither a sender (From:) nor a body");
    }

    @Test
    void acceptsAMessageWithABodyButNoSender() {
        ParsedEmail email = parser.parse(Eml.of("Subject: Gönderensiz", "", "Yine de okunur."));

        assertThat(email.fromAddress()).isNull();
        assertThat(email.text()).isEqualTo("Yine de okunur.");
    }

    @Test
    void acceptsAMessageWithASenderButNoBody() {
        ParsedEmail email = parser.parse(Eml.of("From: ali@ornek.com", "Subject: Konu yeterli"));

        assertThat(email.text()).isEmpty();
        assertThat(email.subject()).isEqualTo("Konu yeterli");
    }

    @Test
    void refusesMultipartsNestedTooDeeply() {
        assertThatThrownBy(() -> parser.parse(nested(MimeParser.MAX_DEPTH + 5)))
                .isInstanceOf(MalformedEmail.class)
                .hasMessageContaining("nested more than 20 levels");
    }

    @Test
    void readsMultipartsNestedWithinTheLimit() {
        assertThat(parser.parse(nested(MimeParser.MAX_DEPTH - 2)).text()).isEqualTo("En içteki metin");
    }

    @Test
    void readsAMultipartWhoseBoundaryNeverAppearsAsText() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=yok",
                "",
                "Sınır hiç gelmiyor."));

        assertThat(email.text()).contains("Sınır hiç gelmiyor.");
    }

    @Test
    void reportsWhatIsWrongWithTheCause() {
        MalformedEmail error = org.junit.jupiter.api.Assertions.assertThrows(MalformedEmail.class,
                () -> parser.parse(nested(40)));

        assertThat(error.getMessage()).isEqualTo("MIME parts are nested more than 20 levels deep");
    }

    static byte[] nested(int depth) {
        StringBuilder message = new StringBuilder("From: ali@ornek.com\r\n");
        for (int level = 0; level < depth; level++) {
            message.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n");
            message.append("--b").append(level).append("\r\n");
        }
        message.append("Content-Type: text/plain; charset=utf-8\r\n\r\nEn içteki metin\r\n");
        for (int level = depth - 1; level >= 0; level--) {
            message.append("--b").append(level).append("--\r\n");
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }
}
