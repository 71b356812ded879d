package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The stream provider Temas names for Jakarta Mail is the one its service file offers, so naming it changes only the speed. */
class MailStreamProviderTests {

    @Test
    void theNamedProviderIsTheOneTheServiceLoaderWouldFind() {
        StreamProvider found = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow();

        assertThat(found.getClass().getName()).isEqualTo(MailSessions.ANGUS_STREAM_PROVIDER);
    }

    @Test
    void aParserNamesItForTheProcessAndJakartaMailUsesIt() {
        ParsedEmail email = new MimeParser(EmailLimits.DEFAULT).parse(Eml.of(
                "From: Ali Veli <ali@ornek.com>",
                "Subject: =?UTF-8?Q?Fatura_itiraz=C4=B1?=",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Merhaba"));

        assertThat(System.getProperty(MailSessions.STREAM_PROVIDER)).isEqualTo(MailSessions.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailSessions.ANGUS_STREAM_PROVIDER);
        assertThat(email.subject()).isEqualTo("Fatura itirazı");
        assertThat(email.fromAddress()).isEqualTo("ali@ornek.com");
    }
}
