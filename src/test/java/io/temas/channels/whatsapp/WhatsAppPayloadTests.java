package io.temas.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WhatsAppPayloadTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSharedLocationReadsAsItsNameAddressCoordinatesAndAMapLink() {
        String text = WhatsAppPayload.text(JSON.readTree("""
                {"type":"location","location":{"latitude":41.0422,"longitude":29.0083,"name":"Temas Şube","address":"Beşiktaş, İstanbul"}}"""));
        assertThat(text).contains("Temas Şube", "Beşiktaş, İstanbul", "41.0422, 29.0083", "mlat=41.0422&mlon=29.0083");
    }

    @Test
    void sharedContactsKeepTheirNamesNumbersAndAddresses() {
        String text = WhatsAppPayload.text(JSON.readTree("""
                {"type":"contacts","contacts":[{"name":{"formatted_name":"Ali Yılmaz","first_name":"Ali"},
                 "phones":[{"phone":"+90 532 111 22 33","type":"CELL","wa_id":"905321112233"}],"emails":[{"email":"ali@ornek.com.tr"}],
                 "org":{"company":"Örnek A.Ş."}},{"name":{"first_name":"Zeynep","last_name":"Demir"},"phones":[{"wa_id":"994501234567"}]}]}"""));
        assertThat(text).contains("Ali Yılmaz", "+90 532 111 22 33 (cell)", "ali@ornek.com.tr", "Örnek A.Ş.", "Zeynep Demir", "994501234567");
    }

    @Test
    void buttonsListsAndMediaReadAsTheirTitlesAndCaptions() {
        assertThat(WhatsAppPayload.text(JSON.readTree("{\"type\":\"button\",\"button\":{\"text\":\"Evet\",\"payload\":\"YES\"}}"))).isEqualTo("Evet");
        assertThat(WhatsAppPayload.text(JSON.readTree("""
                {"type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"1","title":"Fatura","description":"Fatura soruları"}}}""")))
                .isEqualTo("Fatura\nFatura soruları");
        assertThat(WhatsAppPayload.text(JSON.readTree("{\"type\":\"image\",\"image\":{\"id\":\"1\",\"caption\":\"Kırık ekran\"}}")))
                .isEqualTo("Kırık ekran");
        assertThat(WhatsAppPayload.text(JSON.readTree("{\"type\":\"document\",\"document\":{\"id\":\"1\",\"filename\":\"fatura.pdf\"}}")))
                .isEqualTo("[document: fatura.pdf]");
    }
}
