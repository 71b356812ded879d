package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTests {

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    private static String display(String... lines) {
        return QuoteStripper.displayText(String.join("\n", lines));
    }

    @Test
    void dropsLinesQuotedWithGreaterThan() {
        assertThat(display("Tamam, teşekkürler.", "", "> Siparişiniz yola çıktı.", ">> Kargom nerede?"))
                .isEqualTo("Tamam, teşekkürler.");
    }

    @Test
    void cutsAtAnEnglishAttribution() {
        assertThat(display(
                "Thanks, that works.",
                "",
                "On Mon, 1 Jan 2026 at 10:00, Ali <a@b.c> wrote:",
                "> Please try again.",
                "> Regards"))
                .isEqualTo("Thanks, that works.");
    }

    @Test
    void cutsAtAnAttributionWrappedOverTwoLines() {
        assertThat(display(
                "Olur.",
                "",
                "On Mon, 1 Jan 2026 at 10:00, Ali Veli Uzunsoyadlı <ali.veli@ornek.com.tr>",
                "wrote:",
                "",
                "> Yarın gelebilir misiniz?"))
                .isEqualTo("Olur.");
    }

    @Test
    void cutsAtATurkishAttribution() {
        assertThat(display(
                "Merhaba, kargo hâlâ gelmedi.",
                "",
                "1 Oca 2026 Pzt, 10:00 tarihinde Ali <a@b.c> şunu yazdı:",
                "",
                "> Kargonuz yola çıktı."))
                .isEqualTo("Merhaba, kargo hâlâ gelmedi.");
    }

    @Test
    void cutsAtAnAzerbaijaniAttribution() {
        assertThat(display(
                "Salam, sifarişim hələ gəlməyib.",
                "",
                "B.e., 5 yan 2026, 10:00 tarixində Əli <eli@nümunə.az> yazdı:",
                "> Sifarişiniz göndərildi."))
                .isEqualTo("Salam, sifarişim hələ gəlməyib.");
    }

    @Test
    void cutsAtAnAttributionFollowedByUnquotedHistory() {
        assertThat(display(
                "Evet, uygun.",
                "1 Oca 2026 Pzt, 10:00 tarihinde Ali <a@b.c> şunu yazdı:",
                "Yarın 14:00 uygun mu?"))
                .isEqualTo("Evet, uygun.");
    }

    @Test
    void keepsOrdinaryLinesThatEndWithWrote() {
        assertThat(display("Müdürünüz bana şunu yazdı:", "iade mümkün değil."))
                .isEqualTo("Müdürünüz bana şunu yazdı:\niade mümkün değil.");
        assertThat(display("This is what he wrote:", "no refunds."))
                .isEqualTo("This is what he wrote:\nno refunds.");
    }

    @Test
    void cutsAtOutlookOriginalMessageSeparators() {
        assertThat(display("Thanks", "", "-----Original Message-----", "From: Ali", "Hi")).isEqualTo("Thanks");
        assertThat(display("Teşekkürler", "", "-----Özgün İleti-----", "Kimden: Ali", "Merhaba")).isEqualTo("Teşekkürler");
    }

    @Test
    void cutsAtOutlookHeaderBlocks() {
        assertThat(display(
                "Thanks, received.",
                "",
                "________________________________",
                "From: Ali Veli <ali@ornek.com>",
                "Sent: Monday, January 5, 2026 10:00 AM",
                "To: Destek <destek@temas.io>",
                "Subject: RE: Invoice",
                "",
                "Here is your invoice."))
                .isEqualTo("Thanks, received.");
        assertThat(display(
                "Aldım, teşekkürler.",
                "",
                "Kimden: Ali Veli <ali@ornek.com>",
                "Gönderildi: 5 Ocak 2026 Pazartesi 10:00",
                "Kime: destek@temas.io",
                "Konu: YNT: Fatura",
                "",
                "Faturanız ektedir."))
                .isEqualTo("Aldım, teşekkürler.");
        assertThat(display(
                "Ok",
                "*From:* Ali <ali@ornek.com>",
                "*Date:* Mon, 5 Jan 2026",
                "*Subject:* Invoice",
                "*To:* destek@temas.io",
                "Old text"))
                .isEqualTo("Ok");
    }

    @Test
    void keepsAForwardedMessage() {
        String forwarded = String.join("\n",
                "Aşağıdaki ileti hakkında yardım lütfen.",
                "",
                "---------- Forwarded message ---------",
                "From: Kargo <bilgi@kargo.com>",
                "Date: Mon, 5 Jan 2026 at 10:00",
                "Subject: Teslimat",
                "To: <ali@ornek.com>",
                "",
                "Paketiniz teslim edilemedi.");

        assertThat(QuoteStripper.displayText(forwarded)).isEqualTo(forwarded);
    }

    @Test
    void cutsTheSignature() {
        assertThat(display("Görüşmek üzere.", "-- ", "Ali Veli", "Satış Müdürü")).isEqualTo("Görüşmek üzere.");
    }

    @Test
    void keepsAnswersWrittenBetweenQuotes() {
        assertThat(display(
                "On Mon, 1 Jan 2026 at 10:00, Destek <destek@temas.io> wrote:",
                "> Sipariş numaranız nedir?",
                "12345",
                "> Adresiniz?",
                "İstanbul"))
                .isEqualTo("12345\nİstanbul");
    }

    @Test
    void fallsBackToTheWholeTextWhenNothingWouldBeLeft() {
        assertThat(display("> sadece alıntı", "> başka bir şey yok")).isEqualTo("> sadece alıntı\n> başka bir şey yok");
        assertThat(display("-- ", "Ali")).isEqualTo("-- \nAli");
    }

    @Test
    void displayTextOfAParsedReplyLeavesOutHistoryAndSignature() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Tamam, yarın uğrarım.",
                "",
                "-- ",
                "Ali",
                "",
                "5 Oca 2026 Pzt, 10:00 tarihinde Destek <destek@temas.io> şunu yazdı:",
                "> Ürününüz hazır."));

        assertThat(email.displayText()).isEqualTo("Tamam, yarın uğrarım.");
        assertThat(email.text()).contains("> Ürününüz hazır.");
    }

    @Test
    void removesGmailQuoteBlocksFromHtmlOnlyReplies() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<div dir=\"ltr\">Teşekkürler, aldım.</div><br>",
                "<div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">",
                "5 Oca 2026 Pzt, 10:00 tarihinde Destek &lt;destek@temas.io&gt; şunu yazdı:<br></div>",
                "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\">Faturanız ektedir.</blockquote></div>"));

        assertThat(email.displayText()).isEqualTo("Teşekkürler, aldım.");
        assertThat(email.text()).contains("Faturanız ektedir.");
    }

    @Test
    void removesOutlookReplyHeadersFromHtmlOnlyReplies() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<div>Thanks!</div><hr style=\"display:inline-block;width:98%\">",
                "<div id=\"divRplyFwdMsg\"><b>From:</b> Destek &lt;destek@temas.io&gt;<br><b>Sent:</b> Monday<br>",
                "<b>To:</b> Ali<br><b>Subject:</b> Invoice</div><div>Old invoice text</div>"));

        assertThat(email.displayText()).isEqualTo("Thanks!");
    }

    @Test
    void neverLeavesTheDisplayTextOfAQuoteOnlyHtmlReplyEmpty() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<blockquote type=\"cite\">Eski ileti</blockquote>"));

        assertThat(email.displayText()).isEqualTo("Eski ileti");
    }
}
