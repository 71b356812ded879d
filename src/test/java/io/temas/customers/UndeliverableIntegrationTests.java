package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether mail to an address is known to bounce is not asked of the database for an address the same transaction has just
 * created (a new sender's acknowledgement): a bounce is recorded in a transaction of its own, or here, which takes the
 * note back. Nor for one its look-up of the sender read (a known sender's acknowledgement): the look-up reads the bounce
 * on the way. The database is asked for every other address, and the note ends with its transaction.
 */
@TemasIntegrationTest
class UndeliverableIntegrationTests {

    @Autowired
    IdentityResolver identities;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAddressThisTransactionCreatedIsNotAskedAboutUntilABounceIsRecordedForIt() {
        Identifier fresh = Identifier.email("yeni-" + UUID.randomUUID() + "@example.com");
        Identifier known = Identifier.email("bilinen-" + UUID.randomUUID() + "@example.com");
        CustomerId knownOwner = identities.resolve(List.of(known), "Bilinen", Language.TR).customerId();

        transactions.executeWithoutResult(tx -> {
            CustomerId owner = identities.resolve(List.of(fresh), "Yeni", Language.TR).customerId();

            long before = identityLookUps();
            assertThat(customers.isUndeliverable(fresh)).isFalse();
            assertThat(identityLookUps()).as("created here: not asked").isEqualTo(before);

            assertThat(customers.isUndeliverable(known)).isFalse();
            assertThat(identityLookUps()).as("created before: asked").isGreaterThan(before);

            customers.markUndeliverable(owner, fresh, "550 no such user");
            assertThat(customers.isUndeliverable(fresh)).as("a bounce recorded here takes the note back").isTrue();
        });

        transactions.executeWithoutResult(tx -> {
            identities.resolve(List.of(known), "Bilinen", Language.TR);
            long before = identityLookUps();
            assertThat(customers.isUndeliverable(known)).isFalse();
            assertThat(identityLookUps()).as("read by this transaction's look-up: not asked again").isEqualTo(before);
        });

        customers.markUndeliverable(knownOwner, known, "550 no such user");
        transactions.executeWithoutResult(tx -> {
            identities.resolve(List.of(known), "Bilinen", Language.TR);
            long before = identityLookUps();
            assertThat(customers.isUndeliverable(known)).as("known, not created here, its bounce read by the look-up").isTrue();
            assertThat(identityLookUps()).as("not asked again").isEqualTo(before);
        });
        assertThat(customers.isUndeliverable(fresh)).as("recorded in the first transaction, which committed").isTrue();
    }

    /** Index look-ups of identities in the current transaction. */
    private long identityLookUps() {
        return jdbc.sql("select coalesce(sum(idx_scan), 0) from pg_stat_xact_user_tables where relname = 'identities'")
                .query(Long.class).single();
    }
}
