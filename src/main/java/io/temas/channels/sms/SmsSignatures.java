package io.temas.channels.sms;

import io.temas.channels.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Webhook signatures. The generic format signs the raw body: {@code X-Temas-Signature:
 * sha256=<hex HMAC-SHA256 of the body>}. Twilio signs the URL it called followed by every POST
 * parameter, sorted by name, as name then value with nothing between: {@code X-Twilio-Signature:
 * <base64 HMAC-SHA1>} keyed with the account's auth token. Comparisons take constant time.
 */
public final class SmsSignatures {

    private SmsSignatures() {
    }

    public static String generic(String secret, byte[] body) {
        return WebhookSignatures.sha256(secret, body);
    }

    public static boolean verifyGeneric(String secret, byte[] body, String header) {
        return WebhookSignatures.verifySha256(secret, body, header);
    }

    public static String twilio(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(
                WebhookSignatures.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean verifyTwilio(String authToken, String url, Map<String, String> params, String header) {
        return authToken != null && !authToken.isBlank() && header != null && WebhookSignatures.same(twilio(authToken, url, params), header.trim());
    }
}
