package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.email.ParsedEmail.DeliveryReport;
import org.junit.jupiter.api.Test;

class MimeParserBounceTests {

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    private static byte[] report(String reportType, String... statusLines) {
        String[] head = {
            "From: Mail Delivery System <MAILER-DAEMON@mx.temas.io>",
            "To: destek@temas.io",
            "Subject: Undelivered Mail Returned to Sender",
            "Content-Type: multipart/report; report-type=" + reportType + "; boundary=\"rpt\"",
            "",
            "--rpt",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "This is the mail system at host mx.temas.io.",
            "--rpt",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.temas.io",
            "Arrival-Date: Mon,  5 Jan 2026 10:00:00 +0300 (+03)",
            ""};
        String[] tail = {
            "--rpt",
            "Content-Type: text/rfc822-headers",
            "",
            "From: destek@temas.io",
            "To: musteri@ornek.com",
            "Subject: Talebiniz",
            "--rpt--"};
        String[] lines = new String[head.length + statusLines.length + tail.length];
        System.arraycopy(head, 0, lines, 0, head.length);
        System.arraycopy(statusLines, 0, lines, head.length, statusLines.length);
        System.arraycopy(tail, 0, lines, head.length + statusLines.length, tail.length);
        return Eml.of(lines);
    }

    @Test
    void readsAPermanentFailureFromADeliveryStatusReport() {
        ParsedEmail email = parser.parse(report("delivery-status",
                "Final-Recipient: rfc822; Musteri@Ornek.com",
                "Original-Recipient: rfc822;musteri@ornek.com",
                "Action: failed",
                "Status: 5.1.1",
                "Remote-MTA: dns; mx.ornek.com",
                "Diagnostic-Code: smtp; 550 5.1.1 <musteri@ornek.com>: Recipient address",
                "    rejected: User unknown in virtual mailbox table"));

        assertThat(email.isBounce()).isTrue();
        assertThat(email.bounce()).isEqualTo(new DeliveryReport(java.util.List.of("musteri@ornek.com"), true,
                "550 5.1.1 <musteri@ornek.com>: Recipient address rejected: User unknown in virtual mailbox table"));
    }

    @Test
    void readsADelayAsNotPermanent() {
        ParsedEmail email = parser.parse(report("delivery-status",
                "Final-Recipient: rfc822; musteri@ornek.com",
                "Action: delayed",
                "Status: 4.4.7",
                "Diagnostic-Code: smtp; 451 4.4.7 try again later"));

        assertThat(email.bounce()).isEqualTo(new DeliveryReport(java.util.List.of("musteri@ornek.com"), false, "451 4.4.7 try again later"));
    }

    @Test
    void takesTheOriginalRecipientWhenThereIsNoFinalRecipient() {
        ParsedEmail email = parser.parse(report("delivery-status",
                "Original-Recipient: rfc822; <eski@ornek.com>",
                "Action: failed",
                "Status: 5.0.0"));

        assertThat(email.bounce().recipients()).containsExactly("eski@ornek.com");
        assertThat(email.bounce().permanent()).isTrue();
        assertThat(email.bounce().reason()).isEqualTo("status 5.0.0");
    }

    @Test
    void listsThePermanentFailuresOfAReportWithSeveralRecipients() {
        ParsedEmail email = parser.parse(report("delivery-status",
                "Final-Recipient: rfc822; bir@ornek.com",
                "Action: failed",
                "Status: 5.2.2",
                "Diagnostic-Code: smtp; 552 5.2.2 mailbox full",
                "",
                "Final-Recipient: rfc822; iki@ornek.com",
                "Action: delayed",
                "Status: 4.2.2",
                "",
                "Final-Recipient: rfc822; uc@ornek.com",
                "Action: failed",
                "Status: 5.1.1"));

        assertThat(email.bounce().recipients()).containsExactly("bir@ornek.com", "uc@ornek.com");
        assertThat(email.bounce().permanent()).isTrue();
        assertThat(email.bounce().reason()).isEqualTo("552 5.2.2 mailbox full");
    }

    @Test
    void doesNotTreatASuccessReportAsABounce() {
        ParsedEmail email = parser.parse(report("delivery-status",
                "Final-Recipient: rfc822; musteri@ornek.com",
                "Action: delivered",
                "Status: 2.0.0"));

        assertThat(email.bounce()).isNull();
    }

    @Test
    void readsAPostfixStyleTextBounce() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: MAILER-DAEMON@mx.temas.io (Mail Delivery System)",
                "To: destek@temas.io",
                "Subject: Undelivered Mail Returned to Sender",
                "",
                "I'm sorry to have to inform you that your message could not",
                "be delivered to one or more recipients.",
                "",
                "<Yok.Boyle@Ornek.com>: host mx.ornek.com[203.0.113.5] said: 550 5.1.1",
                "    <yok.boyle@ornek.com>: Recipient address rejected: User unknown"));

        assertThat(email.bounce()).isEqualTo(new DeliveryReport(java.util.List.of("yok.boyle@ornek.com"), true,
                "<Yok.Boyle@Ornek.com>: host mx.ornek.com[203.0.113.5] said: 550 5.1.1"));
    }

    @Test
    void readsAGmailStyleFailureNotice() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                "To: destek@temas.io",
                "Subject: Delivery Status Notification (Failure)",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "** Address not found **",
                "",
                "Your message wasn't delivered to musteri@ornek.com because the address couldn't be found,",
                "or is unable to receive mail.",
                "",
                "The response from the remote server was:",
                "550 5.1.1 The email account that you tried to reach does not exist."));

        assertThat(email.bounce().recipients()).containsExactly("musteri@ornek.com");
        assertThat(email.bounce().permanent()).isTrue();
        assertThat(email.bounce().reason()).isEqualTo("550 5.1.1 The email account that you tried to reach does not exist.");
    }

    @Test
    void readsAnEximStyleFailureNotice() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: Mail Delivery System <Mailer-Daemon@ornek.net>",
                "To: destek@temas.io",
                "Subject: Mail delivery failed: returning message to sender",
                "",
                "This message was created automatically by mail delivery software.",
                "",
                "A message that you sent could not be delivered to one or more of its",
                "recipients. This is a permanent error. The following address(es) failed:",
                "",
                "  kapali@ornek.net",
                "    host mx.ornek.net [198.51.100.7]",
                "    SMTP error from remote mail server after RCPT TO:<kapali@ornek.net>:",
                "    550 mailbox unavailable"));

        assertThat(email.bounce().recipients()).containsExactly("kapali@ornek.net");
        assertThat(email.bounce().reason()).isEqualTo("550 mailbox unavailable");
    }

    @Test
    void prefersTheXFailedRecipientsHeader() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: Mailer-Daemon@ornek.net",
                "To: destek@temas.io",
                "X-Failed-Recipients: Hedef@Ornek.net",
                "Subject: Mail delivery failed",
                "",
                "Something went wrong with ilgisiz@ornek.net."));

        assertThat(email.bounce().recipients()).containsExactly("hedef@ornek.net");
    }

    @Test
    void readsASendmailStyleReturnedMail() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: Mail Delivery Subsystem <MAILER-DAEMON@ornek.org>",
                "To: <destek@temas.io>",
                "Subject: Returned mail: see transcript for details",
                "",
                "The original message was received at Mon, 5 Jan 2026 10:00:00 +0300",
                "from mx.temas.io [192.0.2.1]",
                "",
                "   ----- The following addresses had permanent fatal errors -----",
                "<gitti@ornek.org>",
                "    (reason: 550 5.1.1 User unknown)"));

        assertThat(email.bounce().recipients()).containsExactly("gitti@ornek.org");
        assertThat(email.bounce().reason()).isEqualTo("(reason: 550 5.1.1 User unknown)");
    }

    @Test
    void readsAPostmasterNoticeWithoutOtherClues() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: postmaster@ornek.com.tr",
                "To: destek@temas.io",
                "Subject: Undeliverable: Talebiniz",
                "",
                "Bu iletiyi destek@temas.io adresinden gönderdiniz; musteri@ornek.com.tr adresine ulaşılamadı."));

        assertThat(email.bounce().recipients()).containsExactly("musteri@ornek.com.tr");
        assertThat(email.bounce().permanent()).isTrue();
    }

    @Test
    void neverTreatsMailFromAPersonAsABounce() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: Ali Veli <ali@ornek.com>",
                "To: destek@temas.io",
                "Subject: Returned mail: ürünü iade ettim",
                "",
                "<kargo@ornek.com>: 550 adresine gönderdim, teslim edilemedi."));

        assertThat(email.bounce()).isNull();
        assertThat(email.isBounce()).isFalse();
    }

    @Test
    void doesNotTreatOtherMailFromTheMailerDaemonAsABounce() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: MAILER-DAEMON@mx.temas.io",
                "Subject: Postmaster notification: weekly statistics",
                "",
                "Everything is fine."));

        assertThat(email.bounce()).isNull();
    }

    @Test
    void doesNotTreatAReadReceiptAsABounce() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Subject: Read: Talebiniz",
                "Content-Type: multipart/report; report-type=disposition-notification; boundary=r",
                "",
                "--r",
                "Content-Type: text/plain",
                "",
                "Okundu.",
                "--r",
                "Content-Type: message/disposition-notification",
                "",
                "Final-Recipient: rfc822; ali@ornek.com",
                "Disposition: manual-action/MDN-sent-manually; displayed",
                "--r--"));

        assertThat(email.bounce()).isNull();
    }
}
