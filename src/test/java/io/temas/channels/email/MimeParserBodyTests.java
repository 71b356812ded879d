package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundAttachment;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeParserBodyTests {

    private static final Charset WINDOWS_1254 = Charset.forName("windows-1254");

    private static final Charset ISO_8859_9 = Charset.forName("ISO-8859-9");

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    @Test
    void decodesUtf8QuotedPrintableBodyWithSoftLineBreaks() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Sipari=C5=9F numaram 12345, ne zaman gelir? =C3=87ok acil, l=C3=BCtfen yard=",
                "=C4=B1mc=C4=B1 olun."));

        assertThat(email.text()).isEqualTo("Sipariş numaram 12345, ne zaman gelir? Çok acil, lütfen yardımcı olun.");
    }

    @Test
    void decodesBase64Body() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
                "S2FyZ29tIG5lcmVkZT8gxZ5pbWRpZGVuIHRl",
                "xZ9la2vDvHJsZXIuDQo="));

        assertThat(email.text()).isEqualTo("Kargom nerede? Şimdiden teşekkürler.");
    }

    @Test
    void decodesWindows1254Body() {
        ParsedEmail email = parser.parse(Eml.concat(
                Eml.of("From: ali@ornek.com", "Content-Type: text/plain; charset=windows-1254", "Content-Transfer-Encoding: 8bit", "", ""),
                "Ağır işçiliğe şükür, ıhlamur ÇÖĞÜŞİ".getBytes(WINDOWS_1254)));

        assertThat(email.text()).isEqualTo("Ağır işçiliğe şükür, ıhlamur ÇÖĞÜŞİ");
    }

    @Test
    void decodesIso88599Body() {
        ParsedEmail email = parser.parse(Eml.concat(
                Eml.of("From: ali@ornek.com", "Content-Type: text/plain; charset=\"ISO-8859-9\"", "", ""),
                "Şubat ayı faturası ığdır".getBytes(ISO_8859_9)));

        assertThat(email.text()).isEqualTo("Şubat ayı faturası ığdır");
    }

    @Test
    void fallsBackToTurkishWindowsTextWhenTheCharsetIsUnknown() {
        ParsedEmail unknown = parser.parse(Eml.concat(
                Eml.of("From: ali@ornek.com", "Content-Type: text/plain; charset=x-klingon-8", "", ""),
                "Ağır şikâyet".getBytes(WINDOWS_1254)));
        ParsedEmail invalid = parser.parse(Eml.concat(
                Eml.of("From: ali@ornek.com", "Content-Type: text/plain; charset=\"@@ bozuk ++\"", "", ""),
                "Işık".getBytes(WINDOWS_1254)));

        assertThat(unknown.text()).isEqualTo("Ağır şikâyet");
        assertThat(invalid.text()).isEqualTo("Işık");
    }

    @Test
    void readsUtf8WhenTheCharsetIsMissingOrClaimsAscii() {
        ParsedEmail missing = parser.parse(Eml.of("From: ali@ornek.com", "", "Günaydın"));
        ParsedEmail ascii = parser.parse(Eml.of("From: ali@ornek.com", "Content-Type: text/plain; charset=us-ascii", "", "Günaydın"));
        ParsedEmail aliased = parser.parse(Eml.of("From: ali@ornek.com", "Content-Type: text/plain; charset=utf8", "", "Günaydın"));

        assertThat(missing.text()).isEqualTo("Günaydın");
        assertThat(ascii.text()).isEqualTo("Günaydın");
        assertThat(aliased.text()).isEqualTo("Günaydın");
    }

    @Test
    void prefersPlainTextInAlternativeAndKeepsSanitisedHtml() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/alternative; boundary=\"alt\"",
                "",
                "--alt",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Düz metin",
                "--alt",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p onclick=\"x()\">HTML <b>metin</b></p><script>alert(1)</script>",
                "--alt--"));

        assertThat(email.text()).isEqualTo("Düz metin");
        assertThat(email.html()).isEqualTo("<p>HTML <b>metin</b></p>");
        assertThat(email.attachments()).isEmpty();
    }

    @Test
    void derivesTextFromHtmlWhenThereIsNoPlainText() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/html",
                "",
                "<html><head><meta charset=\"utf-8\"><style>p{color:red}</style></head>",
                "<body><p>Merhaba,</p><p>Kargom <b>gelmedi</b>.<br>Teşekkürler</p></body></html>"));

        assertThat(email.text()).isEqualTo("Merhaba,\nKargom gelmedi.\nTeşekkürler");
        assertThat(email.html()).contains("<b>gelmedi</b>").doesNotContain("style");
    }

    @Test
    void readsTheCharsetAnHtmlPartDeclaresInAMetaTag() {
        ParsedEmail email = parser.parse(Eml.concat(
                Eml.of("From: ali@ornek.com", "Content-Type: text/html", "", ""),
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-9\"><p>Şöför</p>".getBytes(ISO_8859_9)));

        assertThat(email.text()).isEqualTo("Şöför");
    }

    @Test
    void keepsInlineImagesOfRelatedPartsWithTheirContentId() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/related; boundary=rel; type=\"text/html\"",
                "",
                "--rel",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>Logo: <img src=\"cid:logo.123@ornek.com\"></p>",
                "--rel",
                "Content-Type: image/png; name=\"logo.png\"",
                "Content-Transfer-Encoding: base64",
                "Content-ID: <logo.123@ornek.com>",
                "",
                "iVBORw0KGgpmYWtlcG5n",
                "--rel--"));

        assertThat(email.attachments()).singleElement().satisfies(image -> {
            assertThat(image.filename()).isEqualTo("logo.png");
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.inlineId()).isEqualTo("logo.123@ornek.com");
            assertThat(image.content()).startsWith(0x89, 'P', 'N', 'G');
        });
        assertThat(email.html()).contains("src=\"cid:logo.123@ornek.com\"");
        assertThat(email.text()).isEqualTo("Logo:");
    }

    @Test
    void readsNestedMultipartsWithAttachments() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=\"mix\"",
                "",
                "This is a multi-part message in MIME format.",
                "--mix",
                "Content-Type: multipart/alternative; boundary=\"alt\"",
                "",
                "--alt",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Fatura ekte.",
                "--alt",
                "Content-Type: multipart/related; boundary=\"rel\"",
                "",
                "--rel",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>Fatura <i>ekte</i>.</p><img src=\"cid:imza\">",
                "--rel",
                "Content-Type: image/gif",
                "Content-ID: <imza>",
                "Content-Disposition: inline",
                "",
                "GIF89a",
                "--rel--",
                "--alt--",
                "--mix",
                "Content-Type: application/pdf; name=fatura.pdf",
                "Content-Disposition: attachment; filename=\"fatura.pdf\"",
                "Content-Transfer-Encoding: base64",
                "",
                "JVBERi0xLjQgZmFrZQ==",
                "--mix--",
                "epilogue"));

        assertThat(email.text()).isEqualTo("Fatura ekte.");
        assertThat(email.html()).contains("<i>ekte</i>");
        assertThat(email.attachments()).extracting(InboundAttachment::filename, InboundAttachment::contentType, InboundAttachment::inlineId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("attachment-1.gif", "image/gif", "imza"),
                        org.assertj.core.groups.Tuple.tuple("fatura.pdf", "application/pdf", null));
        assertThat(new String(email.attachments().get(1).content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake");
    }

    @Test
    void attachesForwardedMessagesAsEmlFiles() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "Aşağıdaki iletiyi iletiyorum.",
                "--b",
                "Content-Type: message/rfc822",
                "",
                "From: veli@ornek.com",
                "Subject: =?UTF-8?Q?=C3=96deme_/_Ocak?=",
                "Content-Type: text/plain",
                "",
                "İç ileti",
                "--b--"));

        assertThat(email.text()).isEqualTo("Aşağıdaki iletiyi iletiyorum.");
        assertThat(email.attachments()).singleElement().satisfies(forwarded -> {
            assertThat(forwarded.filename()).isEqualTo("Ödeme _ Ocak.eml");
            assertThat(forwarded.contentType()).isEqualTo("message/rfc822");
            assertThat(new String(forwarded.content(), StandardCharsets.UTF_8)).contains("From: veli@ornek.com").contains("İç ileti");
            assertThat(forwarded.inlineId()).isNull();
        });
    }

    @Test
    void decodesRfc2231Filenames() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "Ekler",
                "--b",
                "Content-Type: application/pdf",
                "Content-Disposition: attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%C3%96deme%20plan%C4%B1.pdf",
                "",
                "pdf",
                "--b",
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment;",
                " filename*0*=utf-8'tr'S%C3%B6zle%C5%9Fme%20tasla;",
                " filename*1*=%C4%9F%C4%B1%20ve%20;",
                " filename*2=\"ekleri.docx\"",
                "",
                "docx",
                "--b",
                "Content-Type: text/plain; name*=iso-8859-9''%DEikayet.txt",
                "Content-Disposition: attachment",
                "",
                "metin",
                "--b--"));

        assertThat(email.attachments()).extracting(InboundAttachment::filename)
                .containsExactly("Ödeme planı.pdf", "Sözleşme taslağı ve ekleri.docx", "Şikayet.txt");
        assertThat(email.text()).isEqualTo("Ekler");
    }

    @Test
    void decodesRfc2047AndRawEightBitFilenames() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: application/pdf; name=\"=?UTF-8?B?RmF0dXJhX09jYWtfxZ51YmF0LnBkZg==?=\"",
                "Content-Disposition: attachment",
                "",
                "pdf",
                "--b",
                "Content-Type: image/jpeg",
                "Content-Disposition: attachment; filename=\"Çiçek fotoğrafı.jpg\"",
                "",
                "jpg",
                "--b",
                "Content-Type: application/zip",
                "Content-Disposition: attachment; filename=C:\\Belgeler\\arşiv.zip",
                "",
                "zip",
                "--b--"));

        assertThat(email.attachments()).extracting(InboundAttachment::filename)
                .containsExactly("Fatura_Ocak_Şubat.pdf", "Çiçek fotoğrafı.jpg", "arşiv.zip");
    }

    @Test
    void leavesOutAttachmentsLargerThanTheLimitButKeepsTheMessage() {
        MimeParser strict = new MimeParser(new EmailLimits(10_000, 10));
        ParsedEmail email = strict.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "Büyük ek",
                "--b",
                "Content-Type: application/pdf; name=buyuk.pdf",
                "",
                "0123456789ABCDEF",
                "--b",
                "Content-Type: application/pdf; name=kucuk.pdf",
                "",
                "0123",
                "--b--"));

        assertThat(email.text()).isEqualTo("Büyük ek");
        assertThat(email.attachments()).extracting(InboundAttachment::filename).containsExactly("kucuk.pdf");
    }

    @Test
    void unflowsFormatFlowedText() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=utf-8; format=flowed",
                "",
                "Bu paragraf iki satıra ",
                "bölünmüş.",
                " From the stuffed line",
                "",
                "> Alıntı ",
                "> devam",
                "-- ",
                "Ali"));

        assertThat(email.text()).isEqualTo("Bu paragraf iki satıra bölünmüş.\nFrom the stuffed line\n\n> Alıntı devam\n-- \nAli");
    }

    @Test
    void unflowsFormatFlowedTextWithDelSp() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes",
                "",
                "Uzunbirkelime ",
                "ortasından bölündü."));

        assertThat(email.text()).isEqualTo("Uzunbirkelimeortasından bölündü.");
    }

    @Test
    void leavesFixedTextAlone() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Satır bir ",
                "Satır iki"));

        assertThat(email.text()).isEqualTo("Satır bir \nSatır iki");
    }

    @Test
    void readsWhatItCanOfBrokenBase64() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
                "S2FyZ29tIG5lcm*VkZT8=gxZ5pbW!!"));

        assertThat(email.text()).startsWith("Kargom ner");
    }

    @Test
    void keepsAStrayEqualsSignInQuotedPrintable() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "2+2=4 ve =ZZ =C3=BC"));

        assertThat(email.text()).isEqualTo("2+2=4 ve =ZZ ü");
    }

    @Test
    void readsATruncatedMultipartWithoutItsEndBoundary() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "Yarım kalan ileti"));

        assertThat(email.text()).isEqualTo("Yarım kalan ileti");
    }

    @Test
    void findsTheBoundaryWhenTheParameterIsMissing() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed",
                "",
                "--xyz",
                "Content-Type: text/plain",
                "",
                "Sınırsız",
                "--xyz--"));

        assertThat(email.text()).isEqualTo("Sınırsız");
    }

    @Test
    void joinsTextPartsSplitAroundAnInlineImage() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "Önce",
                "--b",
                "Content-Type: image/png",
                "Content-Disposition: inline; filename=ekran.png",
                "",
                "png",
                "--b",
                "Content-Type: text/plain",
                "",
                "Sonra",
                "--b--"));

        assertThat(email.text()).isEqualTo("Önce\nSonra");
        assertThat(email.attachments()).extracting(InboundAttachment::filename).containsExactly("ekran.png");
    }

    @Test
    void removesNulCharactersFromText() {
        ParsedEmail email = parser.parse(Eml.of("From: ali@ornek.com", "Subject: a\u0000b", "", "x\u0000y"));

        assertThat(email.subject()).isEqualTo("ab");
        assertThat(email.text()).isEqualTo("xy");
    }

    @Test
    void takesAWholeMessageThatIsAnAttachment() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: tarayici@ornek.com",
                "Content-Type: application/pdf; name=tarama.pdf",
                "Content-Transfer-Encoding: base64",
                "",
                "JVBERi0xLjQgZmFrZQ=="));

        assertThat(email.text()).isEmpty();
        assertThat(email.displayText()).isEmpty();
        assertThat(email.attachments()).extracting(InboundAttachment::filename).containsExactly("tarama.pdf");
    }
}
