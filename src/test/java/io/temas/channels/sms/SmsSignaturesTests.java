package io.temas.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsSignaturesTests {

    @Test
    void genericSignatureIsHexHmacSha256OfTheBody() {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        // echo -n '{"id":"1"}' | openssl dgst -sha256 -hmac secret
        assertThat(SmsSignatures.generic("secret", body))
                .isEqualTo("sha256=6146142a2ce0159e84c0767881e4ec80bc397da62526e7d19f70795eb79460c0");
        assertThat(SmsSignatures.verifyGeneric("secret", body, SmsSignatures.generic("secret", body))).isTrue();
        assertThat(SmsSignatures.verifyGeneric("secret", body, SmsSignatures.generic("other", body))).isFalse();
        assertThat(SmsSignatures.verifyGeneric("secret", "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8),
                SmsSignatures.generic("secret", body))).isFalse();
        assertThat(SmsSignatures.verifyGeneric("secret", body, null)).isFalse();
        assertThat(SmsSignatures.verifyGeneric(null, body, "sha256=00")).isFalse();
    }

    @Test
    void twilioSignatureMatchesTwilioDocumentedExample() {
        // The example from Twilio's "Webhooks security" documentation.
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Caller", "+12349013030");
        params.put("Digits", "1234");
        params.put("From", "+12349013030");
        params.put("To", "+18005551212");
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(SmsSignatures.twilio("12345", url, params)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(SmsSignatures.verifyTwilio("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
        params.put("Digits", "9999");
        assertThat(SmsSignatures.verifyTwilio("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
    }

    @Test
    void twilioParametersAreSortedByName() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("To", "+1");
        a.put("Body", "x");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("Body", "x");
        b.put("To", "+1");
        assertThat(SmsSignatures.twilio("t", "https://h/p", a)).isEqualTo(SmsSignatures.twilio("t", "https://h/p", b));
    }
}
