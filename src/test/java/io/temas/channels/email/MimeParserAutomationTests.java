package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundMessage.Automation;
import org.junit.jupiter.api.Test;

class MimeParserAutomationTests {

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    private Automation automation(String... headers) {
        String[] lines = new String[headers.length + 3];
        lines[0] = "From: ali@ornek.com";
        System.arraycopy(headers, 0, lines, 1, headers.length);
        lines[headers.length + 1] = "";
        lines[headers.length + 2] = "Merhaba";
        return parser.parse(Eml.of(lines)).automation();
    }

    @Test
    void treatsOrdinaryMailAsHuman() {
        assertThat(automation("Subject: Merhaba", "X-Mailer: Outlook")).isEqualTo(Automation.HUMAN);
    }

    @Test
    void marksAutoSubmittedMailUnlessItSaysNo() {
        assertThat(automation("Auto-Submitted: auto-replied")).isEqualTo(new Automation(true, false, "Auto-Submitted: auto-replied"));
        assertThat(automation("Auto-Submitted: auto-generated; owner-email=\"x@y.z\"").autoSubmitted()).isTrue();
        assertThat(automation("Auto-Submitted: No")).isEqualTo(Automation.HUMAN);
    }

    @Test
    void marksAutoRepliesByTheirXHeaders() {
        assertThat(automation("X-Autoreply: yes")).isEqualTo(new Automation(true, false, "X-Autoreply: yes"));
        assertThat(automation("X-Autorespond: Ofiste değilim")).isEqualTo(new Automation(true, false, "X-Autorespond: Ofiste değilim"));
    }

    @Test
    void marksMailThatAsksToSuppressAutoReplies() {
        assertThat(automation("X-Auto-Response-Suppress: All").autoSubmitted()).isTrue();
        assertThat(automation("X-Auto-Response-Suppress: OOF, AutoReply").detail()).isEqualTo("X-Auto-Response-Suppress: OOF, AutoReply");
    }

    @Test
    void ignoresSuppressionOfReceiptsOnly() {
        assertThat(automation("X-Auto-Response-Suppress: DR, RN, NRN")).isEqualTo(Automation.HUMAN);
    }

    @Test
    void marksBulkAndListMail() {
        assertThat(automation("Precedence: bulk")).isEqualTo(new Automation(false, true, "Precedence: bulk"));
        assertThat(automation("Precedence: list").bulk()).isTrue();
        assertThat(automation("Precedence: junk").bulk()).isTrue();
        assertThat(automation("List-Id: Duyurular <duyuru.ornek.com>")).isEqualTo(new Automation(false, true, "List-Id: Duyurular <duyuru.ornek.com>"));
        assertThat(automation("List-Unsubscribe: <mailto:cik@ornek.com>").bulk()).isTrue();
        assertThat(automation("Precedence: first-class")).isEqualTo(Automation.HUMAN);
    }

    @Test
    void namesTheAutoSubmittedHeaderWhenMailIsBothAutomaticAndBulk() {
        assertThat(automation("Precedence: bulk", "Auto-Submitted: auto-generated"))
                .isEqualTo(new Automation(true, true, "Auto-Submitted: auto-generated"));
    }

    @Test
    void marksDeliveryReportsAsAutomatic() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: MAILER-DAEMON@mx.ornek.com",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=r",
                "",
                "--r",
                "Content-Type: text/plain",
                "",
                "Teslim edilemedi.",
                "--r",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.ornek.com",
                "",
                "Final-Recipient: rfc822; yok@ornek.com",
                "Action: failed",
                "Status: 5.1.1",
                "--r--"));

        assertThat(email.automation().autoSubmitted()).isTrue();
    }
}
