package io.temas.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hashes an erased person's identifiers with HMAC-SHA256 under a key made once by the first node that needs it and kept
 * in {@code privacy_keys}: an address that comes back can be recognised as erased, while the hash alone, without the
 * installation's key, cannot be turned back into the address by trying every phone number.
 */
@Component
class PrivacyKeys {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate own;
    private volatile byte[] key;

    PrivacyKeys(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        // The key commits on its own: an erasure that rolls back must not leave this node with a key no other node knows.
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The hash of a normalised identifier of a type ({@code email}, {@code phone}, ...). */
    String hash(String type, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((type + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            known = own.execute(status -> {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                jdbc.sql("insert into privacy_keys (id, secret, created_at) values (1, ?, ?) on conflict (id) do nothing")
                        .params(fresh, Timestamp.from(clock.instant())).update();
                Arrays.fill(fresh, (byte) 0);
                return jdbc.sql("select secret from privacy_keys where id = 1").query(byte[].class).single();
            });
            key = known;
        }
        return known;
    }
}
