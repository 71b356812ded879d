package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.conversations.Message;
import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The engine's bracketed notes of WhatsApp messages are said in the reader's language; anything else stays as written. */
class MessageNotesTests {

    private final MessageNotes notes = new MessageNotes(bundles());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void engineNotesAreSaidInTurkishAzerbaijaniAndEnglish() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("tr"));
        assertThat(notes.text(whatsapp("[document: fatura.pdf]"))).isEqualTo("[belge: fatura.pdf]");
        assertThat(notes.text(whatsapp("[image]"))).isEqualTo("[resim]");
        assertThat(notes.text(whatsapp("[sticker]"))).isEqualTo("[çıkartma]");
        assertThat(notes.text(whatsapp("[reaction 👍]"))).isEqualTo("[tepki: 👍]");
        assertThat(notes.text(whatsapp("[order message]"))).isEqualTo("[WhatsApp'ın burada gösterilmeyen bir mesaj türü: order]");

        LocaleContextHolder.setLocale(Locale.forLanguageTag("az"));
        assertThat(notes.text(whatsapp("[audio]"))).isEqualTo("[səs yazısı]");
        assertThat(notes.text(whatsapp("[reaction ❤️]"))).isEqualTo("[reaksiya: ❤️]");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(notes.text(whatsapp("[video: klip.mp4]"))).isEqualTo("[video: klip.mp4]");
        assertThat(notes.text(whatsapp("[image]"))).isEqualTo("[image]");
    }

    @Test
    void aCustomersOwnWordsAndOtherChannelsStayAsWritten() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("tr"));
        assertThat(notes.text(whatsapp("Kırık ekran [image]"))).isEqualTo("Kırık ekran [image]");
        assertThat(notes.text(whatsapp("[picture]"))).isEqualTo("[picture]");
        assertThat(notes.text(message(ChannelType.of("telegram"), "[image]"))).isEqualTo("[image]");
        assertThat(notes.text(whatsapp(null))).isNull();
    }

    private static Message whatsapp(String text) {
        return message(ChannelType.of("whatsapp"), text);
    }

    private static Message message(ChannelType channel, String text) {
        return new Message(UUID.randomUUID(), UUID.randomUUID(), Message.Direction.INBOUND, "message", channel, "wamid.1", null,
                "+905551112233", null, null, text, null, null, null, null, null, null, Instant.now());
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/whatsapp");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
