package io.temas.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of webhook bodies, as providers send them: {@code sha256=<hex HMAC-SHA256 of the
 * raw body>} keyed with a shared secret. Meta (WhatsApp, Messenger, Instagram) sends it as
 * {@code X-Hub-Signature-256} keyed with the app secret; the generic SMS format as
 * {@code X-Temas-Signature}. Comparisons take constant time; a blank secret verifies nothing.
 */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /** The header value for a body: {@code sha256=} and the lower-case hex HMAC. */
    public static String sha256(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    /** Whether {@code header} is the {@link #sha256} signature of the body under the secret. */
    public static boolean verifySha256(String secret, byte[] body, String header) {
        return secret != null && !secret.isBlank() && header != null
                && same(sha256(secret, body), header.trim().toLowerCase(Locale.ROOT));
    }

    /** Compares two strings in time that does not depend on where they differ. */
    public static boolean same(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw HMAC of the data under a UTF-8 key ({@code HmacSHA256}, {@code HmacSHA1}). */
    public static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
