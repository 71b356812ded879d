package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundAttachment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample messages in src/test/resources/email/, read whole. */
class MimeParserCorpusTests {

    static final List<String> CORPUS = List.of(
            "01-plain-qp.eml", "02-alternative.eml", "03-related-inline.eml", "04-mixed-filenames.eml", "05-windows1254.eml",
            "06-dsn.eml", "07-forwarded.eml", "08-html-outlook.eml", "09-odd-headers.eml", "10-text-bounce.eml");

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    private ParsedEmail parse(String name) {
        return parser.parse(Eml.resource(name));
    }

    @Test
    void readsAQuotedPrintableMessageWithSignature() {
        ParsedEmail email = parse("01-plain-qp.eml");

        assertThat(email.fromName()).isEqualTo("Ali Veli");
        assertThat(email.subject()).isEqualTo("Sipariş 12345");
        assertThat(email.displayText()).isEqualTo("Merhaba,\n\nSipariş numaram 12345, ne zaman gelir? Çok acil, lütfen yardımcı olun.");
        assertThat(email.text()).endsWith("-- \nAli Veli");
    }

    @Test
    void readsAGmailStyleAlternativeReply() {
        ParsedEmail email = parse("02-alternative.eml");

        assertThat(email.text()).startsWith("Teşekkürler, faturayı aldım. Ödemeyi yarın yapacağım.");
        assertThat(email.displayText()).isEqualTo("Teşekkürler, faturayı aldım. Ödemeyi yarın yapacağım.");
        assertThat(email.html()).contains("Teşekkürler");
        assertThat(email.references()).containsExactly("<fatura-0@temas.io>", "<fatura-1@temas.io>");
        assertThat(email.recipients()).containsExactly("destek@temas.io", "muhasebe@ornek.com");
    }

    @Test
    void readsAnHtmlMessageWithAnInlineLogo() {
        ParsedEmail email = parse("03-related-inline.eml");

        assertThat(email.text()).isEqualTo("Şirket logomuz:");
        assertThat(email.attachments()).singleElement()
                .extracting(InboundAttachment::filename, InboundAttachment::inlineId)
                .containsExactly("logo.png", "logo@ornek");
    }

    @Test
    void readsAttachmentsWithEncodedTurkishNames() {
        assertThat(parse("04-mixed-filenames.eml").attachments()).extracting(InboundAttachment::filename)
                .containsExactly("Sözleşme taslağı.pdf", "Fatura_Ocak_Şubat.pdf");
    }

    @Test
    void readsATurkishWindowsMessageAndCutsTheOriginalMessage() {
        ParsedEmail email = parse("05-windows1254.eml");

        assertThat(email.fromName()).isEqualTo("Gülşen Çağlar");
        assertThat(email.subject()).isEqualTo("Şikayet");
        assertThat(email.displayText()).isEqualTo("Ağır işçiliğe şükür, ıhlamur ÇÖĞÜŞİ.");
    }

    @Test
    void readsADeliveryStatusNotification() {
        ParsedEmail email = parse("06-dsn.eml");

        assertThat(email.bounce()).isEqualTo(new ParsedEmail.DeliveryReport(List.of("musteri@ornek.com"), true, "550 5.1.1 User unknown"));
        assertThat(email.automation().autoSubmitted()).isTrue();
        assertThat(email.attachments()).extracting(InboundAttachment::contentType).contains("message/rfc822");
    }

    @Test
    void readsAForwardedMessageAsAnAttachment() {
        ParsedEmail email = parse("07-forwarded.eml");

        assertThat(email.text()).isEqualTo("Bakar mısınız?");
        assertThat(email.attachments()).singleElement()
                .extracting(InboundAttachment::filename, InboundAttachment::contentType)
                .containsExactly("kargo.eml", "message/rfc822");
    }

    @Test
    void readsAnOutlookHtmlReply() {
        ParsedEmail email = parse("08-html-outlook.eml");

        assertThat(email.fromName()).isEqualTo("Veli, Ahmet");
        assertThat(email.fromAddress()).isEqualTo("ahmet.veli@ornek.com.tr");
        assertThat(email.language()).isEqualTo("tr-TR");
        assertThat(email.displayText()).isEqualTo("Teşekkürler.");
        assertThat(email.automation().isAutomated()).isFalse();
    }

    @Test
    void readsWhatItCanOfAMessageWithOddHeadersAndEncodings() {
        ParsedEmail email = parse("09-odd-headers.eml");

        assertThat(email.fromAddress()).isEqualTo("ali@ornek.com");
        assertThat(email.recipients()).isEmpty();
        assertThat(email.subject()).isEqualTo("şüŞikayet");
        assertThat(email.date()).isNull();
        assertThat(email.automation().bulk()).isTrue();
        assertThat(email.text()).startsWith("Kargom ner").contains("ü=ZZ");
        assertThat(email.attachments()).singleElement().extracting(InboundAttachment::contentType).isEqualTo("application/x-whatever");
    }

    @Test
    void readsAPlainTextBounce() {
        ParsedEmail email = parse("10-text-bounce.eml");

        assertThat(email.bounce()).isEqualTo(new ParsedEmail.DeliveryReport(List.of("kapali@ornek.net"), true, "550 mailbox unavailable"));
    }
}
