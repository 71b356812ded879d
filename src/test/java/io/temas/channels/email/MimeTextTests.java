package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.email.MimeText.HeaderValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeTextTests {

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void decodesBase64WithLineBreaksMissingPaddingAndJunk() {
        assertThat(ascii(MimeText.base64("TWVy\r\naGFi\r\nYQ".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("Merhaba");
        assertThat(ascii(MimeText.base64("TWVy*aGFi!YQ==".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("Merhaba");
    }

    @Test
    void decodesBase64ChunksThatWereConcatenatedWithTheirPadding() {
        assertThat(ascii(MimeText.base64("QQ==Qg==".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("AB");
    }

    @Test
    void decodesQuotedPrintableLeniently() {
        byte[] encoded = "a=3Db=\r\nc= \r\nd=4=\nx=".getBytes(StandardCharsets.US_ASCII);

        assertThat(ascii(MimeText.quotedPrintable(encoded))).isEqualTo("a=bcd=4x");
    }

    @Test
    void leavesUnknownTransferEncodingsAlone() {
        byte[] raw = "=C3=BC".getBytes(StandardCharsets.US_ASCII);

        assertThat(MimeText.decodeTransfer(raw, "x-bilinmeyen")).isEqualTo(raw);
        assertThat(MimeText.decodeTransfer(raw, null)).isEqualTo(raw);
        assertThat(ascii(MimeText.decodeTransfer(raw, " Quoted-Printable "))).isEqualTo("ü");
    }

    @Test
    void namesCharsetsByTheirCommonAliases() {
        assertThat(MimeText.charset("utf8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MimeText.charset("\"latin5\"").name()).isEqualTo("ISO-8859-9");
        assertThat(MimeText.charset("cp1254").name()).isEqualTo("windows-1254");
        assertThat(MimeText.charset("utf-8*tr")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MimeText.charset("yok-böyle-bir-şey")).isNull();
        assertThat(MimeText.charset("")).isNull();
        assertThat(MimeText.charset(null)).isNull();
    }

    @Test
    void readsHeaderValuesWithQuotedAndUnquotedParameters() {
        HeaderValue type = MimeText.headerValue("Text/Plain; Charset=\"UTF-8\"; format=flowed;; name=Yıllık rapor.txt; x=\"a\\\"b\"");

        assertThat(type.value()).isEqualTo("text/plain");
        assertThat(type.param("charset")).isEqualTo("UTF-8");
        assertThat(type.param("format")).isEqualTo("flowed");
        assertThat(type.param("name")).isEqualTo("Yıllık rapor.txt");
        assertThat(type.param("x")).isEqualTo("a\"b");
    }

    @Test
    void readsAParameterThatLacksItsSemicolon() {
        HeaderValue type = MimeText.headerValue("text/plain charset=windows-1254");

        assertThat(type.value()).isEqualTo("text/plain");
        assertThat(type.param("charset")).isEqualTo("windows-1254");
    }

    @Test
    void joinsRfc2231ContinuationsInOrderWhateverOrderTheyArriveIn() {
        HeaderValue disposition = MimeText.headerValue(
                "attachment; filename*1*=%C4%9F%C4%B1.pdf; filename*0*=UTF-8'tr'tasla");

        assertThat(disposition.value()).isEqualTo("attachment");
        assertThat(disposition.param("filename")).isEqualTo("taslağı.pdf");
    }

    @Test
    void keepsARfc2231ValueWithAnUnknownCharsetReadable() {
        assertThat(MimeText.headerValue("attachment; filename*=x-bilinmeyen''%DEikayet.txt").param("filename")).isEqualTo("Şikayet.txt");
        assertThat(MimeText.headerValue("attachment; filename*=utf-8''%ZZ%").param("filename")).isEqualTo("%ZZ%");
    }

    @Test
    void decodesEncodedWordsAndLeavesBrokenOnesAsTheyAre() {
        assertThat(MimeText.decodeWords("=?utf-8?q?=C3=BC?= =?utf-8?q?=C3=A7?= sonra")).isEqualTo("üç sonra");
        assertThat(MimeText.decodeWords("=?utf-8?q?Ali?= Veli")).isEqualTo("Ali Veli");
        assertThat(MimeText.decodeWords("=?utf-8?x?abc?= =?utf-8?q?kırık")).isEqualTo("=?utf-8?x?abc?= =?utf-8?q?kırık");
        assertThat(MimeText.decodeWords(null)).isNull();
    }

    @Test
    void readsRawHeaderBytesAsUtf8ElseAsTurkishWindowsText() {
        String utf8 = new String("Gülşen".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String windows = new String("Gülşen".getBytes(java.nio.charset.Charset.forName("windows-1254")), StandardCharsets.ISO_8859_1);

        assertThat(MimeText.headerText(utf8)).isEqualTo("Gülşen");
        assertThat(MimeText.headerText(windows)).isEqualTo("Gülşen");
        assertThat(MimeText.headerText("bir\r\n iki\r\n\tüç")).isEqualTo("bir iki\tüç");
    }

    @Test
    void findsAddressesInFreeText() {
        assertThat(MimeText.findAddresses("Kime: <Ali.Veli@Ornek.com.tr>, ayse@ornek.com. Ayrıca ali.veli@ornek.com.tr ve @ yalnız", 10))
                .containsExactly("ali.veli@ornek.com.tr", "ayse@ornek.com");
    }

    @Test
    void unflowsSoftLineBreaksAndKeepsQuoteDepth() {
        assertThat(FlowedText.unflow("Bir \niki\n> Alıntı \n> sürüyor\n>> derin \n> sığ", false))
                .isEqualTo("Bir iki\n> Alıntı sürüyor\n>> derin \n> sığ");
    }

    @Test
    void removesSpaceStuffingAndKeepsTheSignatureSeparator() {
        assertThat(FlowedText.unflow(" From here\n>From there\n-- \nAli", false)).isEqualTo("From here\n> From there\n-- \nAli");
    }
}
