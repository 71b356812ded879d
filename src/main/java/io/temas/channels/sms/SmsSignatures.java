package io.temas.channels.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    public static boolean verifyGeneric(String secret, byte[] body, String header) {
        return secret != null && !secret.isBlank() && header != null && same(generic(secret, body), header.trim().toLowerCase(java.util.Locale.ROOT));
    }

    public static String twilio(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean verifyTwilio(String authToken, String url, Map<String, String> params, String header) {
        return authToken != null && !authToken.isBlank() && header != null && same(twilio(authToken, url, params), header.trim());
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
