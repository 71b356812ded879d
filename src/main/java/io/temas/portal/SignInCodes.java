package io.temas.portal;

import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.Language;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time sign-in codes for the customer's own page. A code is six random digits, lives
 * {@code code-lifetime}, is kept only as a hash, opens one session and dies after
 * {@code attempts-per-code} wrong guesses. An address gets at most {@code codes-per-address}
 * codes and {@code guesses-per-address} wrong guesses per {@code address-window}, counted in the
 * database under a lock on the address, so every node counts the same. An address nobody holds
 * is treated exactly like a known one (a row, the same limits, the same page) except that nothing
 * is sent, so the sign-in page never tells whether an address is known.
 */
@Service
class SignInCodes {

    private static final Logger log = LoggerFactory.getLogger(SignInCodes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String KIND = "portal-code";

    /** What asking for a code came to. */
    sealed interface Requested {
    }

    /** A code row was written (and sent, when the address is somebody's); the page asks for it by {@code challenge}. */
    record Issued(UUID challenge) implements Requested {
    }

    /** The address had its codes for now. */
    record Throttled(Duration retryIn) implements Requested {
    }

    /**
     * Nothing can carry a code on that channel (no mailbox or number to send from): said to everyone alike, since it
     * does not depend on the address, rather than telling them a code is on its way.
     */
    record Unavailable(ChannelType channel) implements Requested {
    }

    /** Why a code was not taken. */
    enum Failure {
        /** Not the code sent; more guesses are left. */
        WRONG,
        /** Past its lifetime, already used, or no such code. */
        EXPIRED,
        /** Too many wrong guesses, for this code or the address. */
        SPENT
    }

    /** What typing a code came to. */
    sealed interface Checked {
    }

    record SignedIn(CustomerId customer, String address) implements Checked {
    }

    record Refused(Failure failure, int attemptsLeft) implements Checked {
    }

    private record Code(UUID id, String address, UUID customerId, byte[] hash, Instant expiresAt, int attempts, Instant usedAt) {
    }

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Outbox outbox;
    private final CodeSenders senders;
    private final SignInSettings settings;
    private final MessageSource messages;
    private final Ids ids;
    private final Clock clock;

    SignInCodes(JdbcClient jdbc, Customers customers, Outbox outbox, CodeSenders senders, SignInSettings settings, MessageSource messages,
                Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.outbox = outbox;
        this.senders = senders;
        this.settings = settings;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Issues a code for an address already checked and normalised (lower-case e-mail or E.164),
     * sent on {@code channel} in {@code language} when a customer holds the address.
     */
    @Transactional
    Requested request(String address, ChannelType channel, Language language) {
        Optional<String> sender = senders.from(channel);
        if (sender.isEmpty()) {
            log.warn("No {} entry point to send sign-in codes from; set temas.portal.sign-in.{}-from", channel.code(),
                    ChannelType.EMAIL.equals(channel) ? "email" : "sms");
            return new Unavailable(channel);
        }
        Instant now = clock.instant();
        lock(address);
        Instant since = now.minus(settings.addressWindow());
        var recent = jdbc.sql("select count(*), min(created_at) from portal_codes where address = ? and created_at > ?")
                .params(address, Timestamp.from(since))
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getTimestamp(2)}).single();
        if ((int) recent[0] >= settings.codesPerAddress()) {
            Instant oldest = ((Timestamp) recent[1]).toInstant();
            return new Throttled(Duration.between(now, oldest.plus(settings.addressWindow())));
        }
        // Codes and sessions long past are cleared as new ones are made: no job, and the table stays small.
        jdbc.sql("delete from portal_codes where created_at < ?").param(Timestamp.from(now.minus(Duration.ofDays(1)))).update();
        Optional<Customer> owner = customers.findByIdentifier(address);
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        UUID id = ids.next();
        jdbc.sql("""
                        insert into portal_codes (id, address, channel, customer_id, code_hash, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, address, channel.code(), owner.map(c -> c.id().value()).orElse(null), hash(id, code), Timestamp.from(now),
                        Timestamp.from(now.plus(settings.codeLifetime())))
                .update();
        if (owner.isPresent()) {
            send(sender.get(), address, channel, code, language);
        }
        return new Issued(id);
    }

    private void send(String sender, String address, ChannelType channel, String code, Language language) {
        long minutes = Math.max(1, settings.codeLifetime().toMinutes());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Temas-Kind", KIND);
        if (ChannelType.EMAIL.equals(channel)) {
            headers.put("Auto-Submitted", "auto-generated");
            outbox.enqueue(new OutboundMessage(channel, sender, address, text(language, "selfservice.code.mail.subject", code),
                    text(language, "selfservice.code.mail.body", code, minutes), headers, null, null));
        } else {
            outbox.enqueue(new OutboundMessage(channel, sender, address, null, text(language, "selfservice.code.sms", code, minutes),
                    headers, null, null));
        }
    }

    /** Checks a typed code against the code {@code challenge} names; a right one is used up and names the customer (following merges). */
    @Transactional
    Checked check(UUID challenge, String typed) {
        Instant now = clock.instant();
        Optional<Code> found = jdbc.sql("select * from portal_codes where id = ?").param(challenge)
                .query((rs, n) -> rs.getString("address")).optional()
                .flatMap(address -> {
                    lock(address);
                    return jdbc.sql("select * from portal_codes where id = ? for update").param(challenge)
                            .query((rs, n) -> new Code(rs.getObject("id", UUID.class), rs.getString("address"),
                                    rs.getObject("customer_id", UUID.class), rs.getBytes("code_hash"),
                                    rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts"),
                                    rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()))
                            .optional();
                });
        if (found.isEmpty() || found.get().usedAt() != null || !now.isBefore(found.get().expiresAt())) {
            return new Refused(Failure.EXPIRED, 0);
        }
        Code code = found.get();
        int wrongForAddress = jdbc.sql("select coalesce(sum(attempts), 0) from portal_codes where address = ? and created_at > ?")
                .params(code.address(), Timestamp.from(now.minus(settings.addressWindow()))).query(Integer.class).single();
        if (code.attempts() >= settings.attemptsPerCode() || wrongForAddress >= settings.guessesPerAddress()) {
            return new Refused(Failure.SPENT, 0);
        }
        boolean right = typed != null && typed.matches("\\d{6}") && MessageDigest.isEqual(hash(code.id(), typed), code.hash());
        if (!right || code.customerId() == null) {
            jdbc.sql("update portal_codes set attempts = attempts + 1 where id = ?").param(code.id()).update();
            int left = Math.min(settings.attemptsPerCode() - code.attempts() - 1, settings.guessesPerAddress() - wrongForAddress - 1);
            return left > 0 ? new Refused(Failure.WRONG, left) : new Refused(Failure.SPENT, 0);
        }
        jdbc.sql("update portal_codes set used_at = ? where id = ?").params(Timestamp.from(now), code.id()).update();
        return new SignedIn(customers.current(new CustomerId(code.customerId())).id(), code.address());
    }

    /** One decision per address at a time: two requests at once do not both pass the limit, two guesses do not both count as one. */
    private void lock(String address) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('portal-code:' || ?))").param(address).query((rs, n) -> 1).list();
    }

    private String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }

    /** SHA-256 over the code's id and the digits: the table never holds a code that could be typed in. */
    static byte[] hash(UUID id, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(id.toString().getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            return digest.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
