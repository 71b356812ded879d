package io.temas.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed visitor tokens: {@code v1.<session id and expiry>.<HMAC-SHA256>}. The key is made once, by
 * the first node that needs it, and kept in the database so every node checks every token; nothing
 * about the visitor is stored in the token but the session it opens and until when.
 */
@Component
class VisitorTokens {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ChatSettings settings;
    private volatile byte[] key;

    VisitorTokens(JdbcClient jdbc, Clock clock, ChatSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    String issue(UUID sessionId) {
        ByteBuffer body = ByteBuffer.allocate(24);
        body.putLong(sessionId.getMostSignificantBits()).putLong(sessionId.getLeastSignificantBits())
                .putLong(clock.instant().plus(settings.tokenLifetime()).getEpochSecond());
        String payload = "v1." + ENCODE.encodeToString(body.array());
        return payload + "." + ENCODE.encodeToString(sign(payload));
    }

    /**
     * The session a token opens.
     *
     * @throws ChatRefused 401 when the token is malformed, forged, expired or for another session
     */
    UUID verify(String token, UUID sessionId) {
        if (token == null || token.length() > 200) {
            throw ChatRefused.badToken();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw ChatRefused.badToken();
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODE.decode(parts[1]);
            signature = DECODE.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw ChatRefused.badToken();
        }
        if (body.length != 24 || !MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw ChatRefused.badToken();
        }
        ByteBuffer read = ByteBuffer.wrap(body);
        UUID id = new UUID(read.getLong(), read.getLong());
        long expires = read.getLong();
        if (!id.equals(sessionId) || clock.instant().isAfter(Instant.ofEpochSecond(expires))) {
            throw ChatRefused.badToken();
        }
        return id;
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.sql("insert into chat_keys (id, secret, created_at) values (1, ?, ?) on conflict (id) do nothing")
                    .params(fresh, Timestamp.from(clock.instant())).update();
            known = jdbc.sql("select secret from chat_keys where id = 1").query(byte[].class).single();
            Arrays.fill(fresh, (byte) 0);
            key = known;
        }
        return known;
    }
}
