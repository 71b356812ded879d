package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MimeParserHeadersTests {

    private final MimeParser parser = new MimeParser(EmailLimits.DEFAULT);

    @Test
    void readsSenderRecipientsSubjectIdsDateAndLanguage() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: Ali Veli <Ali.Veli@Ornek.COM>",
                "To: Destek <Destek@Temas.io>, ikinci@temas.io",
                "Cc: \"Ayşe Kaya\" <AYSE@ornek.com>, destek@temas.io",
                "Subject: Sipariş durumu",
                "Message-ID: <abc.123@ornek.com>",
                "Date: Mon, 5 Jan 2026 10:15:00 +0300",
                "Content-Language: tr",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Merhaba"));

        assertThat(email.fromAddress()).isEqualTo("ali.veli@ornek.com");
        assertThat(email.fromName()).isEqualTo("Ali Veli");
        assertThat(email.recipients()).containsExactly("destek@temas.io", "ikinci@temas.io", "ayse@ornek.com");
        assertThat(email.subject()).isEqualTo("Sipariş durumu");
        assertThat(email.messageId()).isEqualTo("<abc.123@ornek.com>");
        assertThat(email.date()).isEqualTo(Instant.parse("2026-01-05T07:15:00Z"));
        assertThat(email.language()).isEqualTo("tr");
        assertThat(email.replyTo()).isNull();
        assertThat(email.references()).isEmpty();
        assertThat(email.text()).isEqualTo("Merhaba");
    }

    @Test
    void decodesQEncodedTurkishSubject() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Subject: =?UTF-8?Q?Sipari=C5=9F_durumu_hakk=C4=B1nda?=",
                "",
                "x"));

        assertThat(email.subject()).isEqualTo("Sipariş durumu hakkında");
    }

    @Test
    void decodesBEncodedSubjectFoldedOverLinesWithACharacterSplitBetweenWords() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Subject: =?utf-8?B?xQ==?=",
                " =?utf-8?B?nsO8a3LDvCDEnsSfIMSwxLHDlsO2w4fDpw==?=",
                "",
                "x"));

        assertThat(email.subject()).isEqualTo("Şükrü Ğğ İıÖöÇç");
    }

    @Test
    void decodesIso88599AndWindows1254EncodedWords() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: =?windows-1254?B?3vxrcvwgQmV5?= <sukru@ornek.com>",
                "Subject: =?ISO-8859-9?Q?=DE=FCkr=FC?= =?windows-1254?Q?_=F0=FD?=",
                "",
                "x"));

        assertThat(email.subject()).isEqualTo("Şükrü ğı");
        assertThat(email.fromName()).isEqualTo("Şükrü Bey");
    }

    @Test
    void decodesEncodedWordsGluedToOtherText() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "Subject: Re:=?UTF-8?Q?_=C3=B6deme?=plan",
                "",
                "x"));

        assertThat(email.subject()).isEqualTo("Re: ödemeplan");
    }

    @Test
    void decodesEncodedSenderName() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: =?UTF-8?B?R8O8bMWfZW4gw4dhxJ9sYXI=?= <gulsen@ornek.com.tr>",
                "Subject: x",
                "",
                "x"));

        assertThat(email.fromName()).isEqualTo("Gülşen Çağlar");
        assertThat(email.fromAddress()).isEqualTo("gulsen@ornek.com.tr");
    }

    @Test
    void readsRawEightBitHeadersAsUtf8OrTurkishWindowsText() {
        byte[] utf8 = Eml.of("From: Gülşen Çağlar <gulsen@ornek.com>", "Subject: Şikâyet", "", "x");
        byte[] windows1254 = Eml.of(Charset.forName("windows-1254"), "From: Gülşen Çağlar <gulsen@ornek.com>", "Subject: Şikayet", "", "x");

        assertThat(parser.parse(utf8).fromName()).isEqualTo("Gülşen Çağlar");
        assertThat(parser.parse(utf8).subject()).isEqualTo("Şikâyet");
        assertThat(parser.parse(windows1254).fromName()).isEqualTo("Gülşen Çağlar");
        assertThat(parser.parse(windows1254).subject()).isEqualTo("Şikayet");
    }

    @Test
    void fallsBackWhenAnEncodedWordNamesAnUnknownCharset() {
        ParsedEmail utf8 = parser.parse(Eml.of("From: ali@ornek.com", "Subject: =?x-unknown?Q?=C3=B6deme?=", "", "x"));
        ParsedEmail turkish = parser.parse(Eml.of("From: ali@ornek.com", "Subject: =?klingon?Q?=FEikayet?=", "", "x"));

        assertThat(utf8.subject()).isEqualTo("ödeme");
        assertThat(turkish.subject()).isEqualTo("şikayet");
    }

    @Test
    void keepsReplyToOnlyWhenItDiffersFromTheSender() {
        ParsedEmail same = parser.parse(Eml.of("From: Ali <ali@ornek.com>", "Reply-To: ALI@ornek.com", "", "x"));
        ParsedEmail other = parser.parse(Eml.of("From: Ali <ali@ornek.com>", "Reply-To: Muhasebe <Muhasebe@Ornek.com>", "", "x"));

        assertThat(same.replyTo()).isNull();
        assertThat(other.replyTo()).isEqualTo("muhasebe@ornek.com");
    }

    @Test
    void listsReferencesThenInReplyToInOrderWithoutDuplicates() {
        ParsedEmail email = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "References: <kok@ornek.com>",
                "  <ara@ornek.com> <kok@ornek.com>",
                "In-Reply-To: <son@ornek.com> (Ayşe's message of Monday)",
                "",
                "x"));
        ParsedEmail repeated = parser.parse(Eml.of(
                "From: ali@ornek.com",
                "References: <kok@ornek.com> <son@ornek.com>",
                "In-Reply-To: <son@ornek.com>",
                "",
                "x"));

        assertThat(email.references()).containsExactly("<kok@ornek.com>", "<ara@ornek.com>", "<son@ornek.com>");
        assertThat(repeated.references()).containsExactly("<kok@ornek.com>", "<son@ornek.com>");
    }

    @Test
    void leavesDateNullWhenMissingOrUnreadable() {
        ParsedEmail missing = parser.parse(Eml.of("From: ali@ornek.com", "", "x"));
        ParsedEmail garbage = parser.parse(Eml.of("From: ali@ornek.com", "Date: dün öğleden sonra", "", "x"));

        assertThat(missing.date()).isNull();
        assertThat(garbage.date()).isNull();
    }

    @Test
    void acceptsAMessageWithoutMessageIdDateOrSubject() {
        ParsedEmail email = parser.parse(Eml.of("From: ali@ornek.com", "", "Merhaba"));

        assertThat(email.messageId()).isNull();
        assertThat(email.date()).isNull();
        assertThat(email.subject()).isNull();
        assertThat(email.language()).isNull();
        assertThat(email.text()).isEqualTo("Merhaba");
    }

    @Test
    void addsAngleBracketsToABareMessageId() {
        ParsedEmail email = parser.parse(Eml.of("From: ali@ornek.com", "Message-ID: abc@ornek.com", "", "x"));

        assertThat(email.messageId()).isEqualTo("<abc@ornek.com>");
    }

    @Test
    void skipsAnMboxFromLine() {
        ParsedEmail email = parser.parse(Eml.of(
                "From ali@ornek.com Mon Jan  5 10:15:00 2026",
                "From: ali@ornek.com",
                "Subject: Merhaba",
                "",
                "x"));

        assertThat(email.fromAddress()).isEqualTo("ali@ornek.com");
        assertThat(email.subject()).isEqualTo("Merhaba");
    }

    @Test
    void expandsGroupsAndIgnoresUndisclosedRecipients() {
        ParsedEmail undisclosed = parser.parse(Eml.of("From: ali@ornek.com", "To: undisclosed-recipients:;", "", "x"));
        ParsedEmail group = parser.parse(Eml.of("From: ali@ornek.com", "To: Ekip: ayse@ornek.com, Can <can@ornek.com>;", "", "x"));

        assertThat(undisclosed.recipients()).isEmpty();
        assertThat(group.recipients()).containsExactly("ayse@ornek.com", "can@ornek.com");
    }

    @Test
    void findsAddressesInMalformedAddressHeaders() {
        ParsedEmail unbalanced = parser.parse(Eml.of("From: \"Ali Veli <Ali@Ornek.com", "To: destek@temas.io>, (yorum", "", "x"));

        assertThat(unbalanced.fromAddress()).isEqualTo("ali@ornek.com");
        assertThat(unbalanced.recipients()).containsExactly("destek@temas.io");
    }

    @Test
    void takesTheSenderHeaderWhenFromIsMissing() {
        ParsedEmail email = parser.parse(Eml.of("Sender: Liste <liste@ornek.com>", "", "x"));

        assertThat(email.fromAddress()).isEqualTo("liste@ornek.com");
    }
}
