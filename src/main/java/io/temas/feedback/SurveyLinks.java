package io.temas.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed tokens in survey and rating links: {@code <id>.<signature>}, both base64url, the signature
 * the first 16 bytes of HMAC-SHA256 over the kind of link and the id. A token names one survey
 * or one reply and nothing else; whether it was answered is decided in the database. The key is
 * {@code temas.survey.link-key} when set, otherwise made once by the first node and kept in
 * {@code survey_keys}.
 */
@Component
class SurveyLinks {

    /** What a link is about; part of what is signed, so a survey token never opens a rating and the other way round. */
    enum Kind {
        SURVEY, REPLY
    }

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SurveySettings settings;
    private volatile byte[] key;

    SurveyLinks(JdbcClient jdbc, Clock clock, SurveySettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    String token(Kind kind, UUID id) {
        byte[] body = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
        return ENCODE.encodeToString(body) + "." + ENCODE.encodeToString(sign(kind, body));
    }

    /** The id a token names; empty when it is malformed or its signature does not match. */
    Optional<UUID> verify(Kind kind, String token) {
        if (token == null || token.length() > 80) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODE.decode(parts[0]);
            signature = DECODE.decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (body.length != 16 || !MessageDigest.isEqual(signature, sign(kind, body))) {
            return Optional.empty();
        }
        ByteBuffer read = ByteBuffer.wrap(body);
        return Optional.of(new UUID(read.getLong(), read.getLong()));
    }

    private byte[] sign(Kind kind, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            mac.update(kind.name().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(body), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            if (settings.linkKey() != null && !settings.linkKey().isBlank()) {
                known = settings.linkKey().getBytes(StandardCharsets.UTF_8);
            } else {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                jdbc.sql("insert into survey_keys (id, secret, created_at) values (1, ?, ?) on conflict (id) do nothing")
                        .params(fresh, Timestamp.from(clock.instant())).update();
                known = jdbc.sql("select secret from survey_keys where id = 1").query(byte[].class).single();
                Arrays.fill(fresh, (byte) 0);
            }
            key = known;
        }
        return known;
    }
}
